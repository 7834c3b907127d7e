"""Site -> what pages need: chronology grouped by year and month, indexes, citations, highlights."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from markdown_it import MarkdownIt

from chronicle.model.dates import PartialDate, display_span
from chronicle.model.records import (
    Article,
    ArticleSource,
    Change,
    Entity,
    Event,
    ExternalSource,
    Page,
    Site,
    Source,
)
from chronicle.timeline.markdown import RenderedMarkdown, render_markdown


@dataclass(frozen=True)
class SourceView:
    """One citation as a reader sees it."""

    title: str
    publisher: str | None
    author: str | None
    published: PartialDate | None
    url: str | None
    """The original, online."""
    archive_url: str | None
    quote: str | None
    article_id: str | None
    quote_anchor: str | None
    """Id of the highlighted passage on the source page."""

    @property
    def source_path(self) -> str | None:
        return f"sources/{self.article_id}/" if self.article_id else None


@dataclass(frozen=True)
class ClaimValueView:
    value: str
    according_to: str
    source: SourceView


@dataclass(frozen=True)
class ClaimView:
    about: str
    values: tuple[ClaimValueView, ...]
    anchor: str
    event_slug: str
    event_title: str


@dataclass(frozen=True)
class EventView:
    event: Event
    slug: str
    """The event's slug, a field of its own: read tens of thousands of times per build."""
    date_label: str
    summary: RenderedMarkdown
    summary_text: str
    actors: tuple[Entity, ...]
    places: tuple[Entity, ...]
    sources: tuple[SourceView, ...]
    claims: tuple[ClaimView, ...]

    @property
    def identity(self) -> str:
        return f"event:{self.slug}"

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def path(self) -> str:
        return f"events/{self.event.slug}/"

    @property
    def start_iso(self) -> str:
        return self.event.date.iso()

    @property
    def end_iso(self) -> str | None:
        return self.event.end.iso() if self.event.end else None

    @property
    def year(self) -> int:
        return self.event.date.year

    @property
    def history(self) -> tuple[Change, ...]:
        """Substantive commits that touched the event's file, oldest first (empty outside git)."""
        return self.event.history

    @property
    def last_changed(self) -> datetime.date:
        """`updated` (given, or the last substantive commit), else `added`."""
        return self.event.updated or self.event.added


@dataclass(frozen=True)
class MonthGroup:
    anchor: str
    label: str
    events: tuple[EventView, ...]

    @property
    def identity(self) -> str:
        return f"month:{self.anchor}"


@dataclass(frozen=True)
class YearGroup:
    year: int
    anchor: str
    months: tuple[MonthGroup, ...]

    @property
    def identity(self) -> str:
        return f"year:{self.year}"

    @property
    def count(self) -> int:
        return sum(len(month.events) for month in self.months)


ListingKind = Literal["tag", "actor", "place"]


