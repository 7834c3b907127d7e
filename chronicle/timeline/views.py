"""The frozen views every page is rendered from (made by timeline.assemble), source highlights included."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from chronicle.model.date_wording import DateLabel
from chronicle.model.dates import PartialDate
from chronicle.model.event_dates import EventDate
from chronicle.model.records import Change, Entity, Event, Page, Site, UrlStatus
from chronicle.timeline.claim_views import ClaimView
from chronicle.timeline.documents import text_path
from chronicle.timeline.markdown import RenderedMarkdown
from chronicle.timeline.media import ImageView, MediaView, players

if TYPE_CHECKING:
    from chronicle.timeline.addresses import CitedAddress
    from chronicle.timeline.periods import Chronology
    from chronicle.timeline.source_pages import SourcePage


def cited_title(title: str, supplied: bool) -> str:
    """A title as citation styles show it: in square brackets when the editors wrote it."""
    return f"[{title}]" if supplied else title


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
    text_part: int = 1
    """The page of the document's text where the quote starts (timeline/documents.py)."""
    title_supplied: bool = False
    """The editors wrote the title: shown in square brackets (bare in the data files)."""
    language: str | None = None
    """The document's language where it is not the site's (for `lang`), else None."""
    translation: str | None = None
    """The quote in the site's language; the quote itself is in the document's."""
    accessed: datetime.date | None = None
    archive_date: datetime.date | None = None
    url_status: UrlStatus = "live"
    published_inferred: bool = False
    """The editors inferred the date (the article's `published_note`): shown in square
    brackets, as citation styles mark a date the document does not print."""

    @property
    def source_path(self) -> str | None:
        return text_path(self.article_id, self.text_part) if self.article_id else None

    @property
    def link(self) -> str | None:
        """Where the title leads a reader: the archived copy when the original is dead or unfit,
        else the original (None for a document without either)."""
        if self.url_status != "live" and self.archive_url:
            return self.archive_url
        return self.url or self.archive_url

    @property
    def original_linked(self) -> bool:
        """Whether the original may be linked: not when its address now serves something else."""
        return self.url is not None and self.url_status != "unfit"


@dataclass(frozen=True)
class EventLinkView:
    """Another event this one came before or after, as its page links to it."""

    slug: str
    title: str
    date_label: str

    @property
    def path(self) -> str:
        return f"events/{self.slug}/"


def card_weight_of(event: object) -> int:
    """How many ordinary cards an event's card weighs: one, more for many tags, actors and places
    (a chip is about 0.1 KB) or a long summary, so that a page of heavy cards stays in budget.
    A thumbnail counts as 400 characters of summary (its markup) and its alt text."""
    chips = sum(len(getattr(event, name, ())) for name in ("tags", "actors", "places"))
    image = getattr(event, "lead_image", None)
    text = len(getattr(event, "summary", "")) + (400 + len(image.alt) if image is not None else 0)
    return 1 + chips // 25 + text // 2500


@dataclass(frozen=True)
class EventView:
    event: Event
    slug: str
    """The event's slug, a field of its own: read tens of thousands of times per build."""
    date_label: str
    date_parts: DateLabel
    """`date_label` in runs, each with the machine date that is certain (for <time>)."""
    date_note: str | None
    """For screen readers: "approximate date", "uncertain date", ... (None for a plain date)."""
    summary: RenderedMarkdown
    summary_text: str
    actors: tuple[Entity, ...]
    places: tuple[Entity, ...]
    sources: tuple[SourceView, ...]
    claims: tuple[ClaimView, ...]
    """The figures the sources state differently (claims of kind "figure")."""
    came_after: tuple[EventLinkView, ...] = ()
    came_before: tuple[EventLinkView, ...] = ()
    media: tuple[MediaView, ...] = ()
    wordings: tuple[ClaimView, ...] = ()
    """How each source words something (claims of kind "wording"): never a disputed figure."""

    @cached_property  # one string, however often renders and records name it
    def identity(self) -> str:
        return f"event:{self.slug}"

    @property
    def documents(self) -> int:
        """How many documents the sources cite: several quotes of one document count once,
        so that a count never reads as more corroboration than there is."""
        return len({source.article_id or f"url:{source.url}" for source in self.sources})

    @cached_property
    def card_weight(self) -> int:
        """How many ordinary cards its card weighs (`card_weight_of`)."""
        return card_weight_of(self.event)

    @cached_property  # a save regroups every view (timeline.groups): each finds its own once
    def own_period(self) -> tuple[int, int]:
        return own_period(self.event.date)

    @property
    def placed_by_bound(self) -> str | None:
        """Known only to be on or before its date, and placed by that bound (cards say so): its
        precision ("on or before June 2025" is placed from 1 June); else None."""
        date = self.event.date
        return date.high.precision if date.ranged and date.low is None and date.high else None

    @property
    def lead_image(self) -> ImageView | None:
        """The first image: on cards, first on the page, og:image, the feeds' enclosure."""
        return next((item for item in self.media if isinstance(item, ImageView)), None)

    @property
    def every_claim(self) -> tuple[ClaimView, ...]:
        """The figures and the wordings, in the order of the event file."""
        figures, wordings = iter(self.claims), iter(self.wordings)
        return tuple(next(wordings if claim.kind == "wording" else figures) for claim in self.event.claims)

    @property
    def citations(self) -> tuple[SourceView, ...]:
        """Every citation it shows: its sources, then each figure's and wording's, in file order."""
        return (*self.sources, *(value.source for claim in self.every_claim for value in claim.values))

    @property
    def other_media(self) -> tuple[MediaView, ...]:
        """The media but the lead image, in the file's order (the page shows the lead first)."""
        lead = self.lead_image
        return tuple(item for item in self.media if item is not lead)

    @property
    def players(self) -> tuple[str, ...]:
        """The origins of the video players the event's page may load once asked."""
        return players(self.media)

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def path(self) -> str:
        return f"events/{self.event.slug}/"

    @property
    def first_path(self) -> str:
        """The address the event was first published at (its oldest former slug's, else
        `path`): its id in the feeds and the calendar, which a rename must not change."""
        former = self.event.former_slugs
        return f"events/{former[0].slug}/" if former else self.path

    @property
    def former_paths(self) -> tuple[str, ...]:
        """The event's old addresses, each a page that sends readers on to `path`."""
        return tuple(f"events/{link.slug}/" for link in self.event.former_slugs)

    @property
    def merged_paths(self) -> tuple[str, ...]:
        """The addresses of entries merged into this one, each a page that says so and sends
        readers on to `path`."""
        return tuple(f"events/{link.slug}/" for link in self.event.merged_slugs)

    @property
    def start_iso(self) -> str | None:
        """The start's certain part ("2025-06"), None when nothing of it is certain."""
        return self.event.date.known_iso()

    @property
    def end_iso(self) -> str | None:
        return self.event.end.known_iso() if self.event.end else None

    @property
    def year(self) -> int:
        """The year it is placed in (see model/chronology.py)."""
        return self.event.date.year

    @property
    def last_year(self) -> int:
        """The last year it may reach: its end's, or its start's latest possible year."""
        return (self.event.end or self.event.date).last_year()

    @property
    def history(self) -> tuple[Change, ...]:
        """Substantive commits that touched the event's file, oldest first (empty outside git)."""
        return self.event.history

    @property
    def corrections(self) -> tuple[Change, ...]:
        """The substantive changes after the commit that added the file, oldest first."""
        return tuple(change for change in self.event.history if change.correction)

    @property
    def adding(self) -> Change | None:
        """The commit that added the file, when git knows it: shown by its date and id only,
        its message being about the commit (often many files), not about this entry."""
        return next((change for change in self.event.history if not change.correction), None)

    @property
    def last_changed(self) -> datetime.date:
        """`updated` (given, or the last substantive commit), else `added`."""
        return self.event.updated or self.event.added


