"""Site -> Timeline: each event's view, the chronology by year and month, listings and source pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping

from markdown_it import MarkdownIt

from chronicle.model.chronology import Relations, relations
from chronicle.model.date_wording import date_label, date_note, label_text, span_label
from chronicle.model.records import (
    Article,
    ArticleSource,
    ClaimValue,
    Entity,
    Event,
    ExternalSource,
    Site,
    Source,
)
from chronicle.timeline.addresses import cited_addresses
from chronicle.timeline.chart import estimate_chart
from chronicle.timeline.claim_views import ClaimValueView, ClaimView
from chronicle.timeline.documents import text_part_of
from chronicle.timeline.groups import group_by_year_and_month
from chronicle.timeline.lists import citing_parts
from chronicle.timeline.markdown import RenderedMarkdown, render_markdown
from chronicle.timeline.media import media_views
from chronicle.timeline.periods import PeriodMakers, chronology
from chronicle.timeline.source_pages import QuotedSpan, QuotedTranslation, SourcePage
from chronicle.timeline.views import (
    EventLinkView,
    EventView,
    Listing,
    ListingKind,
    PageView,
    SourceView,
    Timeline,
)


def in_chronology(
    site: Site,
    md: MarkdownIt,
    summaries: Mapping[str, RenderedMarkdown] | None = None,
    lengths: Mapping[str, int] | None = None,
    made: Mapping[str, EventView] | None = None,
    makers: PeriodMakers | None = None,
    linked: Related | None = None,
) -> Timeline:
    """The timeline's events, years, pages and chronology (what an event's page shows), its
    INDEXES left empty (`with_indexes` makes them). `summaries` (slug -> rendered summary) may
    hold summaries rendered earlier or elsewhere; `lengths`, the bytes of the image copies the
    feeds attach (by path), where measured; `made` (slug -> view), views of events made
    earlier from the same record and entities; `makers` as for `chronology`; `linked`, the
    site's `related_events` when made already."""
    makers = makers or PeriodMakers()
    summaries = summaries or {}
    made = made or {}
    linked = related_events(site) if linked is None else linked
    events = tuple(
        made.get(event.slug)
        or event_view(
            event, site, summaries.get(event.slug) or render_summary(md, event), linked, md, lengths
        )
        for event in site.events
    )
    wording = site.settings.wording
    years = group_by_year_and_month(events, wording, makers.kept_years)
    return Timeline(
        site=site,
        events=events,
        years=years,
        tags=(),
        actors=(),
        places=(),
        sources=(),
        claims=(),
        pages=tuple(
            PageView(page, render_markdown(md, page.body, f"pages/{page.name}/")) for page in site.pages
        ),
        chronology=chronology(years, site.settings.start, wording=wording, makers=makers),
    )


INDEXES = ("tags", "actors", "places", "sources", "claims", "addresses")
"""The parts of a timeline `in_chronology` leaves empty and `with_indexes` fills."""


def with_indexes(timeline: Timeline) -> Timeline:
    """The timeline with its listings (tags, actors, places), source pages and claims."""
    site, events = timeline.site, timeline.events
    return dataclasses.replace(
        timeline,
        tags=_listings("tag", events, lambda view: view.event.tags, {}),
        actors=_listings("actor", events, lambda view: view.event.actors, site.actors),
        places=_listings("place", events, lambda view: view.event.places, site.places),
        sources=_source_pages(site, events),
        claims=tuple(claim for view in events for claim in view.claims),
        addresses=cited_addresses(events),
    )


def render_summary(md: MarkdownIt, event: Event) -> RenderedMarkdown:
    return render_markdown(md, event.summary, f"events/{event.slug}/")


def event_view(
    event: Event,
    site: Site,
    summary: RenderedMarkdown,
    linked: Related,
    md: MarkdownIt,
    lengths: Mapping[str, int] | None = None,
) -> EventView:
    """`linked`: every event's related events (`related_events`), the same for every event;
    `md` renders the media's captions, `lengths` as for `in_chronology`."""
    numbering = _quote_anchors(event)
    wording = site.settings.wording
    sources = tuple(_source_view(source, site, numbering) for source in event.sources)
    claims = tuple(
        ClaimView(
            claim.about,
            values,
            f"claim-{event.slug}-{index}",
            event.slug,
            event.title,
            estimate_chart(claim.about, values, wording) if claim.kind == "figure" else None,
            claim.kind,
        )
        for index, claim in enumerate(event.claims, start=1)
        for values in (_claim_value_views(claim.values, site, numbering),)
    )
    parts = span_label(event.date, event.end, wording)
    came_after, came_before = linked.get(event.slug, ((), ()))
    return EventView(
        event=event,
        slug=event.slug,
        date_label=label_text(parts),
        date_parts=parts,
        date_note=date_note(event.date, event.end, wording),
        summary=summary,
        summary_text=summary.text,
        actors=tuple(site.actors[actor] for actor in event.actors),
        places=tuple(site.places[place] for place in event.places),
        sources=sources,
        claims=tuple(claim for claim in claims if claim.kind == "figure"),
        wordings=tuple(claim for claim in claims if claim.kind == "wording"),
        came_after=came_after,
        came_before=came_before,
        media=media_views(md, event, lengths or {}) if event.media else (),
    )


