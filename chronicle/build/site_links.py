"""Links inside the site, written in summaries, captions and free pages: each must lead to a
file the build writes, and its `#fragment` to a part of that page, an id it has as the theme
renders it (README, "Links inside the site").

The links are the rendered markdown's own (`RenderedMarkdown.internal_links`: site paths, a
fragment alone already resolved to the page it is written for, as every page showing it
links it). The files are those the build writes: every page of the theme (`page_specs`), the
feeds and data files, the theme's assets and the image copies. A page's ids are read from the
page rendered as the build renders it, only for pages a link names a part of. `check` and
`build` run this same code: `check` on a timeline made for it (on a site with its own theme, on
the plan it renders its theme sample from), `build` on its plan's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, cached_property, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import jinja2

from chronicle.build.cards import Cards
from chronicle.build.links_above_root import MOST_WARNINGS_PER_TEXT, links_above_root
from chronicle.build.media import copies_to_publish
from chronicle.build.tracking import PROXY_TYPES, Reads, track
from chronicle.model.diagnostics import Diagnostic, Mark
from chronicle.model.media import MEDIA_DIR
from chronicle.model.records import Site
from chronicle.render.pages import page_specs, render_page
from chronicle.render.theme import make_environment, theme_dirs
from chronicle.source.link_marks import Field, link_mark
from chronicle.source.load import shown
from chronicle.source.meant import closest
from chronicle.timeline.assemble import in_chronology, with_indexes
from chronicle.timeline.markdown import RenderedMarkdown, make_markdown, unmade_links, written_links
from chronicle.timeline.views import Timeline

if TYPE_CHECKING:
    from chronicle.build.plan import Planning

Render = Callable[[Collection[str]], Mapping[str, bytes]]
"""Output paths of pages -> each page's bytes as the build writes it (a page that cannot be
rendered is left out: the build reports why)."""


@dataclass(frozen=True)
class Written:
    """Markdown written in a site file, rendered for the page it belongs to (`own`)."""

    relpath: str
    field: Field
    own: str
    """Site path of its own page (events/<slug>/, pages/<name>/): a fragment alone points there."""
    kind: str
    """ "event" or "page": what its own page is called in a message."""
    rendered: RenderedMarkdown
    source: str
    inline: bool = False


def check_site_links(site: Site, root: Path) -> list[Diagnostic]:
    """`check`'s: the site's links, on a timeline made for them (the build's own, without its
    cards, feeds and keys: its listings and source pages made only when a link needs every
    file); the pages a link names a part of rendered by the theme."""
    texts = (event.summary for event in site.events), (page.body for page in site.pages)
    captions = (item.caption or "" for event in site.events for item in event.media)
    # No link: no text in brackets then a target in parentheses or after a colon, no <autolink>.
    if not any("](" in text or "]:" in text or "<" in text for text in chain(*texts, captions)):
        return []
    first = in_chronology(site, make_markdown())
    whole = cache(partial(with_indexes, first))
    try:
        dirs = theme_dirs(root)
    except jinja2.TemplateError:  # the build reports a broken theme
        dirs = ()

    def render(paths: Collection[str]) -> Mapping[str, bytes]:
        if not dirs:
            return {}
        cards = Cards()
        cards.env = make_environment(dirs, cards.functions(), PROXY_TYPES, None, site.settings.wording)
        return rendered_pages(cards.env, cards, whole(), paths)

    files = SiteFiles(first, lambda: output_paths(whole(), dirs, copies_to_publish(site)))
    return link_problems(first, files, render, root)


def planned_site_links(planning: Planning) -> list[Diagnostic]:
    """`build`'s: the site's links, on the timeline it plans, its pages rendered in its theme."""
    timeline = planning.timeline

    def render(paths: Collection[str]) -> Mapping[str, bytes]:
        return rendered_pages(planning.env, planning.cards, timeline, paths)

    files = SiteFiles(timeline, lambda: output_paths(timeline, planning.dirs, planning.images))
    return link_problems(timeline, files, render, planning.root)


class SiteFiles:
    """The files the build writes, as a link is looked up: the pages of the events and the free
    pages, which most links lead to, first (each where its view says it is, as `page_specs`
    puts it), then, made once, every file."""

    def __init__(self, timeline: Timeline, everything: Callable[[], frozenset[str]]) -> None:
        paths = chain((view.path for view in timeline.events), (view.path for view in timeline.pages))
        self.known = frozenset(("index.html", *(path + "index.html" for path in paths)))
        self._everything = everything
        self.moved = {
            old + "index.html": view.path
            for view in timeline.events
            for old in (*view.former_paths, *view.merged_paths)
        }
        """An entry's former address (`former_slugs`, `merged_slugs`) -> where its page sends
        readers on to, the `#part` a link named kept."""

    @cached_property
    def everything(self) -> frozenset[str]:
        return self._everything()

    @cached_property
    def addresses(self) -> list[str]:
        """Every file's address as a link names it (a folder's index.html as the folder), for
        suggesting one: made once, however many links lead nowhere."""
        return sorted({path.removesuffix("index.html") for path in self.everything})

    def page_of(self, path: str) -> str | None:
        """The file a site path leads to; a folder's index.html with or without its `/` (GitHub
        Pages sends `pages/about` on to `pages/about/`). None: the site has no such file."""
        if path == "" or path.endswith("/"):
            candidates: tuple[str, ...] = (path + "index.html",)
        else:
            candidates = (path, path + "/index.html")
        found = next((candidate for candidate in candidates if candidate in self.known), None)
        return found or next((candidate for candidate in candidates if candidate in self.everything), None)


def output_paths(timeline: Timeline, dirs: tuple[Path, ...], images: Iterable[str]) -> frozenset[str]:
    """Every file the build writes (but the search index's pieces, named by their content)."""
    from chronicle.render.assets import theme_assets
    from chronicle.render.calendar import CALENDAR_PATH
    from chronicle.render.events_csv import EVENTS_CSV
    from chronicle.render.events_json import EVENTS_JSON
    from chronicle.render.events_schema import EVENTS_SCHEMA
    from chronicle.render.feeds import CORRECTIONS_FEED, FEED_FILES, subject_feed_paths
    from chronicle.render.search.shards import MANIFEST_PATH
    from chronicle.render.timelinejs_export import TIMELINEJS_JSON

    paths = {spec.path for spec in page_specs(timeline)}
    paths.update(FEED_FILES.values())
    paths.update((EVENTS_JSON, EVENTS_CSV, EVENTS_SCHEMA, CORRECTIONS_FEED, TIMELINEJS_JSON, CALENDAR_PATH))
    for listing in (*timeline.tags, *timeline.actors, *timeline.places):
        paths.update(subject_feed_paths(listing).values())
    paths.update((".nojekyll", MANIFEST_PATH), images)
    with suppress(jinja2.TemplateError):  # an asset the build refuses (and reports)
        paths.update(path for path, _ in theme_assets(dirs))
    return frozenset(paths)


def rendered_pages(
    env: jinja2.Environment, cards: Cards, timeline: Timeline, paths: Collection[str]
) -> dict[str, bytes]:
    """The theme's pages at `paths`, as the build renders them; one whose template fails is
    left out (the build reports it where it renders the page)."""
    wanted, pages = set(paths), dict[str, bytes]()
    for spec in page_specs(timeline) if wanted else ():
        if spec.path not in wanted:
            continue
        cards.reads = Reads()
        try:
            data = render_page(env, spec, track(spec.variables, cards.reads))
        except Exception:  # a site's template may raise anything Python can
            continue
        pages[spec.path] = data if isinstance(data, bytes) else b"".join(data)
    return pages


def written(timeline: Timeline) -> Iterator[Written]:
    """Every piece of markdown of the site: each event's summary and captions, each page."""
    for view in timeline.events:
        event = view.event
        yield Written(event.path, ("summary",), view.path, "event", view.summary, event.summary)
        for index, (item, on_page) in enumerate(zip(event.media, view.media, strict=True)):
            if item.caption and on_page.caption is not None:
                field = ("media", index, "caption")
                yield Written(event.path, field, view.path, "event", on_page.caption, item.caption, True)
    for page in timeline.pages:
        yield Written(page.page.path, (), page.path, "page", page.body, page.page.body)


@dataclass(frozen=True)
class _Link:
    written: Written
    index: int
    """Its place in `written.rendered.internal_links`."""
    page: str | None
    """The output path of the page it leads to; None: the site has no such file."""
    path: str
    fragment: str
    """Decoded; "" for none."""


def link_problems(timeline: Timeline, files: SiteFiles, render: Render, root: Path) -> list[Diagnostic]:
    """A warning for each link to no file of the site, and for each to a part its page lacks
    (up to MOST_WARNINGS_PER_TEXT a text, then one for the rest)."""
    texts = list(written(timeline))
    links = [link for item in texts for link in _links(item, files)]
    named = {link.page for link in links if link.page and link.fragment and link.page.endswith(".html")}
    ids = {page: _ids(data) for page, data in render(sorted(named)).items()} if named else {}
    broken: dict[int, list[_Link]] = {}
    for link in links:
        if link.page is None or (link.fragment and link.page in ids and link.fragment not in ids[link.page]):
            broken.setdefault(id(link.written), []).append(link)
    problems = [
        problem for item in texts for found in (_unmade, links_above_root) for problem in found(item, root)
    ]
    for text_links in broken.values():
        problems += _text_problems(text_links, files, ids, root)
    return problems


_UNMADE_SCHEMES = ("javascript:", "vbscript:", "file:", "data:", "http:", "https:")
_MAY_HOLD_UNMADE = re.compile(r"(?:javascript|vbscript|file|data):|https?:(?!//)", re.IGNORECASE)


def _may_hold_unmade(source: str) -> bool:
    """Whether a text may hold a link readers cannot follow: only such a text is parsed for
    them (a parse of every summary at every build cost a rebuild of 2,000 events a third of a
    second). A character reference or an escape may spell a scheme (`java&#115;cript:`); any
    other text names it as it is: a search for the names first (2,000 summaries: 4 ms, where
    the expression alone took 99 ms), as most texts have none."""
    if "&" in source or "\\" in source:
        return True
    if ":" not in source:
        return False
    lowered = source.lower()  # as markdown compares a scheme
    return any(scheme in lowered for scheme in _UNMADE_SCHEMES) and bool(_MAY_HOLD_UNMADE.search(source))


def _unmade(item: Written, root: Path) -> Iterator[Diagnostic]:
    """A warning for each link of the text that readers cannot follow (`unmade_links`): safe as
    it is written (never a link, or a path of the site), but the editor meant another."""
    targets = unmade_links(item.source, item.inline) if _may_hold_unmade(item.source) else []
    for index, (target, scheme) in enumerate(targets[:MOST_WARNINGS_PER_TEXT]):
        nth = sum(1 for earlier, _ in targets[:index] if earlier == target)
        mark = link_mark(root, item.relpath, item.field, target, nth)
        if scheme in ("http", "https"):
            rest = target.split(":", 1)[1].lstrip("/")
            message = f"'{shown(target, 80)}' leads nowhere: without // after '{scheme}:' it reads as a path"
            hint = f"write the address in full: {scheme}://{shown(rest, 60)}"
        else:
            message = f"'{shown(target, 80)}' is not made a link: a {scheme}: address is shown as text"
            hint = "link to a web page with an https:// address"
        yield Diagnostic(mark, "warning", message, hint)


def _text_problems(
    links: list[_Link], files: SiteFiles, ids: Mapping[str, tuple[str, ...]], root: Path
) -> list[Diagnostic]:
    """The warnings for the broken links of one text."""
    item = links[0].written
    targets = written_links(make_markdown(), item.source, item.own, item.inline)
    problems: list[Diagnostic] = []
    more: list[_Link] = []
    reported: Counter[tuple[str | None, str, str]] = Counter()
    written_times: dict[tuple[str | None, str, str], int] = {}
    for link in links:
        key = (link.page, link.path, link.fragment)
        # A reference used again and again writes its target once: one mistake, one warning.
        if reported[key]:
            if key not in written_times:
                written_times[key] = _times_written(link, targets)
            if reported[key] >= written_times[key]:
                continue
        reported[key] += 1
        if len(problems) == MOST_WARNINGS_PER_TEXT:
            more.append(link)
        elif link.page is None:
            problems.append(_no_page(link, files.addresses, root, targets))
        else:
            problems.append(_no_part(link, ids[link.page], root, targets))
    if more:
        mark, _ = _where(more[0], root, targets)
        problems.append(
            Diagnostic(
                mark,
                "warning",
                f"{len(more)} more links of this text lead to no page or part of the site",
                f"the first {MOST_WARNINGS_PER_TEXT} are named one by one; this is the first of the others",
            )
        )
    return problems


def _times_written(link: _Link, targets: list[tuple[str, str]]) -> int:
    """How many times the link's target is written in its text (as markdown gives it back,
    or percent-decoded): once for all the uses of a reference."""
    item = link.written
    if link.index >= len(targets):
        return 1
    target = targets[link.index][0]
    return max(1, item.source.count(target), item.source.count(unquote(target)))


def _links(item: Written, files: SiteFiles) -> Iterator[_Link]:
    for index, site_path in enumerate(item.rendered.internal_links):
        rest, _, fragment = site_path.partition("#")
        path = unquote(rest.partition("?")[0])
        fragment = unquote(fragment)
        if fragment.casefold() == "top" or ":~:" in fragment:
            fragment = ""  # the top of any page, and a text fragment: not an id
        page = files.page_of(path)
        if page in files.moved:  # a former address: the part is looked for where it leads
            path = files.moved[page]
            page = path + "index.html"
        yield _Link(item, index, page, path, fragment)


def _ids(page: bytes) -> tuple[str, ...]:
    """The parts a fragment may name, in the page's order: every element's id, and the name of
    an `<a name>` (HTML's fallback)."""
    import lxml.html  # only for a link that names a part

    found: dict[str, None] = {}
    for element in lxml.html.document_fromstring(page).iter():
        if not isinstance(element.tag, str):
            continue
        for name in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if name:
                found.setdefault(name, None)
    return tuple(found)


def _where(link: _Link, root: Path, targets: list[tuple[str, str]]) -> tuple[Mark, str]:
    """Where the link is written, and its target as written there (as markdown gives it)."""
    item = link.written
    if len(targets) != len(item.rendered.internal_links):  # (cannot be: the same walk)
        return Mark(item.relpath), item.rendered.internal_links[link.index]
    target = targets[link.index][0]
    nth = sum(1 for earlier, _ in targets[: link.index] if earlier == target)
    return link_mark(root, item.relpath, item.field, target, nth), target


def _no_page(link: _Link, addresses: list[str], root: Path, targets: list[tuple[str, str]]) -> Diagnostic:
    mark, target = _where(link, root, targets)
    near = closest(link.path, addresses) or _event_named_alike(link.path, addresses)
    event_link = "../<slug>/" if link.written.kind == "event" else "/events/<slug>/"
    if link.path.startswith(f"{MEDIA_DIR}/"):
        hint = f"an image under {MEDIA_DIR}/ is published only as copies: show it with an event's `media:`"
    elif near is not None:
        hint = f"did you mean '/{near}'? (a link starting with / starts at the site's root)"
    else:
        hint = f"link to a page the site has: an event as {event_link}, a free page as /pages/<name>/"
    return Diagnostic(
        mark,
        "warning",
        f"'{shown(target, 80)}' leads to no page of the site (/{shown(link.path, 80)})",
        hint,
    )


def _event_named_alike(path: str, addresses: list[str]) -> str | None:
    """The one event whose slug holds every word of the slug a link names (`events/union-talks/`
    for `events/union-and-port-authority-open-talks/`), or None."""
    folder, _, rest = path.partition("/")
    words = set(rest.strip("/").split("-"))
    if folder != "events" or not rest.strip("/"):
        return None
    found = [
        address
        for address in addresses
        if address.startswith("events/") and words <= set(address[7:].strip("/").split("-"))
    ]
    return found[0] if len(found) == 1 else None


def _no_part(link: _Link, ids: tuple[str, ...], root: Path, targets: list[tuple[str, str]]) -> Diagnostic:
    mark, target = _where(link, root, targets)
    item = link.written
    if link.page == item.own + "index.html":
        page = "this event's page" if item.kind == "event" else "this page"
    else:
        page = "the home page" if link.path == "" else f"the page /{link.path}"
    near = closest(link.fragment, ids)
    if near is not None:
        hint = f"did you mean '{shown(target.rpartition('#')[0], 80)}#{near}'?"
    else:
        listed = ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")
        hint = f"its parts (ids) are: {listed}; link to one of them, or to the page itself without '#'"
    message = f"'{shown(target, 80)}' names no part of {page}: readers land at its top"
    return Diagnostic(mark, "warning", message, hint)
