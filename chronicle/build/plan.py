"""Site -> every output file (pages, feeds, data files, sitemap, assets), each with its key.

Two stages. `plan_timeline`: the events' fragments (build.fragments), then the timeline; a
page can be rendered from it already (the preview server shows the open pages first). Then
`plan_files`: the version of each view (build.versions), the cards, and every file with its
key. A page rendered by the theme is keyed on its template (and every template that one
uses), its own variables, and what its render read, recorded when it was rendered
(build.tracking); a file made by the engine's own code is keyed on the versions of the views
it is made from (build.engine_files). All keys come from build.keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from chronicle.build.cache import BuildState, cache_folder_refusal, user_cache_folder
from chronicle.build.cards import Cards, card_identity, card_places
from chronicle.build.engine_files import asset_files, data_files, image_files, search_index_files
from chronicle.build.fragments import (
    EventFragments,
    make_fragments,
    pieces_key,
    search_words_key,
    summary_key,
)
from chronicle.build.keys import digest, engine_key, template_key, template_sources
from chronicle.build.media import Measured, copies_to_publish, measure_enclosures
from chronicle.build.planned import OutputFile, Plan, Rendered
from chronicle.build.splice import PieceSource, piece_keys
from chronicle.build.tracking import (
    PROXY_TYPES,
    Checks,
    Digests,
    Memo,
    Reads,
    describe,
    record,
    track,
)
from chronicle.build.versions import (
    describe_fields,
    event_versions,
    unchanged_views,
    view_index,
    view_versions,
)
from chronicle.build.write import DuplicateOutputError
from chronicle.model.chronology import relations
from chronicle.model.diagnostics import Diagnostic, Mark
from chronicle.model.media import Copy
from chronicle.model.records import Event, ImageMedia, Site
from chronicle.render.data_files import DATA_DIR
from chronicle.render.feeds import CORRECTIONS_FEED, FEED_FILES
from chronicle.render.pages import PageSpec, page_claim, page_specs, render_page
from chronicle.render.search.shards import FOLDER as SEARCH_FOLDER
from chronicle.render.theme import make_environment, theme_dirs
from chronicle.source.folders import CONTENT_DIR
from chronicle.timeline.assemble import Related, in_chronology, related_events, with_indexes
from chronicle.timeline.markdown import RenderedMarkdown, make_markdown
from chronicle.timeline.views import Timeline

# From this many events, the whole-timeline files are rendered before the workers start
# (see build.output).
PINNED_FIRST_FROM = 5_000


@dataclass(frozen=True)
class Planning:
    """The first stage's result: the timeline, the theme's environment, and what the second
    stage needs of the first."""

    site: Site
    root: Path
    first: Timeline
    """The timeline in chronology, its indexes not made yet (timeline.assemble.in_chronology):
    enough for an event's page."""
    env: jinja2.Environment
    cards: Cards
    """Holds no card yet: a page rendered now renders its cards in it."""
    dirs: tuple[Path, ...]
    card_template: str
    settings_version: str
    versions_of_events: Mapping[str, str]
    event_views: Mapping[str, str]
    summary_keys: Mapping[str, str]
    made_now: frozenset[str]
    fresh: dict[str, tuple[bytes, ...]]
    images: Mapping[str, tuple[ImageMedia, Copy]]
    measured: Measured
    used: set[str]

    def pieces(self, slug: str) -> str:
        return pieces_key(self.settings_version, self.versions_of_events[slug])

    @cached_property
    def timeline(self) -> Timeline:
        """The whole timeline, its listings, source pages and claims made (once)."""
        return with_indexes(self.first)


def plan_site(site: Site, root: Path, state: BuildState, provenance: Mapping[str, str], jobs: int) -> Plan:
    """Every output file of the site, in a stable order, refusing two files at one path.

    `provenance` gives the key of each event's record and each article from the load stage.
    """
    return plan_files(plan_timeline(site, root, state, provenance, jobs), state, provenance)


