"""A claim's dated numeric values -> the geometry of a small chart of the estimates over time.

Pure geometry and wording, no markup: templates/partials/claim_chart.html draws it as SVG.
Every coordinate is in the chart's own units (its viewBox), rounded to one decimal, so the
same values always give the same bytes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.model.date_wording import N_, label_text
from chronicle.model.records import BOUNDS, Bound
from chronicle.model.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from chronicle.model.event_dates import EventDate
    from chronicle.timeline.claim_views import ClaimValueView

WIDTH = 480
HEIGHT = 240
PLOT_LEFT = 64.0
PLOT_RIGHT = WIDTH - 16.0
PLOT_TOP = 28.0
PLOT_BOTTOM = HEIGHT - 32.0
MAX_X_TICKS = 4
Y_INTERVALS = 4
"""About this many steps between y gridlines (the step is rounded to 1, 2 or 5 x 10^n)."""
MIN_DAYS = 60
"""The narrowest span of days shown: two figures of one week are not drawn a chart apart."""
CAP = 5.0
"""Half the width of the caps at a range's ends; a dot's radius is the same."""
EDGE = 0.06
"""The share of the shown span left free on either side of the first and last figure."""
ARROW = 16.0
"""The length of a bound's arrow, from its open circle: up for a floor, down for a ceiling."""
HEAD = 5.0
"""The half-width (and the height) of an arrow's head."""


@dataclass(frozen=True)
class Tick:
    """A labelled place on an axis: `at` is x for the time axis, y for the value axis."""

    at: float
    label: str


@dataclass(frozen=True)
class ChartPoint:
    """One stated figure: a dot at (x, y_low) for a number, a bar from y_low to y_high for a
    range; for a bound (`bound`), an open circle at (x, y_low) with an arrow up from it (a
    floor: at least) or down (a ceiling: at most)."""

    x: float
    y_low: float
    y_high: float
    ranged: bool
    label: str
    """What the figure is, who states it and when: the point's <title>."""
    bound: Bound | None = None

    @property
    def arrow_start(self) -> float:
        """Where a bound's arrow leaves its circle (y)."""
        return _round(self.y_low - CAP if self.bound == "at-least" else self.y_low + CAP)

    @property
    def arrow_tip(self) -> float:
        """Where a bound's arrow ends (y): ARROW on, within the drawing (a ceiling's not below
        the time axis)."""
        if self.bound == "at-least":
            return _round(max(self.arrow_start - ARROW, 2.0))
        return _round(max(min(self.arrow_start + ARROW, PLOT_BOTTOM), self.arrow_start + HEAD + 1))

    @property
    def arrow_head(self) -> str:
        """The path of a bound's arrow head, a chevron at its tip."""
        tip = self.arrow_tip
        back = _round(tip + HEAD if self.bound == "at-least" else tip - HEAD)
        left, right = _round(self.x - HEAD), _round(self.x + HEAD)
        return f"M{left:g} {back:g} L{self.x:g} {tip:g} L{right:g} {back:g}"

    @property
    def cap_left(self) -> float:
        """Where a range's end caps start (and end: `cap_right`)."""
        return _round(self.x - CAP)

    @property
    def cap_right(self) -> float:
        return _round(self.x + CAP)


@dataclass(frozen=True)
class EstimateChart:
    title: str
    description: str
    """The whole chart in words: the span of dates, then every figure as its source states it."""
    unit: str | None
    """The value axis' unit, shared by every figure charted (None: plain numbers)."""
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    points: tuple[ChartPoint, ...]
    bounds: tuple[Bound, ...] = ()
    """The kinds of bound drawn (floors, ceilings), for the legend: in BOUNDS' order."""
    width: int = WIDTH
    height: int = HEIGHT
    left: float = PLOT_LEFT
    right: float = PLOT_RIGHT
    top: float = PLOT_TOP
    bottom: float = PLOT_BOTTOM

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def y_label_x(self) -> float:
        """Where the value axis' labels end (they are right-aligned)."""
        return self.left - 8.0

    @property
    def x_label_y(self) -> float:
        """The baseline of the time axis' labels."""
        return self.bottom + 20.0

    @property
    def x_tick_end(self) -> float:
        """Where the time axis' tick marks end, below the axis."""
        return self.bottom + 5.0

    @property
    def unit_y(self) -> float:
        """The baseline of the unit's name, above the value axis (from the left edge)."""
        return self.top - 12.0


