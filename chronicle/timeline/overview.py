"""The overview of a timeline or a year, as geometry for an SVG drawn at build time: events per
month (or per year, over a long timeline) as bars, spans as what they cover after their
start, disputed figures marked; each bar a link to where its events are shown.

No markup here (templates/partials/overview.html draws it); coordinates rounded to 0.1 so
the same timeline gives the same bytes.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from chronicle.model.wording import ENGLISH, Wording
from chronicle.timeline.groups import may_fall_outside
from chronicle.timeline.overview_words import (
    UNIT_WORDS,
    UNITS,
    bucket_label,
    bucket_name,
    bucket_period,
    bucket_text,
    overview_description,
)
from chronicle.timeline.views import EventView, YearGroup

WIDTH, HEIGHT = 720.0, 150.0
LEFT, RIGHT, TOP, AXIS = 8.0, 712.0, 14.0, 104.0
"""The plot: bars rise from AXIS; spans hang below it, down to SPANS_BOTTOM."""
SPANS_BOTTOM = 128.0
LEAST_DRAWN = 4.0
"""The least height of a bar or span that stands for any event: at decade scale one event
beside a hundred would be a hairline, easily taken for none."""
MONTHLY_UP_TO_YEARS = 5
"""A timeline of up to five years is drawn month by month; a longer one by year, decade,
century or millennium, whichever gives at most MAX_BARS bars."""
MAX_BARS = 60


@dataclass(frozen=True)
class Bucket:
    """A month (or a year) of the overview."""

    label: str
    href: str
    """Site path (or #anchor) of where its events are shown; "" for an empty bucket."""
    count: int
    disputed: int
    """Its events with disputed figures."""
    ongoing: int
    """Spans begun before it that may still run in it."""
    x: float
    width: float
    y: float
    """Top of its bar (AXIS when empty)."""
    span_height: float
    text: str = ""
    """What the bar says on hover: "June 2025: 3 events, 1 with disputed figures"."""
    outside: int = 0
    """Its events that may have happened outside its period (timeline/groups.py's rule, as the
    month headings say): drawn lighter, at the top of the bar."""
    name: str = ""
    """How the sentence summing the chart up names it, where not as its label
    (overview_words.bucket_name: "2022 (month not known)")."""

    @property
    def bar_height(self) -> float:
        return round(AXIS - self.y, 1)

    @property
    def outside_height(self) -> float:
        """The height of the bar's lighter top, its events that may have happened outside it."""
        return round(self.bar_height * self.outside / self.count, 1) if self.count else 0.0

    @property
    def within_y(self) -> float:
        """The top of the bar's solid part, the events that happened within its period."""
        return round(self.y + self.outside_height, 1)

    @property
    def within_height(self) -> float:
        return round(self.bar_height - self.outside_height, 1)

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def span_top(self) -> float:
        return AXIS + 2


@dataclass(frozen=True)
class Overview:
    title: str
    description: str
    by: str
    """What a bar counts: "month", "year", "decade", "century", "millennium" or "ten millennia"."""
    by_words: str
    """The same in the interface language, as "by month" says it."""
    unit: str
    """The table's heading for a bar: "Month", "Year" ..."""
    buckets: tuple[Bucket, ...]
    ticks: tuple[tuple[float, str], ...]
    """(x, label) under the axis."""
    width: float = WIDTH
    height: float = HEIGHT
    axis: float = AXIS
    left: float = LEFT
    right: float = RIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def shown(self) -> tuple[Bucket, ...]:
        """The buckets with events or spans: those drawn and listed."""
        return tuple(bucket for bucket in self.buckets if bucket.count or bucket.ongoing)

    @property
    def outside(self) -> int:
        """The events that may have happened outside the period of the bar that counts them."""
        return sum(bucket.outside for bucket in self.buckets)


@dataclass(frozen=True)
class YearTally:
    """What a year's events add to an overview's buckets, at one scale (`tally_year`)."""

    buckets: tuple[tuple[Key, int, int, int], ...]
    """(bucket, events, those with disputed figures, those that may fall outside it), in order."""
    spans: tuple[tuple[Key, Key], ...]
    """(the bucket a span starts in, the last it may reach), for each span."""


def tally_year(year: YearGroup, monthly: bool, size: int) -> YearTally:
    """`year`'s events counted where each is shown (its group, which `after` may set past its date)."""
    buckets: dict[Key, list[int]] = {}
    spans = []
    for month in year.months:
        start = _key(year.year, _month_number(month.anchor), monthly, size)
        first, last = _days(start, monthly, size)
        bucket = buckets.setdefault(start, [0, 0, 0])
        for view in month.events:
            bucket[0] += 1
            bucket[1] += bool(view.claims)
            bucket[2] += may_fall_outside(view, first, last)
            if view.event.end is not None:
                spans.append((start, _span_stop(view, monthly, size)))
    return YearTally(
        tuple((key, count, disputed, outside) for key, (count, disputed, outside) in buckets.items()),
        tuple(spans),
    )


YearTallies = Callable[[YearGroup, bool, int], YearTally]


def overview(
    title: str,
    years: Sequence[YearGroup],
    where: Mapping[str, str],
    monthly: bool | None = None,
    earlier: Iterable[EventView] = (),
    wording: Wording = ENGLISH,
    tallies: YearTallies = tally_year,
) -> Overview | None:
    """`where`: month anchor ("m2025-06") or year anchor ("y2025") -> where it is shown.
    `earlier`: events shown before `years`, whose spans may still run in them. `tallies`:
    `tally_year`, or a function giving the same (one that keeps those of unchanged years)."""
    if not years:
        return None
    first, last = years[0].year, years[-1].year
    if monthly is None:
        monthly = last - first < MONTHLY_UP_TO_YEARS
    size = (
        1
        if monthly
        else next(size for size in (1, 10, 100, 1000, 10000) if (last - first) // size < MAX_BARS)
    )
    keys = _keys(first, last, monthly, size)
    counts = {key: _Tally() for key in keys}
    positions = {key: number for number, key in enumerate(keys)}
    running = [0] * (len(keys) + 1)
    """Spans starting (+1) and stopping (-1) at each bucket: summed in order, those running."""
    for year in years:
        tally = tallies(year, monthly, size)
        for key, count, disputed, outside in tally.buckets:
            if counts[key].first_year is None:
                counts[key].first_year = year.year
            counts[key].count += count
            counts[key].disputed += disputed
            counts[key].outside += outside
        for start, stop in tally.spans:
            # A span ending past the drawn years runs to their end; one ending before its group, nowhere.
            end_at = positions.get(stop, len(keys) - 1 if stop > keys[-1] else positions[start])
            if end_at > positions[start]:
                running[positions[start] + 1] += 1
                running[end_at + 1] -= 1
    ongoing = 0
    for number, key in enumerate(keys):
        ongoing += running[number]
        if not (monthly and key[1] == 0):  # a later year's "month not known" is no month of a span
            counts[key].ongoing += ongoing
    for view in earlier:
        if view.event.end is not None:
            _still_running(view, keys, counts, monthly, size)
    return _overview(title, keys, counts, where, (monthly, size), wording)


def spans_running_into(years: Sequence[YearGroup]) -> dict[int, tuple[EventView, ...]]:
    """Year -> the spans begun in the years before it that may still run in it (whose end's
    latest year is not before it): in one pass, each span dropped once it has ended, where
    handing each year every earlier event grew with years x events."""
    found: dict[int, tuple[EventView, ...]] = {}
    running: list[EventView] = []
    for group in years:
        running = [view for view in running if _last_year(view) >= group.year]
        found[group.year] = tuple(running)
        running += [view for month in group.months for view in month.events if view.event.end is not None]
    return found


def _last_year(view: EventView) -> int:
    end = view.event.end
    assert end is not None
    return (end.high or end.anchor).year


def _still_running(
    view: EventView, keys: list[Key], counts: dict[Key, _Tally], monthly: bool, size: int
) -> None:
    """A span begun before the drawn years: counted as running in each of their buckets it reaches."""
    stop = _span_stop(view, monthly, size)
    for key in keys:
        if key > stop:
            break
        if not (monthly and key[1] == 0):
            counts[key].ongoing += 1


def _month_number(anchor: str) -> int | None:
    """6 for "m2025-06" (and its parts, "m2025-06-p2"); None for "m2025-unknown"."""
    month = anchor.split("-")[1] if anchor.count("-") >= 1 else ""
    return int(month) if month.isdigit() else None


@dataclass
class _Tally:
    count: int = 0
    disputed: int = 0
    ongoing: int = 0
    outside: int = 0
    first_year: int | None = None
    """The first year with events in a bucket of several years: where its link leads."""


Key = tuple[int, int]
"""(year, month): month 0 is "month not known" (a year-precision date), drawn before January;
by year, month is always 0."""


def _keys(first: int, last: int, monthly: bool, size: int) -> list[Key]:
    if monthly:
        return [(year, month) for year in range(first, last + 1) for month in range(13)]
    return [(year, 0) for year in range(first - first % size, last + 1, size)]


def _key(year: int, month: int | None, monthly: bool, size: int = 1) -> Key:
    return (year, month or 0) if monthly else (year - year % size, 0)


def _days(key: Key, monthly: bool, size: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a bucket's period (a month, a year, a decade ...), within
    the calendar's years (1 to 9999)."""
    year, month = key
    if monthly and month:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    last = year if monthly else year + size - 1
    return datetime.date(max(year, 1), 1, 1), datetime.date(min(max(last, 1), 9999), 12, 31)


def _span_stop(view: EventView, monthly: bool, size: int) -> Key:
    """The last bucket a span may reach: its end's latest possible month (a year's December)."""
    end = view.event.end
    assert end is not None
    last = end.high or end.anchor
    return _key(last.year, last.month if last.month is not None else 12, monthly, size)


def _overview(
    title: str,
    keys: list[Key],
    counts: Mapping[Key, _Tally],
    where: Mapping[str, str],
    scale: tuple[bool, int],
    wording: Wording,
) -> Overview:
    monthly, size = scale
    step = (RIGHT - LEFT) / len(keys)
    most = max((tally.count for tally in counts.values()), default=0) or 1
    longest = max((tally.ongoing for tally in counts.values()), default=0) or 1
    buckets = []
    for number, key in enumerate(keys):
        tally = counts[key]
        height = max((AXIS - TOP) * tally.count / most, LEAST_DRAWN) if tally.count else 0.0
        hanging = (SPANS_BOTTOM - AXIS - 4) * tally.ongoing / longest
        anchor = _anchor((tally.first_year or key[0], key[1]), monthly)
        label = bucket_label(key, monthly, size, wording)
        buckets.append(
            Bucket(
                label,
                where.get(anchor, "") if tally.count else "",
                tally.count,
                tally.disputed,
                tally.ongoing,
                round(LEFT + number * step + step * 0.1, 1),
                round(step * 0.8, 1),
                round(AXIS - height, 1),
                round(max(hanging, LEAST_DRAWN) if tally.ongoing else 0.0, 1),
                bucket_text(label, tally, bucket_period(key, monthly, label, wording), wording),
                tally.outside,
                bucket_name(key, monthly, size, wording),
            )
        )
    ticks = (
        _month_ticks(keys, step, counts)
        if monthly and len({year for year, _ in keys}) == 1
        else _ticks(keys, step, monthly, size)
    )
    unit = "month" if monthly else UNITS[size]
    by_words, heading = (wording.phrase(text) for text in UNIT_WORDS[unit])
    description = overview_description(buckets, by_words, wording)
    return Overview(title, description, unit, by_words, heading, tuple(buckets), ticks)


def _ticks(keys: Sequence[Key], step: float, monthly: bool, size: int) -> tuple[tuple[float, str], ...]:
    years = sorted({year for year, _ in keys})
    every = next(count for count in (1, 2, 5, 10, 20, 50, 100) if len(years) / count <= 10)
    return tuple(
        _within(LEFT + keys.index((year, 0)) * step + (step * 6.5 if monthly else step / 2), str(year))
        for year in years
        if (year // size) % every == 0 or len(years) == 1
    )


def _month_ticks(
    keys: Sequence[Key], step: float, counts: Mapping[Key, _Tally]
) -> tuple[tuple[float, str], ...]:
    """A single year's thirteen bars, each named under it: "?" for "month not known" (when it
    has events), then 1 to 12, so that its first bar is not read as January. Numbers, not
    initials: they read the same in every language and fit under a bar at phone size."""
    return tuple(
        _within(LEFT + number * step + step / 2, str(month) if month else "?")
        for number, (_, month) in enumerate(keys)
        if month or counts[keys[number]].count
    )


TICK_FONT = 23.0
"""The ticks' largest size in drawing units (style.css, on a phone, where the drawing is halved)."""


def _within(x: float, label: str) -> tuple[float, str]:
    """A tick centred at x, moved in just enough that its label is not cut at either edge of the
    drawing (the last year's, under the last bar, ran past it on phones)."""
    half = len(label) * TICK_FONT * 0.3 + 2
    return round(min(max(x, half), WIDTH - half), 1), label


def _anchor(key: Key, monthly: bool) -> str:
    year, month = key
    if not monthly:
        return f"y{year}"
    return f"m{year}-unknown" if month == 0 else f"m{year}-{month:02d}"


def places_of(pages: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> dict[str, str]:
    """(page path, (anchor looked up, id on the page) pairs) -> anchor -> "path#id", the first
    page for each."""
    found: dict[str, str] = {}
    for path, anchors in pages:
        for anchor, element in anchors:
            found.setdefault(anchor, f"{path}#{element}")
    return found