def plan_timeline(
    site: Site, root: Path, state: BuildState, provenance: Mapping[str, str], jobs: int
) -> Planning:
    """The first stage: the fragments of the events that changed, then the timeline."""
    md = make_markdown()
    cards = Cards()
    dirs = theme_dirs(root)
    # What the theme says depends on the interface language too (its messages, its dates).
    interface = digest(describe_fields(site.settings.wording, []))
    env = _environment(site, root, dirs, cards, state, interface)
    card_template = digest(template_key(env, "card.html", state.template_refs), interface)
    settings_version = digest(describe_fields(site.settings, []))
    recent_versions, recent_entities = (
        state.recent.setdefault("versions", {}),
        state.recent.setdefault("entities", {}),
    )
    linked = relations(site.events)
    kept = state.event_versions = event_versions(
        site, provenance, recent_versions, recent_entities, state.event_versions, linked
    )
    # Each made again only for the events a save touched (build.recent.KeptByEvent).
    versions_of_events = state.by_event.each(
        "interface", kept, interface, site.events, lambda event: digest(kept.versions[event.slug], interface)
    )
    store, used = state.fragments, set[str]()
    images = copies_to_publish(site)
    measured = measure_enclosures(images, root, store, used, jobs)
    summary_keys = state.by_event.each("summary", kept, None, site.events, summary_key)
    places = tuple(cards.places)
    has = state.by_event.each(
        "fragments",
        kept,
        (card_template, places),
        site.events,
        partial(_has_fragments, store, summary_keys, card_template, places),
    )
    todo = [event for event in site.events if not has[event.slug]]
    event_views = {f"event:{slug}": version for slug, version in versions_of_events.items()}
    # The pieces made now; the others come from the last build's files (build.splice).
    fresh: dict[str, tuple[bytes, ...]] = {}
    related = related_events(site, linked)
    made_now = make_fragments(site, todo, md, cards, event_views, jobs, measured.lengths, related)
    for event, made in zip(todo, made_now, strict=True):
        _keep(store, event, made, card_template)
        state.by_event.remember("fragments", event.slug, "made")
        words_key = search_words_key(pieces_key(settings_version, versions_of_events[event.slug]))
        store[words_key] = made.search_words
        fresh[event.slug] = made.pieces
    timeline = _timeline(site, md, state, summary_keys, measured.lengths, versions_of_events, related)
    done = frozenset(event.slug for event in todo)
    return Planning(
        site, root, timeline, env, cards, dirs, card_template, settings_version, versions_of_events,
        event_views, summary_keys, done, fresh, images, measured, used,
    )  # fmt: skip


def plan_files(planning: Planning, state: BuildState, provenance: Mapping[str, str]) -> Plan:
    """The second stage: every view's version, the cards, and every file with its key."""
    site, timeline, cards, store, used = (
        planning.site, planning.timeline, planning.cards, state.fragments, planning.used
    )  # fmt: skip
    index = view_index(timeline)
    versions = view_versions(index, {**provenance, **planning.event_views})
    digests = Digests(index, versions)
    plan = Plan([], timeline, versions, state.versions, digests, len(site.events) >= PINNED_FIRST_FROM)
    plan.previous = state.pages
    _check_cards(plan, cards, store, planning.card_template, index, planning.made_now)
    for event in site.events:
        used.add(planning.summary_keys[event.slug])
        used.update(_card_store_key(card_identity(event.slug, *place)) for place in cards.places)
    keys = piece_keys([event.slug for event in site.events], planning.pieces)
    plan.pieces = PieceSource(timeline, keys, planning.fresh, state.pages, state.layouts)
    plan.files = [
        *_pages(plan, planning.env, cards, state.template_refs, planning.card_template),
        *data_files(plan, planning.settings_version, plan.pieces),
        *search_index_files(
            plan, planning.settings_version, store, used, planning.pieces, state.search_memo, state.search
        ),
        *asset_files(planning.dirs),
        *image_files(planning.images, planning.root, planning.measured),
    ]
    store.keep_only(used)  # only what the site still uses
    state.layouts.keep_only({item.path for item in plan.files if item.whole})
    _refuse_duplicates(plan.files)
    return plan