@dataclass(frozen=True)
class Listing:
    """A tag, actor or place with the events that name it, in chronological order."""

    kind: ListingKind
    id: str
    name: str
    entity: Entity | None
    events: tuple[EventView, ...]

    @property
    def identity(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def path(self) -> str:
        return f"{self.kind}s/{self.id}/"

    @property
    def feed_path(self) -> str:
        """Site path of this listing's RSS 2.0 feed."""
        return f"{self.path}feed.xml"

    @property
    def atom_path(self) -> str:
        """Site path of this listing's Atom feed."""
        return f"{self.path}atom.xml"


@dataclass(frozen=True)
class Segment:
    """A run of an article's text; a highlighted one links to the event quoting it."""

    text: str
    anchors: tuple[str, ...]
    event: EventView | None


QuotedSpan = tuple[int, int, str, "EventView"]


@dataclass(frozen=True)
class SourcePage:
    article: Article
    spans: tuple[QuotedSpan, ...]
    """Every quoted passage: (start, end, anchor, quoting event)."""
    citing: tuple[EventView, ...]

    @property
    def identity(self) -> str:
        return f"source:{self.article.id}"

    @cached_property
    def paragraphs(self) -> tuple[tuple[Segment, ...], ...]:
        """The article's text, quoted passages marked: made only for a page being rendered."""
        return highlight(self.article.text, list(self.spans))

    @property
    def path(self) -> str:
        return f"sources/{self.article.id}/"


@dataclass(frozen=True)
class PageView:
    page: Page
    body: RenderedMarkdown

    @property
    def identity(self) -> str:
        return f"page:{self.page.name}"

    @property
    def path(self) -> str:
        return f"pages/{self.page.name}/"


@dataclass(frozen=True)
class Timeline:
    """The frozen model every page is rendered from."""

    site: Site
    events: tuple[EventView, ...]
    years: tuple[YearGroup, ...]
    tags: tuple[Listing, ...]
    actors: tuple[Listing, ...]
    places: tuple[Listing, ...]
    sources: tuple[SourcePage, ...]
    claims: tuple[ClaimView, ...]
    pages: tuple[PageView, ...]

    @property
    def identity(self) -> str:
        return "timeline"

    @cached_property
    def feed_rank(self) -> dict[str, int]:
        """Slug -> place in the feeds' order, sorted once for the main feeds and every
        subject feed: newest `added` first; same-day additions in reverse chronological
        order, then by slug."""
        ordered = sorted(self.events, key=lambda view: view.slug)
        ordered.sort(key=lambda view: view.event.date.sort_key, reverse=True)
        ordered.sort(key=lambda view: view.event.added, reverse=True)
        return {view.slug: rank for rank, view in enumerate(ordered)}

    def neighbours(self, index: int) -> tuple[EventView | None, EventView | None]:
        before = self.events[index - 1] if index > 0 else None
        after = self.events[index + 1] if index + 1 < len(self.events) else None
        return before, after


def build_timeline(
    site: Site, md: MarkdownIt, summaries: Mapping[str, RenderedMarkdown] | None = None
) -> Timeline:
    """`summaries` (slug -> rendered summary) may hold summaries rendered earlier or elsewhere."""
    summaries = summaries or {}
    events = tuple(
        event_view(event, site, summaries.get(event.slug) or render_summary(md, event))
        for event in site.events
    )
    return Timeline(
        site=site,
        events=events,
        years=group_by_year_and_month(events),
        tags=_listings("tag", events, lambda view: view.event.tags, {}),
        actors=_listings("actor", events, lambda view: view.event.actors, site.actors),
        places=_listings("place", events, lambda view: view.event.places, site.places),
        sources=_source_pages(site, events),
        claims=tuple(claim for view in events for claim in view.claims),
        pages=tuple(
            PageView(page, render_markdown(md, page.body, f"pages/{page.name}/")) for page in site.pages
        ),
    )


def group_by_year_and_month(events: Iterable[EventView]) -> tuple[YearGroup, ...]:
    """Events already in order -> years -> months; year-precision events close their year."""
    years: dict[int, dict[int | None, list[EventView]]] = {}
    for view in events:
        date = view.event.date
        years.setdefault(date.year, {}).setdefault(date.month, []).append(view)
    return tuple(
        YearGroup(
            year,
            f"y{year}",
            tuple(
                MonthGroup(
                    f"m{year}-{month:02d}" if month else f"m{year}-unknown",
                    PartialDate(year, month).display() if month else f"{year}, month not known",
                    tuple(views),
                )
                for month, views in months.items()
            ),
        )
        for year, months in years.items()
    )


def render_summary(md: MarkdownIt, event: Event) -> RenderedMarkdown:
    return render_markdown(md, event.summary, f"events/{event.slug}/")


def event_view(event: Event, site: Site, summary: RenderedMarkdown) -> EventView:
    numbering = _quote_anchors(event)
    sources = tuple(_source_view(source, site, numbering) for source in event.sources)
    claims = tuple(
        ClaimView(
            claim.about,
            tuple(
                ClaimValueView(value.value, value.according_to, _source_view(value.source, site, numbering))
                for value in claim.values
            ),
            f"claim-{event.slug}-{index}",
            event.slug,
            event.title,
        )
        for index, claim in enumerate(event.claims, start=1)
    )
    return EventView(
        event=event,
        slug=event.slug,
        date_label=display_span(event.date, event.end, event.circa),
        summary=summary,
        summary_text=summary.text,
        actors=tuple(site.actors[actor] for actor in event.actors),
        places=tuple(site.places[place] for place in event.places),
        sources=sources,
        claims=claims,
    )


def _cited_sources(event: Event) -> Iterable[Source]:
    yield from event.sources
    for claim in event.claims:
        for value in claim.values:
            yield value.source


def _quote_anchors(event: Event) -> dict[int, str]:
    """id(source) -> anchor of its highlighted passage; stable for a given event file."""
    anchors: dict[int, str] = {}
    for number, source in enumerate(_cited_sources(event), start=1):
        if isinstance(source, ArticleSource):
            anchors[id(source)] = f"q-{event.slug}-{number}"
    return anchors


def _source_view(source: Source, site: Site, anchors: dict[int, str]) -> SourceView:
    if isinstance(source, ExternalSource):
        return SourceView(
            source.title or source.url,
            source.publisher,
            None,
            source.published,
            source.url,
            None,
            None,
            None,
            None,
        )
    article = site.articles[source.article_id]
    return SourceView(
        article.title,
        article.publisher,
        article.author,
        article.published,
        article.url,
        article.archive_url,
        source.quote,
        article.id,
        anchors[id(source)],
    )


def _listings(
    kind: ListingKind,
    events: tuple[EventView, ...],
    ids_of: Callable[[EventView], Iterable[str]],
    entities: dict[str, Entity],
) -> tuple[Listing, ...]:
    named: dict[str, list[EventView]] = {entity_id: [] for entity_id in entities}
    for view in events:
        for item in ids_of(view):
            named.setdefault(item, []).append(view)
    listings = [
        Listing(
            kind,
            item,
            entities[item].name if item in entities else item.replace("-", " "),
            entities.get(item),
            tuple(views),
        )
        for item, views in named.items()
    ]
    return tuple(sorted(listings, key=lambda listing: (listing.name.casefold(), listing.id)))


def _sorted_articles(site: Site) -> list[Article]:
    return sorted(
        site.articles.values(), key=lambda a: (a.published.sort_key if a.published else (0, 0, 0), a.id)
    )


def _source_pages(site: Site, events: tuple[EventView, ...]) -> tuple[SourcePage, ...]:
    """One page per article: its quoted spans and citing events, gathered in one pass."""
    spans: dict[str, list[QuotedSpan]] = {article_id: [] for article_id in site.articles}
    citing: dict[str, dict[str, EventView]] = {article_id: {} for article_id in site.articles}
    for view in events:
        # The view lists its citations in the order the event cites them, anchors made.
        shown = [*view.sources, *(value.source for claim in view.claims for value in claim.values)]
        for source, cited in zip(_cited_sources(view.event), shown, strict=True):
            if isinstance(source, ArticleSource):
                spans[source.article_id].append(
                    (source.span.start, source.span.end, cited.quote_anchor or "", view)
                )
                citing[source.article_id].setdefault(view.slug, view)
    return tuple(
        SourcePage(article, tuple(spans[article.id]), tuple(citing[article.id].values()))
        for article in _sorted_articles(site)
    )


_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def highlight(text: str, spans: list[tuple[int, int, str, EventView]]) -> tuple[tuple[Segment, ...], ...]:
    """The text as paragraphs of segments, quoted spans marked (overlaps link the earliest)."""
    spans = sorted(spans, key=lambda span: (span[0], span[1], span[2]))
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    paragraphs: list[list[Segment]] = [[]]
    anchored: set[str] = set()
    for start, end in itertools.pairwise(cuts):
        covering = [span for span in spans if span[0] <= start and end <= span[1]]
        anchors = tuple(span[2] for span in covering if span[2] not in anchored)
        anchored.update(anchors)
        event = covering[0][3] if covering else None
        for number, piece in enumerate(_PARAGRAPH_BREAK.split(text[start:end])):
            if number > 0:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Segment(piece, anchors, event))
                anchors = ()
    return tuple(tuple(paragraph) for paragraph in paragraphs if paragraph)