def estimate_chart(
    about: str, values: Sequence[ClaimValueView], wording: Wording = ENGLISH
) -> EstimateChart | None:
    """The chart of the values that have both `as_of` and `low`; None when they stand at fewer
    than two points in time (one point shows nothing over time), or when they are not in one
    unit (a chart has one value axis)."""
    charted = [value for value in values if value.as_of is not None and _finite(value.low, value.high)]
    if len({value.unit for value in charted}) > 1:
        return None
    days = [stated_day(_as_of(value)) for value in charted]
    if len(set(days)) < 2:
        return None
    start, end = _day_span(min(days), max(days))
    numbers = [number for value in charted for number in _figure(value)]
    bottom, top, step = _value_span(min(numbers), max(numbers))

    def x_of(day: float) -> float:
        return _round(PLOT_LEFT + (day - start) / (end - start) * (PLOT_RIGHT - PLOT_LEFT))

    def y_of(number: float) -> float:
        return _round(PLOT_BOTTOM - (number - bottom) / (top - bottom) * (PLOT_BOTTOM - PLOT_TOP))

    points = tuple(
        ChartPoint(
            x_of(day),
            y_of(_figure(value)[0]),
            y_of(_figure(value)[-1]),
            len(set(_figure(value))) > 1,
            point_label(value, wording),
            None if value.high is not None else value.bound,
        )
        for value, day in zip(charted, days, strict=True)
    )
    unit = charted[0].unit
    return EstimateChart(
        title=wording.phrase("%(about)s: estimates over time", about=about),
        description=_description(charted, wording),
        unit=unit,
        x_ticks=_time_ticks(start, end, x_of, wording),
        y_ticks=tuple(Tick(y_of(number), wording.number(number)) for number in _steps(bottom, top, step)),
        points=points,
        bounds=tuple(bound for bound in BOUNDS if any(point.bound == bound for point in points)),
    )


def stated_day(as_of: EventDate) -> float:
    """Where a figure stands on the time axis, as a day number (`date.toordinal()`): the
    middle of its earliest and latest possible day ("June 2025": mid-June; a closed range:
    its middle); for an open range ("[..2025-06-03]"), the middle of its one bound (the anchor)."""
    earliest, latest = as_of.earliest(), as_of.latest()
    if earliest is None or latest is None:
        earliest, latest = as_of.anchor.first_day(), as_of.anchor.last_day()
    return (earliest.toordinal() + latest.toordinal()) / 2


def point_label(value: ClaimValueView, wording: Wording = ENGLISH) -> str:
    """ "about 600, according to South Korean intelligence, as of April 2025"; a bound says it
    is one: "at least 600 (a lower bound), according to ..."; a value with a note points to it,
    since what the note says (what its date rests on, say) bears on the point drawn."""
    when = label_text(value.as_of_label)
    said = value.value
    if value.bound is not None and value.high is None:
        said = wording.phrase(_BOUND_WORDS[value.bound], value=said)
    if value.as_of is not None and not value.as_of.ranged:
        label = wording.phrase(
            "%(value)s, according to %(who)s, as of %(date)s", value=said, who=value.according_to, date=when
        )
    else:
        label = wording.phrase(
            "%(value)s, according to %(who)s, %(date)s", value=said, who=value.according_to, date=when
        )
    if value.note_number is None:
        return label
    return wording.phrase(
        "%(label)s (see note %(number)s under the table)", label=label, number=value.note_number
    )


_BOUND_WORDS: dict[Bound, str] = {
    "at-least": N_("%(value)s (a lower bound)"),
    "at-most": N_("%(value)s (an upper bound)"),
}


def nice_step(raw: float) -> float:
    """The smallest of 1, 2 or 5 x 10^n at least `raw` (> 0)."""
    exponent = math.floor(math.log10(raw))
    for mantissa in (1, 2, 5, 10):
        step = mantissa * 10.0**exponent
        if step >= raw * (1 - 1e-9):
            return step
    raise AssertionError("unreachable: 10 x 10^n >= raw")  # pragma: no cover


def _finite(low: float | None, high: float | None) -> bool:
    """A number to draw (`low`), and no figure too large for a float (digits only, no limit)."""
    return low is not None and math.isfinite(low) and (high is None or math.isfinite(high))


def _as_of(value: ClaimValueView) -> EventDate:
    assert value.as_of is not None
    return value.as_of