def _timeline(
    site: Site,
    md: MarkdownIt,
    state: BuildState,
    summary_keys: Mapping[str, str],
    lengths: Mapping[str, int],
    versions: Mapping[str, str],
    related: Related,
) -> Timeline:
    """The timeline in chronology (its indexes are made later: `Planning.timeline`), from the
    summaries kept and (in a session that builds again) the views of the events unchanged
    since its last plan; it keeps this one's views for the next (`versions`: slug -> the
    version of the event's view)."""
    made = unchanged_views(state.views, versions)
    summaries = KeptSummaries(state.fragments, summary_keys)
    wording = site.settings.wording
    timeline = in_chronology(site, md, summaries, lengths, made, state.periods.makers(wording), related)
    state.periods.keep(timeline.years, wording)
    state.views = {view.slug: (versions[view.slug], view) for view in timeline.events}
    return timeline


class KeptSummaries(Mapping[str, RenderedMarkdown]):
    """Slug -> the event's summary as the fragments keep it (`summary_keys`: slug -> its key in
    `store`), each made when asked for: only the views made again read one."""

    def __init__(self, store: Mapping[str, Any], summary_keys: Mapping[str, str]) -> None:
        self._store, self._keys = store, summary_keys

    def __getitem__(self, slug: str) -> RenderedMarkdown:
        return _summary(self._store[self._keys[slug]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _environment(
    site: Site, root: Path, dirs: tuple[Path, ...], cards: Cards, state: BuildState, interface: str
) -> jinja2.Environment:
    """The theme's environment, its card functions set up; the compiled templates hold the
    fixed messages translated, so they are kept per interface language."""
    compiled = None
    if state.engine and cache_folder_refusal(root) is None:
        compiled = user_cache_folder() / "templates" / engine_key() / interface
    env = make_environment(dirs, cards.functions(), PROXY_TYPES, compiled, site.settings.wording)
    cards.env = env
    cards.places = card_places(_default_template(dirs, env, "card.html", state.template_refs))
    return env


def _summary(kept: list[Any]) -> RenderedMarkdown:
    return RenderedMarkdown(tuple(kept[0]), kept[1])


def _card_store_key(identity: str) -> str:
    return "card:" + identity


def _default_template(
    dirs: tuple[Path, ...], env: jinja2.Environment, name: str, refs: dict[str, list[str]]
) -> bool:
    """Whether `name` and every template it uses are the default theme's (the last folder)."""
    names = [source.partition("\0")[0] for source in template_sources(env, name, refs)]
    return not any(
        (folder / used).exists() or (folder / used).is_symlink() for folder in dirs[:-1] for used in names
    )


def _has_fragments(
    store: Mapping[str, Any],
    summary_keys: Mapping[str, str],
    card_template: str,
    places: Sequence[tuple[str, str]],
    event: Event,
) -> str:
    """ "found" when the store holds the event's summary and its cards, made from `card_template`;
    "" when not. (The store keeps every fragment the site still uses: an event that had them
    in the last run has them still.)"""
    if summary_keys[event.slug] not in store:
        return ""
    cards = (store.get(_card_store_key(card_identity(event.slug, *place))) for place in places)
    return "found" if all(card is not None and card[0] == card_template for card in cards) else ""


def _keep(store: dict[str, Any], event: Event, made: EventFragments, card_template: str) -> None:
    # The cache's tables hold JSON's own values (lists, texts): see build.cache.
    store[summary_key(event)] = [list(made.summary.parts), made.summary.text]
    for identity, card in made.cards.items():
        store[_card_store_key(identity)] = [card_template, card.html, card.reads, digest(card.html)]


def _check_cards(
    plan: Plan,
    cards: Cards,
    store: dict[str, Any],
    card_template: str,
    index: dict[str, object],
    made_now: frozenset[str],
) -> None:
    """Every card, as kept or rendered again where what it read has changed (those of the
    events in `made_now` were just made); each becomes a view of its own (its HTML), which
    the pages showing it read."""
    # What a card reads is never a card: every version it may read is known by now.
    checks = Checks(dict(plan.versions), plan.seen, plan.digests)
    for view in plan.timeline.events:
        for root, heading in cards.places:
            identity = card_identity(view.slug, root, heading)
            kept = store[_card_store_key(identity)]
            if view.slug not in made_now and (kept[0] != card_template or not checks.still_true(kept[2])):
                reads = Reads()
                html = cards.render(view, root, heading, reads)
                kept = [card_template, html, record(reads.by_view(), plan.digests), digest(html)]
                store[_card_store_key(identity)] = kept
            cards.made[identity] = kept[1]
            index[identity] = kept[1]
            plan.versions[identity] = kept[3]  # the digest of its HTML, kept with it


def _pages(
    plan: Plan, env: jinja2.Environment, cards: Cards, refs: dict[str, list[str]], card_template: str
) -> Iterable[OutputFile]:
    """Every page of the theme. A page's template key covers the card template too (and so
    the interface language, which that key holds): any page may show cards (`card()`,
    `cards()`), rendered in the page where they are not shared, which no include names."""
    templates: dict[str, str] = {}
    memo: Memo = {}
    for spec in page_specs(plan.timeline):
        if spec.template not in templates:
            templates[spec.template] = digest(template_key(env, spec.template, refs), card_template)
        key = digest(engine_key(), templates[spec.template], spec.path, describe(spec.variables, memo=memo))
        render = partial(_render_tracked, env, cards, spec, plan)
        yield OutputFile(spec.path, key, render, whole=spec.chunked, origin=spec)


def _render_tracked(env: jinja2.Environment, cards: Cards, spec: PageSpec, plan: Plan) -> Rendered:
    reads = Reads()
    cards.reads = reads
    data = render_page(env, spec, track(spec.variables, reads))
    previous = plan.previous.get(spec.path)
    if previous is None or previous[3] is None:
        return data, record(reads.by_view(), plan.digests)
    return data, record(reads.by_view(), plan.digests, previous[3], plan.changed())


def _refuse_duplicates(files: Sequence[OutputFile]) -> None:
    """Two files at one path: what each is, for a person (the rules on ids keep any two of the
    editors' names apart, so this is a safety net: README, "Rules the build enforces")."""
    seen: dict[str, OutputFile] = {}
    for item in files:
        first = seen.setdefault(item.path, item)
        if first is not item:
            raise DuplicateOutputError(item.path, (output_claim(first), output_claim(item)))


def collision_error(error: DuplicateOutputError) -> Diagnostic:
    """Two files claiming one path, as a content error: at the site file making one of them."""
    where = next((where for _, where in error.claims if where), CONTENT_DIR)
    return Diagnostic(
        Mark(where),
        "error",
        str(error),
        'rename one of them (the rules on names are in the README, under "Rules the build '
        'enforces"); if neither is yours to rename, this is a bug in the timeline builder: please report it',
    )


def output_claim(item: OutputFile) -> tuple[str, str | None]:
    """What an output file is, in words, and the site file that makes it (None: no one file)."""
    if isinstance(item.origin, PageSpec):
        return page_claim(item.origin)
    path = item.path
    if path.startswith("assets/"):
        return f"the theme's file {path}", None
    if path.startswith("media/"):
        return f"a copy of an image, {path}", None
    if path.startswith(SEARCH_FOLDER):
        return f"a file of the search index, {path}", None
    if path.startswith(DATA_DIR + "/"):
        return f"the data file {path}", None
    if path.endswith(tuple(FEED_FILES.values())) or path == CORRECTIONS_FEED:
        return f"the feed {path}", None
    return f"the file {path}", None
