"""The chronology in pages by period: a year, a month of a large year, or a part of a very
large month, so that no page a reader opens outgrows the budget (README, "Pages by period").

A timeline that fits on one page is shown whole on the home page, with no period pages.
Otherwise every year has a page: its events, or (a year over the limit) the list of its
months' pages; each leaf page links to the previous and next in time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from chronicle.model.wording import ENGLISH, Wording
from chronicle.timeline.overview import (
    Overview,
    YearTallies,
    overview,
    places_of,
    spans_running_into,
    tally_year,
)
from chronicle.timeline.views import EventView, MonthGroup, YearGroup, card_weight_of

EVENTS_PER_PAGE = 40
"""A card weighs about 2.4-3 KB of HTML and 31 elements (bench/generate.py's events: 1-3
actors and places each): 40 of them keep a page within the budgets (150 KB, 3,000
elements) with the navigation around them."""

Start = Literal["latest", "first"]


def card_weight(view: object) -> int:
    """How many ordinary cards an event's card weighs (views.card_weight_of); an event's view
    keeps its own, computed once: every list the event is in is paged by it."""
    if isinstance(view, EventView):
        return view.card_weight
    return card_weight_of(getattr(view, "event", None))


def weight_of(views: Iterable[object]) -> int:
    return sum(card_weight(view) for view in views)


def chunks_by_weight(
    items: Sequence[Item], limit: int, weight_of_item: Callable[[Item], int] = card_weight
) -> list[tuple[Item, ...]]:
    """`items` in order, cut so that each chunk weighs at most `limit` (one item at least);
    an item weighs `weight_of_item` (as a card, by default)."""
    chunks: list[tuple[Item, ...]] = []
    current: list[Item] = []
    weight = 0
    for item in items:
        heavy = weight_of_item(item)
        if current and weight + heavy > limit:
            chunks.append(tuple(current))
            current, weight = [], 0
        current.append(item)
        weight += heavy
    return [*chunks, tuple(current)] if current else chunks


Item = TypeVar("Item")


@dataclass(frozen=True)
class PeriodLink:
    """A period page as others link to it."""

    path: str
    label: str
    count: int


@dataclass(frozen=True)
class Section:
    """A year as one page shows it: all its months, or those on that page."""

    year: int
    anchor: str
    months: tuple[MonthGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(month.events) for month in self.months)


@dataclass(frozen=True)
class PeriodPage:
    """One page of the chronology. A leaf shows `sections`; a large year's page lists `months`."""

    path: str
    label: str
    year: int
    sections: tuple[Section, ...]
    months: tuple[PeriodLink, ...] = ()
    previous: PeriodLink | None = None
    next: PeriodLink | None = None
    overview: Overview | None = None
    """A year's page: its months at a glance."""

    @property
    def identity(self) -> str:
        return f"period:{self.path}"

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections) or sum(link.count for link in self.months)

    @property
    def link(self) -> PeriodLink:
        return PeriodLink(self.path, self.label, self.count)


@dataclass(frozen=True)
class Chronology:
    """Where each event is shown, and what the home page shows."""

    paged: bool
    pages: tuple[PeriodPage, ...]
    """Every period page, in time order (a large year's page before its months')."""
    years: tuple[PeriodLink, ...]
    """Each year: its page, or its section of the home page when the timeline is not paged."""
    home: tuple[Section, ...]
    """What the home page shows: the whole timeline, or the latest (or first) periods, as
    many as fit one page."""
    start: PeriodLink | None
    """When paged, the earliest period the home page shows (the last one, with `first`):
    where a reader continues from."""
    overview: Overview | None = None
    """The whole timeline at a glance, on the home page."""


