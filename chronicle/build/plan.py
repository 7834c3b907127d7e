"""Site -> every output file (pages, feeds, data files, sitemap, assets), each with its key.

The events' fragments are made first (build.fragments), then the timeline, the version of
each of its views (build.versions) and the cards. A page rendered by the theme is keyed on
its template (and every template that one uses), its own variables, and what its render
read, recorded when it was rendered (build.tracking); a file made by the engine's own code
is keyed on the versions of the views it is made from. All keys come from build.keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from chronicle.build.cache import BuildState, user_cache_folder
from chronicle.build.cards import Cards, card_identity, card_places
from chronicle.build.fragments import (
    EventFragments,
    make_fragments,
    pieces_key,
    search_words_key,
    summary_key,
)
from chronicle.build.keys import digest, engine_key, template_key, template_sources
from chronicle.build.media import Measured, copies_to_publish, copy_key, measure_enclosures
from chronicle.build.planned import OutputFile, Plan, Rendered
from chronicle.build.search_memo import SearchMemo
from chronicle.build.splice import FilePieces, PieceSource, piece_keys, spliced
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
from chronicle.build.write import OUTPUT_MARK, OUTPUT_MARK_TEXT, Chunks, DuplicateOutputError
from chronicle.model.media import Copy
from chronicle.model.records import Event, ImageMedia, Site
from chronicle.render.assets import theme_assets
from chronicle.render.images import publish_copy
from chronicle.render.pages import PageSpec, page_specs, render_page
from chronicle.render.theme import make_environment, theme_dirs
from chronicle.timeline.assemble import build_timeline
from chronicle.timeline.markdown import RenderedMarkdown, make_markdown
from chronicle.timeline.views import EventView, Timeline

# From this many events, the whole-timeline files are rendered before the workers start
# (see build.output).
PINNED_FIRST_FROM = 5_000


def plan_site(site: Site, root: Path, state: BuildState, provenance: Mapping[str, str], jobs: int) -> Plan:
    """Every output file of the site, in a stable order, refusing two files at one path.

    `provenance` gives the key of each event's record and each article from the load stage.
    """
    md = make_markdown()
    cards = Cards()
    dirs = theme_dirs(root)
    # What the theme says depends on the interface language too (its messages, its dates).
    interface = digest(describe_fields(site.settings.wording, []))
    env = _environment(site, dirs, cards, state, interface)
    card_template = digest(template_key(env, "card.html", state.template_refs), interface)
    settings_version = digest(describe_fields(site.settings, []))
    versions_of_events = {
        slug: digest(version, interface) for slug, version in event_versions(site, provenance).items()
    }
    store, used = state.fragments, set[str]()
    images = copies_to_publish(site)
    measured = measure_enclosures(images, root, store, used, jobs)

    def pieces(slug: str) -> str:
        return pieces_key(settings_version, versions_of_events[slug])

    summary_keys = {event.slug: summary_key(event) for event in site.events}
    todo = [
        event
        for event in site.events
        if not _has_fragments(store, event, summary_keys, card_template, cards.places)
    ]
    event_views = {f"event:{slug}": version for slug, version in versions_of_events.items()}
    fresh = {}  # the pieces made now; the others come from the last build's files (build.splice)
    made_now = make_fragments(site, todo, md, cards, event_views, jobs, measured.lengths)
    for event, made in zip(todo, made_now, strict=True):
        _keep(store, event, made, card_template)
        store[search_words_key(pieces(event.slug))] = made.search_words
        fresh[event.slug] = made.pieces
    timeline = _timeline(site, md, state, summary_keys, measured.lengths, event_views)
    index = view_index(timeline)
    versions = view_versions(index, {**provenance, **event_views})
    digests = Digests(index, versions)
    plan = Plan([], timeline, versions, state.versions, digests, len(site.events) >= PINNED_FIRST_FROM)
    plan.previous = state.pages
    _check_cards(plan, cards, store, card_template, index, {event.slug for event in todo})
    for event in site.events:
        used.add(summary_keys[event.slug])
        used.update(_card_store_key(card_identity(event.slug, *place)) for place in cards.places)
    keys = piece_keys([event.slug for event in site.events], pieces)
    plan.pieces = PieceSource(timeline, keys, fresh, state.pages, state.layouts)
    plan.files = [
        *_pages(plan, env, cards, state.template_refs, card_template),
        *_data_files(plan, settings_version, plan.pieces),
        *_search_files(plan, settings_version, store, used, pieces, state.search),
        *_asset_files(dirs),
        *_image_files(images, root, measured),
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
    event_views: Mapping[str, str],
) -> Timeline:
    """The timeline, from the summaries kept and (in a session that builds again) the views of
    the events unchanged since its last plan; it keeps this one's views for the next."""
    summaries = {slug: _summary(state.fragments[key]) for slug, key in summary_keys.items()}
    timeline = build_timeline(site, md, summaries, lengths, unchanged_views(state.views, event_views))
    state.views = {view.slug: (event_views[view.identity], view) for view in timeline.events}
    return timeline