@dataclass(frozen=True)
class CorrectionView:
    """A correction of an event (a `Change` that is one), as the Corrections page and feed show it."""

    event: EventView
    change: Change

    @property
    def anchor(self) -> str:
        """Its id on the Corrections page, where one commit may correct several events."""
        return f"{self.change.anchor}-{self.event.slug}"


@dataclass(frozen=True)
class MonthGroup:
    anchor: str
    label: str
    events: tuple[EventView, ...]
    outside: tuple[str, ...] = ()
    """The slugs of the events here whose dates allow a day outside `period` (a span running
    past it, an open end, a place held by `after`): the heading says so."""
    period: str = ""
    """The period the heading names, in words ("June 2025", "2024")."""

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
    chronology: Chronology
    """The chronology in pages by period (timeline/periods.py)."""
    addresses: tuple[CitedAddress, ...] = ()
    """The sources cited by their address alone, with their citing events (timeline/addresses.py)."""

    @property
    def identity(self) -> str:
        return "timeline"

    @property
    def disputed(self) -> bool:
        """Whether any figure is disputed: a page that links to the disputed figures only
        then reads this, not the claims (which would make it depend on every claim). Read
        from the events, not from `claims`, which the timeline in chronology (the preview's
        open pages) does not hold yet."""
        return any(view.claims for view in self.events)

    @cached_property
    def feed_rank(self) -> dict[str, int]:
        """Slug -> place in the feeds' order, sorted once for the main feeds and every
        subject feed: newest `added` first; same-day additions in reverse chronological
        order (the site's order, model/chronology.py)."""
        ordered = list(reversed(self.events))
        ordered.sort(key=lambda view: view.event.added, reverse=True)
        return {view.slug: rank for rank, view in enumerate(ordered)}

    @cached_property
    def corrections(self) -> tuple[CorrectionView, ...]:
        """Every correction of every event, newest first; the same day, those of later events
        (in the site's order) first, and an event's later commits first."""
        found = [
            ((change.date, index, position), CorrectionView(view, change))
            for index, view in enumerate(self.events)
            for position, change in enumerate(view.history)
            if change.correction
        ]
        found.sort(key=lambda item: item[0], reverse=True)
        return tuple(correction for _, correction in found)

    def neighbours(self, index: int) -> tuple[EventView | None, EventView | None]:
        before = self.events[index - 1] if index > 0 else None
        after = self.events[index + 1] if index + 1 < len(self.events) else None
        return before, after


def own_period(date: EventDate) -> tuple[int, int]:
    """(year, month) of the month an event's date places it in; month 0: its year's "month
    not known" (a year-precision date). A range across months is where the chronology puts
    it, by its start: in its first month (whose group says the date allows days outside it),
    or, starting on its year's first day, in the year's "month not known", which stands there."""
    low, high = date.low, date.high
    if low and high and (low.year, low.month) != (high.year, high.month):
        return (low.year, 0 if low.month is None or (low.month, low.day or 1) == (1, 1) else low.month)
    return (date.anchor.year, date.anchor.month or 0)