def chronology(
    years: Sequence[YearGroup],
    start: Start = "latest",
    limit: int = EVENTS_PER_PAGE,
    wording: Wording = ENGLISH,
    makers: PeriodMakers | None = None,
) -> Chronology:
    """`makers`: how a year's pages and its overview are made (the plain functions by default)."""
    makers = makers or PeriodMakers()
    glance = wording.phrase("The timeline at a glance")
    whole = tuple(Section(year.year, year.anchor, year.months) for year in years)
    if weight_of(view for year in years for month in year.months for view in month.events) <= limit:
        links = tuple(PeriodLink(f"#{year.anchor}", str(year.year), year.count) for year in years)
        where = places_of(("", _anchors(section)) for section in whole)
        at_a_glance = overview(glance, years, where, wording=wording, tallies=makers.year_tally)
        return Chronology(False, (), links, whole, None, at_a_glance)
    pages: list[PeriodPage] = []
    for year in years:
        pages.extend(makers.year_pages(year, limit, wording))
    pages = _linked(pages)
    leaves = [page for page in pages if page.sections]
    shown = _home_leaves(leaves if start == "first" else leaves[::-1], limit)
    if start == "latest":
        shown.reverse()
    years_links = tuple(page.link for page in pages if page.path == f"{page.year}/")
    boundary = shown[-1] if start == "first" else shown[0]
    where = _where(pages)
    at_a_glance = overview(glance, years, where, wording=wording, tallies=makers.year_tally)
    by_year, running = {year.year: year for year in years}, spans_running_into(years)
    pages = [
        dataclasses.replace(
            page, overview=makers.year_overview(by_year[page.year], running[page.year], where, wording)
        )
        if page.path == f"{page.year}/"
        else page
        for page in pages
    ]
    return Chronology(True, tuple(pages), years_links, _merged(shown), boundary.link, at_a_glance)


def _anchors(section: Section) -> Iterator[tuple[str, str]]:
    """(the anchor others look up, the id on the page): a month's part is found as its month."""
    yield section.anchor, section.anchor
    for month in section.months:
        yield month.anchor.split("-p")[0], month.anchor


def _where(pages: Sequence[PeriodPage]) -> dict[str, str]:
    """Year and month anchors -> the page showing them (the first part of a large month);
    a year -> its own page."""
    found = places_of((page.path, _anchors(s)) for page in pages for s in page.sections)
    found.update({f"y{page.year}": page.path for page in pages if page.path == f"{page.year}/"})
    return found


def year_overview(
    year: YearGroup, earlier: tuple[EventView, ...], where: Mapping[str, str], wording: Wording
) -> Overview | None:
    """A year's months at a glance, on its page; `earlier`, the spans begun before it."""
    title = wording.phrase("%(year)s at a glance", year=year.year)
    return overview(title, (year,), where, monthly=True, earlier=earlier, wording=wording)


def _home_leaves(leaves: Sequence[PeriodPage], limit: int) -> list[PeriodPage]:
    """The leaves the home page shows, from the start: as many as fit the limit, at least one."""
    first = leaves[0]
    shown = [first]
    count = weight_of(view for section in first.sections for month in section.months for view in month.events)
    for page in leaves[1:]:
        weight = weight_of(
            view for section in page.sections for month in section.months for view in month.events
        )
        if count + weight > limit:
            break
        shown.append(page)
        count += weight
    return shown


def _merged(pages: Sequence[PeriodPage]) -> tuple[Section, ...]:
    """The sections of consecutive leaves, each year once."""
    sections: list[Section] = []
    for section in (section for page in pages for section in page.sections):
        if sections and sections[-1].year == section.year:
            sections[-1] = Section(section.year, section.anchor, sections[-1].months + section.months)
        else:
            sections.append(section)
    return tuple(sections)


def year_pages(year: YearGroup, limit: int, wording: Wording) -> list[PeriodPage]:
    """A year's pages: the year's, and its months' when it is too large for one."""
    label = str(year.year)
    if weight_of(view for month in year.months for view in month.events) <= limit:
        return [
            PeriodPage(f"{year.year}/", label, year.year, (Section(year.year, year.anchor, year.months),))
        ]
    months = [page for month in year.months for page in _month_pages(year, month, limit, wording)]
    # Every month's page, each part of a large month too: all within three links of home.
    index = PeriodPage(f"{year.year}/", label, year.year, (), tuple(page.link for page in months))
    return [index, *months]


