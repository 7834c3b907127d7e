"""timeline/chart.py: a claim's dated numeric values -> the geometry of its chart over time."""

from __future__ import annotations

import datetime

import pytest

from chronicle.model.date_wording import date_label
from chronicle.model.event_dates import parse_event_date
from chronicle.model.records import Bound
from chronicle.model.wording import ENGLISH
from chronicle.timeline.chart import EstimateChart, estimate_chart, nice_step, stated_day
from chronicle.timeline.claim_views import ClaimValueView
from chronicle.timeline.views import SourceView

SOURCE = SourceView("Briefing", None, None, None, "https://example.org/", None, None, None, None)
ABOUT = "Soldiers sent north"


def value(
    text: str,
    as_of: str | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = "soldiers",
    who: str = "Monitors",
    bound: Bound | None = None,
) -> ClaimValueView:
    """A claim value as assemble.py makes it; `as_of` in EDTF."""
    date = parse_event_date(as_of) if as_of else None
    label = date_label(date) if date else ()
    return ClaimValueView(text, who, SOURCE, date, label, None, low, high, unit, bound)


def chart_of(*values: ClaimValueView) -> EstimateChart:
    chart = estimate_chart(ABOUT, values)
    assert chart is not None
    return chart


TROOPS = (
    value("at least 600", "2025-04-02", 600, who="Capital intelligence"),
    value("3,000 to 5,000", "2025-07~", 3000, 5000, who="Independent monitors"),
    value("about 12,000", "2025-11", 12000, who="Bravo's ministry"),
)


def test_no_chart_under_two_values_with_both_as_of_and_a_number() -> None:
    values = (
        value("at least 600", "2025-04", 600),
        value("many", "2025-05"),
        value("about 12,000", None, 12000),
    )
    assert estimate_chart(ABOUT, values) is None


def test_two_dated_numeric_values_make_a_chart_titled_after_the_claim() -> None:
    chart = chart_of(value("600", "2025-04", 600), value("12,000", "2025-11", 12000))
    assert chart.title == "Soldiers sent north: estimates over time"
    assert len(chart.points) == 2
    assert chart.view_box == "0 0 480 240"


def test_values_in_different_units_make_no_chart() -> None:
    values = (value("600", "2025-04", 600), value("3 brigades", "2025-11", 3, unit="brigades"))
    assert estimate_chart(ABOUT, values) is None


def test_a_range_becomes_a_bar_from_low_to_high_and_a_number_a_dot() -> None:
    single, ranged, _ = chart_of(*TROOPS).points
    assert (single.ranged, single.y_low == single.y_high) == (False, True)
    assert ranged.ranged
    assert ranged.y_high < ranged.y_low  # higher figures are drawn higher up


def test_value_axis_ticks_are_nice_numbers_from_zero_covering_every_high() -> None:
    chart = chart_of(value("600", "2025-04", 600), value("600 to 1,300", "2025-06", 600, 1300))
    assert [tick.label for tick in chart.y_ticks] == ["0", "500", "1,000", "1,500"]
    assert chart.y_ticks[0].at == chart.bottom
    assert chart.y_ticks[-1].at == chart.top


def test_value_axis_labels_have_thousands_separators() -> None:
    assert [tick.label for tick in chart_of(*TROOPS).y_ticks] == ["0", "5,000", "10,000", "15,000"]


@pytest.mark.parametrize(
    ("raw", "step"), [(1.0, 1.0), (1.2, 2.0), (3.0, 5.0), (325.0, 500.0), (2000.0, 2000.0), (0.03, 0.05)]
)
def test_nice_step_is_one_two_or_five_times_a_power_of_ten(raw: float, step: float) -> None:
    assert nice_step(raw) == pytest.approx(step)


def test_points_are_placed_left_to_right_by_as_of() -> None:
    xs = [point.x for point in chart_of(*TROOPS).points]
    assert xs == sorted(xs)
    assert len(set(xs)) == 3


def test_a_month_stands_at_its_middle_and_an_open_range_at_its_bound() -> None:
    june = (datetime.date(2025, 6, 1).toordinal() + datetime.date(2025, 6, 30).toordinal()) / 2
    assert stated_day(parse_event_date("2025-06")) == june
    assert stated_day(parse_event_date("[..2025-06-03]")) == datetime.date(2025, 6, 3).toordinal()


def test_time_axis_labels_months_within_two_years_and_years_beyond() -> None:
    months = chart_of(value("600", "2025-04", 600), value("900", "2025-09", 900)).x_ticks
    years = chart_of(value("600", "2019", 600), value("900", "2025", 900)).x_ticks
    assert [tick.label for tick in months] == ["May 2025", "Jul 2025", "Sept 2025"]
    assert [tick.label for tick in years] == ["2020", "2022", "2024"]


def test_coordinates_are_rounded_to_one_decimal() -> None:
    chart = chart_of(*TROOPS)
    numbers = [tick.at for tick in chart.x_ticks + chart.y_ticks]
    numbers += [n for point in chart.points for n in (point.x, point.y_low, point.y_high)]
    assert all(number == round(number, 1) for number in numbers)