def _environment(
    site: Site, dirs: tuple[Path, ...], cards: Cards, state: BuildState, interface: str
) -> jinja2.Environment:
    """The theme's environment, its card functions set up; the compiled templates hold the
    fixed messages translated, so they are kept per interface language."""
    compiled = user_cache_folder() / "templates" / engine_key() / interface if state.engine else None
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
    event: Event,
    summary_keys: Mapping[str, str],
    card_template: str,
    places: Sequence[tuple[str, str]],
) -> bool:
    if summary_keys[event.slug] not in store:
        return False
    cards = (store.get(_card_store_key(card_identity(event.slug, *place))) for place in places)
    return all(card is not None and card[0] == card_template for card in cards)


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
    made_now: set[str],
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
        yield OutputFile(spec.path, key, render, whole=spec.chunked)


def _render_tracked(env: jinja2.Environment, cards: Cards, spec: PageSpec, plan: Plan) -> Rendered:
    reads = Reads()
    cards.reads = reads
    data = render_page(env, spec, track(spec.variables, reads))
    previous = plan.previous.get(spec.path)
    if previous is None or previous[3] is None:
        return data, record(reads.by_view(), plan.digests)
    return data, record(reads.by_view(), plan.digests, previous[3], plan.changed())


def _data_files(plan: Plan, settings_version: str, source: PieceSource) -> Iterable[OutputFile]:
    from chronicle.render.calendar import CALENDAR_PATH, calendar_chunks
    from chronicle.render.events_csv import EVENTS_CSV, events_csv_chunks
    from chronicle.render.events_json import EVENTS_JSON, events_json_chunks
    from chronicle.render.events_schema import EVENTS_SCHEMA, render_events_schema
    from chronicle.render.feeds import (
        CORRECTIONS_FEED,
        FEED_FILES,
        corrections_feed,
        feed_chunks,
        subject_feed_chunks,
        subject_feed_paths,
    )
    from chronicle.render.timelinejs_export import TIMELINEJS_JSON, timelinejs_chunks

    timeline = plan.timeline
    everything = digest(engine_key(), settings_version, plan.versions["timeline"])
    # (path, key, the file's render once given the pieces it is made of)
    made: list[tuple[str, str, Callable[[FilePieces], Callable[[], Chunks]]]] = [
        (name, everything, partial(_with_entries, partial(feed_chunks, timeline, kind)))
        for kind, name in FEED_FILES.items()
    ]
    made += [
        (EVENTS_JSON, everything, partial(_with_pieces, partial(events_json_chunks, timeline), "record")),
        (EVENTS_CSV, everything, partial(_with_pieces, partial(events_csv_chunks, timeline), "csv")),
        (EVENTS_SCHEMA, everything, partial(_without_pieces, partial(render_events_schema, timeline))),
        (CORRECTIONS_FEED, everything, partial(_without_pieces, partial(corrections_feed, timeline))),
        (TIMELINEJS_JSON, everything, partial(_with_pieces, partial(timelinejs_chunks, timeline), "slide")),
        (CALENDAR_PATH, everything, partial(_with_pieces, partial(calendar_chunks, timeline), "calendar")),
    ]
    for listing in (*timeline.tags, *timeline.actors, *timeline.places):
        shown = digest(engine_key(), settings_version, plan.versions[listing.identity])
        for kind, path in subject_feed_paths(listing).items():
            made.append(
                (path, shown, partial(_with_entries, partial(subject_feed_chunks, timeline, kind, listing)))
            )
    for path, key, render in made:
        pieces, file_key = source.for_file(path), digest(path, key)
        yield OutputFile(path, file_key, partial(spliced, render(pieces), pieces, file_key), whole=True)
    yield OutputFile(".nojekyll", "", partial(_untracked, lambda: b""))
    yield OutputFile(OUTPUT_MARK, "", partial(_untracked, lambda: OUTPUT_MARK_TEXT))