def _figure(value: ClaimValueView) -> tuple[float, ...]:
    """The value's numbers: (low,) or (low, high)."""
    assert value.low is not None
    return (value.low,) if value.high is None else (value.low, value.high)


def _day_span(first: float, last: float) -> tuple[float, float]:
    """The days the time axis shows: at least MIN_DAYS, with room on either side."""
    middle, half = (first + last) / 2, max(last - first, MIN_DAYS) / 2
    half *= 1 + 2 * EDGE
    return middle - half, middle + half


def _value_span(low: float, high: float) -> tuple[float, float, float]:
    """(bottom, top, step) of the value axis: from 0 (or below, for negative figures) to a
    round number at or above every figure."""
    low, high = min(low, 0.0), max(high, 0.0)
    step = nice_step((high - low) / Y_INTERVALS if high > low else 1.0)
    bottom = math.floor(low / step + 1e-9) * step
    top = math.ceil(high / step - 1e-9) * step
    if top <= bottom:
        top = bottom + step
    return bottom, top, step


def _steps(bottom: float, top: float, step: float) -> list[float]:
    count = round((top - bottom) / step)
    return [_clean(bottom + index * step) for index in range(count + 1)]


_LAST_DAY = datetime.date.max.toordinal()


def _time_ticks(
    start: float, end: float, x_of: Callable[[float], float], wording: Wording
) -> tuple[Tick, ...]:
    """Years when the axis spans more than two years, else months; at most MAX_X_TICKS.
    Ticks stay within the calendar's days (1 January 1 to 31 December 9999)."""
    first = datetime.date.fromordinal(min(max(math.ceil(start), 1), _LAST_DAY))
    last = datetime.date.fromordinal(min(max(math.floor(end), 1), _LAST_DAY))
    if end - start > 730:
        years = [year for year in range(first.year, last.year + 1) if datetime.date(year, 1, 1) >= first]
        every = _tick_interval(len(years), (1, 2, 5, 10, 20, 50, 100))
        return tuple(
            Tick(x_of(datetime.date(year, 1, 1).toordinal()), str(year))
            for year in years
            if year % every == 0
        )
    months = [
        datetime.date(index // 12, index % 12 + 1, 1)
        for index in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    ]
    months = [month for month in months if month >= first]
    every = _tick_interval(len(months), (1, 2, 3, 6, 12))
    return tuple(
        Tick(x_of(month.toordinal()), wording.short_month(month))
        for month in months
        if (month.month - 1) % every == 0
    )


def _tick_interval(count: int, choices: tuple[int, ...]) -> int:
    return next((every for every in choices if math.ceil(count / every) <= MAX_X_TICKS), choices[-1])


def _description(charted: Sequence[ClaimValueView], wording: Wording) -> str:
    """The dates, then every figure in its source's words. No number of the figures is said
    apart from those words: a figure's `low` and `high` are bare numbers, and "all of 10,000"
    or "ranging from 600 to 12,000" would drop what bounds them ("more than 10,000", "at least
    600", "up to", "about", a range), stating them more exactly than the sources do."""
    first, last = label_text(charted[0].as_of_label), label_text(charted[-1].as_of_label)
    dates = (
        wording.phrase("dated %(date)s", date=first)
        if first == last
        else wording.phrase("dated from %(first)s to %(last)s", first=first, last=last)
    )
    items = wording.phrase("; ").join(point_label(value, wording) for value in charted)
    said = wording.counted(
        "%(num)s estimate %(dates)s, as its source states it: %(items)s.",
        "%(num)s estimates %(dates)s, each as its source states it: %(items)s.",
        len(charted),
        dates=dates,
        items=items,
    )
    drawn = {value.bound for value in charted if value.high is None}
    legend = [wording.phrase(_BOUND_LEGEND[bound]) for bound in BOUNDS if bound in drawn]
    return " ".join([said, *legend])


_BOUND_LEGEND: dict[Bound, str] = {
    "at-least": N_(
        "A lower bound is drawn as an open circle with an arrow up: "
        "the figure is at least the number it stands at."
    ),
    "at-most": N_(
        "An upper bound is drawn as an open circle with an arrow down: "
        "the figure is at most the number it stands at."
    ),
}


def _clean(number: float) -> float:
    """A tick value without the float noise of repeated steps (0.30000000000000004 -> 0.3)."""
    return float(f"{number:.10g}")


def _round(coordinate: float) -> float:
    return round(coordinate, 1) + 0.0  # + 0.0: never "-0.0"