def test_the_description_mentions_every_value_with_who_states_it_and_when() -> None:
    description = chart_of(*TROOPS).description
    assert description.startswith(
        "3 estimates dated from 2 April 2025 to November 2025, each as its source states it: "
    )
    for text, who, when in [
        ("at least 600", "Capital intelligence", "as of 2 April 2025"),
        ("3,000 to 5,000", "Independent monitors", "as of c. July 2025"),
        ("about 12,000", "Bravo's ministry", "as of November 2025"),
    ]:
        assert f"{text}, according to {who}, {when}" in description


def test_each_point_is_labelled_for_its_title() -> None:
    labels = [point.label for point in chart_of(*TROOPS).points]
    assert labels[0] == "at least 600, according to Capital intelligence, as of 2 April 2025"


@pytest.mark.parametrize(
    ("stated", "low", "high"),
    [
        ("more than 10,000", 10000, None),
        ("at least 600", 600, None),
        ("up to 5,000", 5000, None),
        ("fewer than 5,000", 5000, None),
        ("about 12,000", 12000, None),
        ("roughly 2,000", 2000, None),
        ("as many as 9,000", 9000, None),
        ("3,000 to 5,000", 3000, 5000),
        ("between 1.5 and 2.5", 1.5, 2.5),
    ],
)
def test_no_figure_is_said_apart_from_the_words_that_bound_it(
    stated: str, low: float, high: float | None
) -> None:
    """The description says each figure only as its source states it: never its bare number
    ("all of 10,000" for "more than 10,000"), nor a span of bare numbers ("ranging from 600 to
    12,000" for "at least 600" and "about 12,000"), which would state it more exactly."""
    alike = chart_of(value(stated, "2025-04", low, high), value(stated, "2025-09", low, high, who="Others"))
    mixed = chart_of(value(stated, "2025-04", low, high), value("about 20,000", "2025-09", 20000))
    for chart, stated_values in ((alike, [stated]), (mixed, [stated, "about 20,000"])):
        rest = chart.description
        for text in stated_values:
            rest = rest.replace(text, "")
        numbers = [ENGLISH.number(number) for number in (low, high, 20000) if number is not None]
        assert not any(number in rest for number in numbers), chart.description
        assert all(f"{text}, according to" in chart.description for text in stated_values)


def test_the_same_figure_twice_is_not_summed_up_as_its_bare_number() -> None:
    description = chart_of(
        value("more than 10,000", "2025-06", 10000), value("more than ten thousand", "2025-12", 10000)
    ).description
    assert "all of" not in description
    assert description.startswith(
        "2 estimates dated from June 2025 to December 2025, each as its source states it: more than 10,000,"
    )


def test_values_stated_at_one_point_in_time_make_no_chart() -> None:
    """Two figures of one date are one point in time: a chart of them shows nothing over time."""
    values = (
        value("more than 10,000", "[2025-12-19..2025-12-31]", 10000),
        value("more than ten thousand", "[2025-12-19..2025-12-31]", 10000, who="Others"),
    )
    assert estimate_chart(ABOUT, values) is None


BOUNDED = (
    value("around 600", "2025-06", 600),
    value("roughly 2,000", "2025-12", 2000),
    value("at least 600", "2026-01", 600, bound="at-least"),
)


def test_a_floor_is_drawn_as_an_open_circle_with_an_arrow_up() -> None:
    estimate, _, floor = chart_of(*BOUNDED).points
    assert (estimate.bound, floor.bound) == (None, "at-least")
    assert floor.y_low == estimate.y_low  # where 600 is, but not the same mark
    assert floor.arrow_tip < floor.arrow_start < floor.y_low  # up: higher figures are drawn higher up
    assert floor.arrow_head.startswith(f"M{floor.x - 5:g} {floor.arrow_tip + 5:g} ")


def test_a_ceiling_is_drawn_with_an_arrow_down_that_stops_at_the_time_axis() -> None:
    chart = chart_of(
        value("about 1,000", "2025-06", 1000), value("up to 100", "2025-12", 100, bound="at-most")
    )
    ceiling = chart.points[1]
    assert ceiling.y_low < ceiling.arrow_start < ceiling.arrow_tip == chart.bottom  # not past it
    assert chart.bounds == ("at-most",)


def test_the_description_says_which_figures_are_bounds_and_how_a_bound_is_drawn() -> None:
    description = chart_of(*BOUNDED).description
    assert "at least 600 (a lower bound), according to Monitors, as of January 2026" in description
    assert "around 600, according to" in description
    assert description.endswith(
        "A lower bound is drawn as an open circle with an arrow up: "
        "the figure is at least the number it stands at."
    )


def test_a_chart_lists_the_kinds_of_bound_it_draws_for_its_legend() -> None:
    assert chart_of(*BOUNDED).bounds == ("at-least",)
    assert chart_of(*TROOPS).bounds == ()


def test_a_range_is_drawn_as_a_range_even_with_a_bound() -> None:
    ranged = value("3,000 to 5,000", "2025-07", 3000, 5000, bound="at-least")
    point = chart_of(value("600", "2025-04", 600), ranged).points[1]
    assert (point.ranged, point.bound) == (True, None)