def _search_files(
    plan: Plan,
    settings_version: str,
    store: MutableMapping[str, Any],
    used: set[str],
    pieces: Callable[[str], str],
    memo: SearchMemo | None,
) -> Iterable[OutputFile]:
    """The search index's files. They are named by their content, so their list is known only
    once the index is made: it is kept under the key of the timeline it was made from, and the
    index is made again only when that changes (or when one of its files must be rewritten).
    Each event's words are kept under its pieces key (`pieces`), made with its fragments."""
    from chronicle.render.search.shards import search_files
    from chronicle.render.search.terms import event_words

    listing_key = "search-files:" + digest(engine_key(), settings_version, plan.versions["timeline"])
    words_keys = {view.slug: search_words_key(pieces(view.slug)) for view in plan.timeline.events}
    used.update(words_keys.values())
    made: dict[str, bytes] = {}

    def words_of(view: EventView) -> str:
        key = words_keys[view.slug]
        found = store.get(key)
        if found is None:
            found = store[key] = event_words(view)
        return str(found)

    def files() -> dict[str, bytes]:
        if not made:
            made.update(
                search_files(plan.timeline, words_of) if memo is None else memo.files(plan.timeline, words_of)
            )
        return made

    listed = store.get(listing_key)
    if listed is None:
        listed = store[listing_key] = [[path, digest(data)] for path, data in files().items()]
    used.add(listing_key)
    for path, content in listed:
        render = partial(_untracked, partial(_search_file, files, path))
        yield OutputFile(path, digest(engine_key(), path, content), render, whole=True)


def _search_file(files: Callable[[], dict[str, bytes]], path: str) -> bytes:
    return files()[path]


def _with_entries(render: Callable[..., Chunks], pieces: FilePieces) -> Callable[[], Chunks]:
    """A feed's render, its entries from `pieces`."""
    return partial(render, entry_text=pieces.entry)


def _with_pieces(render: Callable[..., Chunks], kind: str, pieces: FilePieces) -> Callable[[], Chunks]:
    return partial(render, pieces.piece(kind))


def _without_pieces(render: Callable[[], Chunks], pieces: FilePieces) -> Callable[[], Chunks]:
    return render


def _untracked(render: Callable[[], Chunks]) -> Rendered:
    return render(), None


def _asset_files(dirs: tuple[Path, ...]) -> Iterable[OutputFile]:
    for path, data in theme_assets(dirs):
        yield OutputFile(path, digest(data), partial(_untracked, partial(bytes, data)))


def _image_files(
    copies: Mapping[str, tuple[ImageMedia, Copy]], root: Path, measured: Measured
) -> Iterable[OutputFile]:
    for path, (image, copy) in copies.items():
        render = partial(_untracked, partial(_image_copy, root, image, copy, measured.made))
        yield OutputFile(path, copy_key(image, copy), render)


def _image_copy(root: Path, image: ImageMedia, copy: Copy, made: Mapping[str, bytes]) -> bytes:
    """The copy made to measure it, or made now (in a worker)."""
    return made.get(copy.path) or publish_copy(root, image, copy)


def _refuse_duplicates(files: Sequence[OutputFile]) -> None:
    seen: set[str] = set()
    for item in files:
        if item.path in seen:
            raise DuplicateOutputError(f"two files would be written to {item.path}")
        seen.add(item.path)