Links = tuple[tuple[EventLinkView, ...], tuple[EventLinkView, ...]]
Related = Mapping[str, Links]


def related_events(site: Site, linked: Relations | None = None) -> Related:
    """Slug -> the events it came after and before, as its page links to them; `linked`:
    `relations(site.events)`, when made already."""
    return RelatedEvents(site, relations(site.events) if linked is None else linked)


class RelatedEvents(Mapping[str, Links]):
    """`related_events`, each event's links made when first asked for: a rebuild makes the
    views of a few events only."""

    def __init__(self, site: Site, linked: Relations) -> None:
        self._site, self._linked = site, linked
        self._by_slug: dict[str, Event] = {}
        self._made: dict[str, Links] = {}

    def __getitem__(self, slug: str) -> Links:
        found = self._made.get(slug)
        if found is None:
            after, before = self._linked[slug]
            found = self._made[slug] = (tuple(map(self._link, after)), tuple(map(self._link, before)))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._linked)

    def __len__(self) -> int:
        return len(self._linked)

    def _link(self, slug: str) -> EventLinkView:
        if not self._by_slug:
            self._by_slug.update((event.slug, event) for event in self._site.events)
        other = self._by_slug[slug]
        wording = self._site.settings.wording
        return EventLinkView(slug, other.title, label_text(span_label(other.date, other.end, wording)))


def _claim_value_views(
    values: Iterable[ClaimValue], site: Site, numbering: dict[int, str]
) -> tuple[ClaimValueView, ...]:
    """The values as shown, their notes numbered 1, 2, ... in the table's order."""
    views, notes = [], 0
    for value in values:
        notes += 1 if value.note else 0
        views.append(_claim_value_view(value, site, numbering, notes if value.note else None))
    return tuple(views)


def _claim_value_view(
    value: ClaimValue, site: Site, numbering: dict[int, str], note_number: int | None
) -> ClaimValueView:
    wording = site.settings.wording
    return ClaimValueView(
        value.value,
        value.according_to,
        _source_view(value.source, site, numbering),
        value.as_of,
        date_label(value.as_of, wording) if value.as_of else (),
        date_note(value.as_of, None, wording) if value.as_of else None,
        value.low,
        value.high,
        value.unit,
        value.bound,
        value.note,
        note_number,
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
            source.archive_url,
            None,
            None,
            None,
            title_supplied=source.title_supplied,
            accessed=source.accessed,
            archive_date=source.archive_date,
            url_status=source.url_status,
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
        text_part_of(article.text, source.span.start),
        title_supplied=article.title_supplied,
        language=article.language if article.language != site.settings.language else None,
        translation=source.translation,
        accessed=article.accessed,
        archive_date=article.archive_date,
        url_status=article.url_status,
        published_inferred=article.published_note is not None,
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
    """One page per article: its quoted spans, translations and citing events, gathered in one pass."""
    spans: dict[str, list[QuotedSpan]] = {article_id: [] for article_id in site.articles}
    translated: dict[str, list[QuotedTranslation]] = {article_id: [] for article_id in site.articles}
    citing: dict[str, dict[str, EventView]] = {article_id: {} for article_id in site.articles}
    for view in events:
        # The view lists its citations in the order the event cites them, anchors made.
        for source, cited in zip(_cited_sources(view.event), view.citations, strict=True):
            if isinstance(source, ArticleSource):
                anchor = cited.quote_anchor or ""
                spans[source.article_id].append((source.span.start, source.span.end, anchor, view))
                citing[source.article_id].setdefault(view.slug, view)
                if source.translation and cited.source_path:
                    translated[source.article_id].append(
                        QuotedTranslation(source.quote, source.translation, anchor, cited.source_path, view)
                    )
    pages = []
    for article in _sorted_articles(site):
        views = tuple(citing[article.id].values())
        path = f"sources/{article.id}/"
        pages.append(
            SourcePage(
                article,
                tuple(spans[article.id]),
                views,
                citing_parts(path, views),
                tuple(translated[article.id]),
            )
        )
    return tuple(pages)
