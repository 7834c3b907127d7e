"""Events in order -> the year and month groups a page shows them in, each heading saying
which of its events may fall outside its period."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping

from chronicle.model.date_wording import shown_date
from chronicle.model.dates import PartialDate
from chronicle.model.wording import Wording
from chronicle.timeline.views import EventView, MonthGroup, YearGroup

Period = tuple[int, int]
"""(year, month); month 0: the year, its month not known."""


def group_by_year_and_month(
    events: Iterable[EventView], wording: Wording, kept: Mapping[int, YearGroup] | None = None
) -> tuple[YearGroup, ...]:
    """Events already in order -> years -> months, by where each is placed (a year-precision
    date, or a day somewhere between two months, opens its year). An event that `after` holds
    past its own month joins the group then running, so that the groups keep the order.
    `kept`: groups made before in the same `wording`; a month made of the very same views is
    that month again (the same object), and so is a year made of the very same months: a
    group is made of its period, its views and the wording only, so nothing is compared but
    identities (a save changes one month or two)."""
    kept = kept or {}
    years: dict[int, dict[int, list[EventView]]] = {}
    running = (0, 0)
    for view in events:
        own = max(view.own_period, running)
        running = own
        years.setdefault(own[0], {}).setdefault(own[1], []).append(view)
    return tuple(_year_group(year, months, wording, kept.get(year)) for year, months in years.items())


def _year_group(
    year: int, months: Mapping[int, list[EventView]], wording: Wording, kept: YearGroup | None
) -> YearGroup:
    before = {group.anchor: group for group in kept.months} if kept is not None else {}
    groups = tuple(
        _same_views(before.get(_anchor(year, month)), views) or _month_group((year, month), views, wording)
        for month, views in months.items()
    )
    if (
        kept is not None
        and len(kept.months) == len(groups)
        and all(old is new for old, new in zip(kept.months, groups, strict=True))
    ):
        return kept
    return YearGroup(year, f"y{year}", groups)


def _same_views(kept: MonthGroup | None, views: list[EventView]) -> MonthGroup | None:
    """`kept` when it holds the very same views, in the same order."""
    if kept is None or len(kept.events) != len(views):
        return None
    return kept if all(old is new for old, new in zip(kept.events, views, strict=True)) else None


def _anchor(year: int, month: int) -> str:
    return f"m{year}-{month:02d}" if month else f"m{year}-unknown"


def _month_group(period: Period, views: list[EventView], wording: Wording) -> MonthGroup:
    year, month = period
    return MonthGroup(
        _anchor(year, month),
        shown_date(PartialDate(year, month), wording)
        if month
        else wording.phrase("%(year)s, month not known", year=year),
        tuple(views),
        tuple(view.slug for view in views if _may_fall_outside(view, period)),
        shown_date(PartialDate(year, month or None), wording),
    )


def _may_fall_outside(view: EventView, period: Period) -> bool:
    year, month = period
    last_day = calendar.monthrange(year, month or 12)[1]
    return may_fall_outside(
        view, datetime.date(year, month or 1, 1), datetime.date(year, month or 12, last_day)
    )


def may_fall_outside(view: EventView, first: datetime.date, last: datetime.date) -> bool:
    """Whether the event's date (its start, for a span with an `end`) allows a day outside
    `first`..`last`, the period a heading (or an overview's bar) names: a range running past
    it, an open bound, an approximate or uncertain date ("c. August 2025" may be July), or a
    place held by `after` past its own date. A span that began within the period and ran on
    is not: the heading names its start."""
    date = view.event.date
    if date.qualified:
        return True
    earliest, latest = date.earliest(), date.latest()
    return earliest is None or latest is None or earliest < first or latest > last
