"""Site -> every output file (pages, feeds, search index, sitemap, assets), each with a cache key.

A file's key digests everything its bytes depend on: its template and the templates that
template uses, the site settings, and the view objects it shows. A rebuild renders only the
files whose key changed and hard-links the rest from the previous output, then swaps the
new folder in whole. Rendering runs in `jobs` forked workers; order never depends on them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2

from chronicle.build.cache import CACHE_DIRNAME, BuildState, digest, view_key
from chronicle.build.fragments import (
    EventFragments,
    Piece,
    event_pieces,
    make_event_fragments,
    remembered_card_key,
    store_cards,
    stored_summaries,
)
from chronicle.build.heap import one_build
from chronicle.build.parallel import fork_map_shares
from chronicle.build.write import (
    Chunks,
    DuplicateOutputError,
    ThreadedWriter,
    folders_of,
    holds_exactly,
    joined,
    restamp_folders,
    reuse_file,
    stamp_folders,
    swap_in,
    update_in_place,
    write_file,
)
from chronicle.model.records import Article, Site
from chronicle.render.assets import theme_assets
from chronicle.render.pages import (
    CardRenderer,
    make_environment,
    render_disputes_page,
    render_event_page,
    render_free_page,
    render_index,
    render_listing_index,
    render_listing_page,
    render_not_found_page,
    render_sitemap,
    render_source_page,
    render_sources_index,
    template_key,
    theme_dirs,
    use_cards,
)
from chronicle.render.search import INDEX_PATH, search_index_chunks
from chronicle.timeline.markdown import make_markdown
from chronicle.timeline.views import (
    EventView,
    SourcePage,
    Timeline,
    build_timeline,
)

# From this many events, the files made from every event's pieces (and the cache's tables)
# are written before the workers start rather than alongside them: the main process writes
# to every page of memory it reads, and a page still shared with a worker is then copied.
# A small site gains the parallel time; a large one saves memory (about 0.4 GiB at 20,000).
PINNED_FIRST_FROM = 5_000


# A rebuild of a few files writes them from a second thread while it renders the next; a
# large build keeps every core busy rendering, where the thread would only contend.
THREADED_WRITES_BELOW = 200

# A rebuild of fewer files than this renders them all in this process: forking a worker
# (copying the page tables of the whole model, then each page either side writes to) costs
# more than the worker saves. Measured for a one-summary edit: 0.566 -> 0.546 s at 2,000
# events, 5.81 -> 5.04 s at 20,000.
ONE_PROCESS_REBUILD_BELOW = 200


@dataclass(frozen=True)
class OutputFile:
    """One file of the site: where it goes, what its bytes depend on, and how to make them."""

    path: str
    key: str
    render: Callable[[], Chunks]
    whole: bool = False
    """Made from every event's cards or pieces: rendered by the main process, which holds
    them (a worker would copy every page of memory it reads them from)."""


@dataclass(frozen=True)
class Alongside:
    """Work for this process to do while the files render (saving the cache's tables)."""

    reading_pieces: Callable[[], object]
    """Reads every event's cards and pieces: on a large site, it runs in a thread beside the
    whole-timeline files, before the workers start (a worker copies every page it reads)."""
    rest: Callable[[], object]
    """Reads what the workers read too (the events): it runs while they work."""


@dataclass
class BuildReport:
    files: int = 0
    rendered: int = 0
    reused: int = 0
    paths: list[str] = field(default_factory=list)


def render_site(site: Site, root: Path, jobs: int = 1) -> dict[str, bytes]:
    """Every output file in memory (no cache), for tests."""
    with one_build():  # the collector off while it plans, as in a build
        plan = plan_outputs(site, root, BuildState(""), jobs)
        return {item.path: joined(item.render()) for item in plan}


def build_output(
    site: Site,
    root: Path,
    out: Path,
    state: BuildState,
    jobs: int,
    alongside: Callable[[BuildReport], Alongside | None] | None = None,
) -> BuildReport:
    """Write the site into `out`, rendering only what changed since `state`.

    A cold build fills a new folder and swaps it in whole. When `out` holds exactly what the
    last build wrote, only the changed files are rendered (into a folder beside `out`) and,
    once all of them succeeded, moved in one by one; files no longer produced are deleted.
    Once every file is planned, `alongside(report)` may give work for this process to do
    while the workers render (the workers then get that much more of the rendering).
    """
    plan = plan_outputs(site, root, state, jobs)
    keys = {item.path: item.key for item in plan}
    same_out = state.out == str(out.resolve()) and out.is_dir()
    reusable = {item.path for item in plan if same_out and _unchanged(str(out), item, state)}
    fresh = [item for item in plan if item.path not in reusable]
    report = BuildReport(files=len(plan), rendered=len(fresh), reused=len(reusable), paths=sorted(keys))
    stamps: dict[str, tuple[int, int]] = {}

    def render_fresh(staging: Path, jobs: int = jobs) -> None:
        first = len(site.events) >= PINNED_FIRST_FROM

        def render_into(share: Sequence[OutputFile]) -> list[tuple[str, int, int]]:
            # Files rendered before the workers start are written from a second thread:
            # the other core is free then.
            before_workers = first and all(item.whole for item in share)
            if len(fresh) >= THREADED_WRITES_BELOW and not before_workers:
                return [(item.path, *_stamp(write_file(staging, item.path, item.render()))) for item in share]
            with ThreadedWriter(staging) as writer:
                for item in share:
                    writer.write(item.path, item.render())
            return [(item.path, *writer.stamps[item.path]) for item in share]

        # The last build's size of each file is a fair guess of its cost (the home page and
        # the whole-timeline files dwarf an event page): balance the workers by it.
        weights = [float(state.pages.get(item.path, ("", 20_000))[1]) for item in fresh]
        pinned = [item.whole for item in fresh]
        also = alongside(report) if alongside is not None else None
        for path, size, mtime in fork_map_shares(
            render_into,
            fresh,
            jobs,
            weights,
            pinned,
            also.rest if also else None,
            first,
            also.reading_pieces if also else None,
        ):
            stamps[path] = (size, mtime)

    if same_out and holds_exactly(out, state.pages.keys(), state.folders):
        stale = sorted(set(state.pages) - set(keys))
        few = len(fresh) < ONE_PROCESS_REBUILD_BELOW
        update_in_place(out, partial(render_fresh, jobs=1) if few else render_fresh, stale)
        stamps.update({path: state.pages[path][1:] for path in reusable})
        state.folders = restamp_folders(out, state.folders, keys, [item.path for item in fresh] + stale)
    else:

        def fill(staging: Path) -> None:
            render_fresh(staging)
            for path in sorted(reusable):
                status = reuse_file(out / path, staging, path)
                stamps[path] = (status.st_size, status.st_mtime_ns)

        swap_in(out, fill)
        state.folders = stamp_folders(out, sorted(folders_of(keys)))
    state.pages = {path: (keys[path], *stamps[path]) for path in keys}
    state.out = str(out.resolve())
    return report


def _stamp(status: os.stat_result) -> tuple[int, int]:
    return status.st_size, status.st_mtime_ns


def _unchanged(out: str, item: OutputFile, state: BuildState) -> bool:
    recorded = state.pages.get(item.path)
    if recorded is None or recorded[0] != item.key:
        return False
    try:
        status = os.stat(f"{out}/{item.path}")
    except OSError:
        return False
    return (status.st_size, status.st_mtime_ns) == recorded[1:]


def plan_outputs(site: Site, root: Path, state: BuildState, jobs: int) -> list[OutputFile]:
    """Every output file of the site, in a stable order, refusing two files at one path."""
    md = make_markdown()
    used: set[str] = set()
    dirs = theme_dirs(root)
    env = make_environment(dirs, root / CACHE_DIRNAME / "templates" if state.engine else None)
    made = make_event_fragments(site, md, env, state, jobs)
    timeline = build_timeline(site, md, stored_summaries(site, state, made, used))
    planner = _Planner(env, timeline, state, made, used)
    cards = CardRenderer(env, planner.card_keys, state.fragments)
    use_cards(env, cards)
    store_cards(cards, timeline, made, used)
    planner.pieces = event_pieces(timeline, planner.keys_by_slug, state, made, used)
    items = [*planner.pages(), *planner.data_files(), *_asset_files(dirs)]
    state.fragments.keep_only(used)  # only what the site still uses
    seen: set[str] = set()
    for item in items:
        if item.path in seen:
            raise DuplicateOutputError(f"two files would be written to {item.path}")
        seen.add(item.path)
    return items


class _Planner:
    """Output files with keys, for one timeline and one theme."""

    def __init__(
        self,
        env: jinja2.Environment,
        timeline: Timeline,
        state: BuildState,
        made: dict[str, EventFragments],
        used: set[str],
    ) -> None:
        self.env = env
        self.timeline = timeline
        self.template_keys: dict[str, str] = {}
        site = timeline.site
        nav = [(page.path, page.page.title) for page in timeline.pages]
        self.common = view_key(
            (site.settings, nav, len(timeline.events), [year.year for year in timeline.years])
        )
        # An event's key covers its file and what it was checked against, so its view too.
        self.event_keys = [view.event.key or view_key(view) for view in timeline.events]
        self.keys_by_slug = {
            view.slug: key for view, key in zip(timeline.events, self.event_keys, strict=True)
        }
        self.pieces: dict[str, Piece] = {}
        self.state = state
        self.used = used
        card_template = self._template_key("card.html")
        self.card_keys = {
            view.slug: remembered_card_key(view, card_template, state, made, used) for view in timeline.events
        }

    def _entry_text(self, view: EventView, kind: str) -> bytes:
        return self.pieces[kind](view)

    def _source_page_key(self, source: SourcePage) -> str:
        """`_source_page_key`, kept in the cache under the keys of the article and of the
        events citing it, which cover all it digests: a rebuild recomputes only the pages
        of the articles that a changed event cites."""
        citing = (self.keys_by_slug[view.slug] for view in source.citing)
        memo_key = "sourcekey:" + digest(_article_key(source.article), *citing)
        self.used.add(memo_key)
        if memo_key not in self.state.fragments:
            self.state.fragments[memo_key] = _source_page_key(source)
        return str(self.state.fragments[memo_key])

    def _listings_summary(self) -> str:
        """Every tag, actor and place with its number of events (the timeline's filters)."""
        timeline = self.timeline
        return repr(
            [
                (item.kind, item.id, item.name, len(item.events))
                for group in (timeline.tags, timeline.actors, timeline.places)
                for item in group
            ]
        )

    def key(self, template: str, *parts: str) -> str:
        return digest(self._template_key(template), self.common, *parts)

    def _template_key(self, name: str) -> str:
        if name not in self.template_keys:
            self.template_keys[name] = template_key(self.env, name)
        return self.template_keys[name]

    def pages(self) -> Iterable[OutputFile]:
        env, timeline = self.env, self.timeline
        yield OutputFile(
            "index.html",
            self.key("index.html", self._listings_summary(), *self.card_keys.values()),
            lambda: render_index(env, timeline),
            whole=True,
        )
        for index, view in enumerate(timeline.events):
            before, after = timeline.neighbours(index)
            neighbours = [(v.slug, v.title) for v in (before, after) if v is not None]
            yield OutputFile(
                view.path + "index.html",
                self.key("event.html", self.event_keys[index], repr(neighbours)),
                lambda index=index: render_event_page(env, timeline, index),  # type: ignore[misc]
            )
        yield OutputFile(
            "sources/index.html",
            self.key(
                "sources.html", repr([(_article_key(s.article), len(s.citing)) for s in timeline.sources])
            ),
            lambda: render_sources_index(env, timeline),
        )
        for source in timeline.sources:
            yield OutputFile(
                source.path + "index.html",
                self.key("source.html", self._source_page_key(source)),
                lambda source=source: render_source_page(env, timeline, source),  # type: ignore[misc]
            )
        for kind, listings in (
            ("tag", timeline.tags),
            ("actor", timeline.actors),
            ("place", timeline.places),
        ):
            summary = [(item.id, item.name, len(item.events)) for item in listings]
            yield OutputFile(
                f"{kind}s/index.html",
                self.key("listings.html", kind, repr(summary)),
                lambda kind=kind, listings=listings: render_listing_index(env, timeline, kind, listings),  # type: ignore[misc]
            )
            for listing in listings:
                yield OutputFile(
                    listing.path + "index.html",
                    self.key(
                        "listing.html",
                        view_key(listing.entity),
                        listing.kind,
                        listing.id,
                        listing.name,
                        *(self.card_keys[view.slug] for view in listing.events),
                    ),
                    lambda listing=listing: render_listing_page(env, timeline, listing),  # type: ignore[misc]
                )
        yield OutputFile(
            "disputes/index.html",
            # The claims themselves, not their events' keys: most edits to an event (its
            # summary, say) leave the page alone.
            self.key("disputes.html", view_key(timeline.claims)),
            lambda: render_disputes_page(env, timeline),
        )
        for page in timeline.pages:
            yield OutputFile(
                page.path + "index.html",
                self.key("page.html", view_key(page)),
                lambda page=page: render_free_page(env, timeline, page),  # type: ignore[misc]
            )
        yield OutputFile("404.html", self.key("404.html"), lambda: render_not_found_page(env, timeline))

    def data_files(self) -> Iterable[OutputFile]:
        from chronicle.render.feeds import FEED_FILES, feed_chunks  # feedgen and lxml load only when needed

        timeline = self.timeline
        everything = digest(self.common, *self.event_keys)
        for kind, name in FEED_FILES.items():
            yield OutputFile(
                name,
                digest(kind, everything),
                partial(feed_chunks, timeline, kind, entry_text=self._entry_text),
                whole=True,
            )
        yield OutputFile(
            INDEX_PATH,
            digest("search", everything),
            partial(search_index_chunks, timeline, self.pieces.get("search")),
            whole=True,
        )
        paths = _page_paths(timeline)
        yield OutputFile(
            "sitemap.xml", self.key("sitemap.xml", *paths), lambda: render_sitemap(self.env, timeline, paths)
        )
        yield OutputFile(".nojekyll", "", lambda: b"")

        # Open data: the dataset, its schema, TimelineJS and iCalendar exports, per-subject feeds.

        from chronicle.render import exports
        from chronicle.render.calendar import CALENDAR_PATH, calendar_chunks
        from chronicle.render.feeds import subject_feed_chunks, subject_feed_paths

        site = timeline.site
        entities = (*site.actors.values(), *site.places.values())
        catalogue = view_key(  # what events.json lists besides the events: entities, articles
            (
                [(e.id, e.name, e.category, e.aliases) for e in entities],
                [
                    (
                        a.id,
                        a.title,
                        a.publisher,
                        a.author,
                        a.published,
                        a.published_note,
                        a.url,
                        a.archive_url,
                        a.language,
                    )
                    for a in site.articles.values()
                ],
            )
        )
        pieces = self.pieces
        for path, render in (
            (exports.EVENTS_JSON, partial(exports.events_json_chunks, timeline, pieces.get("record"))),
            (exports.EVENTS_CSV, partial(exports.events_csv_chunks, timeline, pieces.get("csv"))),
            (exports.EVENTS_SCHEMA, partial(exports.render_events_schema, timeline)),
            (exports.TIMELINEJS_JSON, partial(exports.timelinejs_chunks, timeline, pieces.get("slide"))),
            (CALENDAR_PATH, partial(calendar_chunks, timeline, pieces.get("calendar"))),
        ):
            yield OutputFile(path, digest(path, everything, catalogue), render, whole=True)
        for listing in (*timeline.tags, *timeline.actors, *timeline.places):
            shown = [self.keys_by_slug[view.slug] for view in listing.events]
            for kind, path in subject_feed_paths(listing).items():
                yield OutputFile(
                    path,
                    digest(kind, self.common, listing.kind, listing.id, listing.name, *shown),
                    partial(subject_feed_chunks, timeline, kind, listing, self._entry_text),
                    whole=True,
                )


def _source_page_key(source: SourcePage) -> str:
    """What a source page shows: the article, its quoted spans, and the citing events' headings."""
    spans = [(start, end, anchor, view.slug, view.title) for start, end, anchor, view in source.spans]
    citing = [(view.slug, view.title, view.date_label) for view in source.citing]
    return view_key((_article_key(source.article), spans, citing))


def _article_key(article: Article) -> str:
    return article.key or view_key(article)


def _page_paths(timeline: Timeline) -> list[str]:
    """Site paths of every HTML page but 404.html, sorted: what the sitemap lists."""
    paths = ["", "sources/", "disputes/", "tags/", "actors/", "places/"]
    paths += [view.path for view in timeline.events]
    paths += [source.path for source in timeline.sources]
    paths += [item.path for group in (timeline.tags, timeline.actors, timeline.places) for item in group]
    paths += [page.path for page in timeline.pages]
    return sorted(paths)


def _asset_files(dirs: tuple[Path, ...]) -> Iterable[OutputFile]:
    for path, data in theme_assets(dirs):
        yield OutputFile(path, digest(data), lambda data=data: data)  # type: ignore[misc]


def timeline_of(site: Site) -> Timeline:
    """The timeline pages are rendered from (markdown rendered here, no cache)."""
    return build_timeline(site, make_markdown())