def _month_pages(year: YearGroup, month: MonthGroup, limit: int, wording: Wording) -> list[PeriodPage]:
    folder = f"{year.year}/{_month_folder(month)}/"
    events = month.events
    if weight_of(events) <= limit:
        return [PeriodPage(folder, month.label, year.year, (Section(year.year, year.anchor, (month,)),))]
    chunks = chunks_by_weight(events, limit)
    return [
        PeriodPage(
            folder if number == 1 else f"{folder}{number}/",
            wording.phrase(
                "%(month)s, part %(number)s of %(count)s", month=month.label, number=number, count=len(chunks)
            ),
            year.year,
            (Section(year.year, year.anchor, (_part(month, number, chunk),)),),
        )
        for number, chunk in enumerate(chunks, start=1)
    ]


def _part(month: MonthGroup, number: int, events: tuple[EventView, ...]) -> MonthGroup:
    # An anchor of its own: the whole month is a view too, and each view has one identity.
    slugs = {view.slug for view in events}
    outside = tuple(slug for slug in month.outside if slug in slugs)
    return MonthGroup(f"{month.anchor}-p{number}", month.label, events, outside, month.period)


def _month_folder(month: MonthGroup) -> str:
    """ "06" for the anchor "m2025-06", "month-unknown" for "m2025-unknown"."""
    suffix = month.anchor.rsplit("-", 1)[-1]
    return "month-unknown" if suffix == "unknown" else suffix


def _linked(pages: list[PeriodPage]) -> list[PeriodPage]:
    """Each leaf with the previous and next leaf; each year's list of months with the years around it."""
    links = [page.link for page in pages]  # each counts its page's events: made once
    leaves = [index for index, page in enumerate(pages) if page.sections]
    linked = list(pages)
    for before, here, after in zip([None, *leaves[:-1]], leaves, [*leaves[1:], None], strict=True):
        linked[here] = dataclasses.replace(
            pages[here],
            previous=links[before] if before is not None else None,
            next=links[after] if after is not None else None,
        )
    years = [index for index, page in enumerate(pages) if page.path.count("/") == 1]
    for number, here in enumerate(years):
        if not pages[here].sections:
            linked[here] = dataclasses.replace(
                pages[here],
                previous=links[years[number - 1]] if number else None,
                next=links[years[number + 1]] if number + 1 < len(years) else None,
            )
    return linked


def period_of_events(chronology: Chronology, slugs: Collection[str] | None = None) -> dict[str, PeriodLink]:
    """Slug -> the leaf page that shows the event (empty when the timeline is not paged); of
    the events at `slugs` only, when given."""
    found: dict[str, PeriodLink] = {}
    for page in chronology.pages:
        shown = [view.slug for section in page.sections for month in section.months for view in month.events]
        if slugs is not None:
            shown = [slug for slug in shown if slug in slugs]
        if shown:
            link = page.link  # made anew at each use: it counts the page's events
            found.update(dict.fromkeys(shown, link))
    return found


YearPages = Callable[[YearGroup, int, Wording], list[PeriodPage]]
YearOverview = Callable[[YearGroup, tuple[EventView, ...], Mapping[str, str], Wording], Overview | None]


@dataclass(frozen=True)
class PeriodMakers:
    """How `chronology` makes each year's pages and overviews: `year_pages`, `year_overview`
    and `year_tally` (a year's part of the timeline's overview), or functions giving the
    same results (a session that builds again
    gives those of its last run for identical inputs: build.recent.KeptPeriods)."""

    year_pages: YearPages = year_pages
    year_overview: YearOverview = year_overview
    year_tally: YearTallies = tally_year
    kept_years: Mapping[int, YearGroup] = field(default_factory=dict)
    """Year -> its group as the last run made it, in the same wording: `group_by_year_and_month`
    reuses its months that hold the very same views."""
