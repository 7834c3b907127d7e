"""A heading of the chronology claims no more precision than its events have: each month or
year group names the events whose dates allow a day outside the period it names."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from chronicle.model.event_dates import parse_event_date
from chronicle.model.wording import ENGLISH
from chronicle.timeline.groups import group_by_year_and_month
from chronicle.timeline.periods import chronology
from chronicle.timeline.views import MonthGroup, own_period


def view(slug: str, date: str) -> Any:
    event = SimpleNamespace(date=parse_event_date(date), end=None)
    return SimpleNamespace(slug=slug, event=event, claims=(), weight=1, own_period=own_period(event.date))


def groups(*views: Any) -> dict[str, MonthGroup]:
    return {month.label: month for year in group_by_year_and_month(views, ENGLISH) for month in year.months}


def test_dates_within_the_month_are_not_flagged() -> None:
    made = groups(view("day", "2025-06-04"), view("month", "2025-06"), view("in", "[2025-06-01..2025-06-09]"))
    assert made["June 2025"].outside == ()


def test_a_span_running_into_a_later_year_is_flagged_under_its_year() -> None:
    made = groups(view("span", "[2024-01-01..2025-12-18]"), view("year", "2024"))
    assert made["2024, month not known"].outside == ("span",)
    assert made["2024, month not known"].period == "2024"


def test_a_span_running_into_a_later_month_is_flagged_under_its_first_month() -> None:
    made = groups(view("span", "[2024-06-01..2025-06-03]"))
    (group,) = made.values()
    assert group.outside == ("span",)


def test_a_range_across_months_starting_after_january_is_flagged_under_its_first_month() -> None:
    # Not in the month of the event before it: the chronology places it by its start.
    made = groups(view("august", "2025-08-20"), view("span", "[2025-12..2026-01]"))
    assert list(made) == ["August 2025", "December 2025"]
    assert made["August 2025"].outside == ()
    assert made["December 2025"].outside == ("span",)


def test_a_range_starting_after_the_first_of_january_is_under_january_whatever_comes_before() -> None:
    alone = groups(view("span", "[2025-01-20..2025-02-05]"))
    after_another = groups(view("early", "2025-01-05"), view("span", "[2025-01-20..2025-02-05]"))
    assert list(alone) == list(after_another) == ["January 2025"]
    assert alone["January 2025"].outside == after_another["January 2025"].outside == ("span",)


def test_a_day_between_two_months_after_january_is_under_the_first_of_them() -> None:
    made = groups(view("march", "2025-03-02"), view("some-day", "[2025-04-25..2025-05-10]"))
    assert list(made) == ["March 2025", "April 2025"]
    assert made["April 2025"].outside == ("some-day",)


def test_an_open_start_is_flagged_under_the_month_of_its_bound() -> None:
    made = groups(view("open", "[..2025-06]"), view("known", "2025-06-04"))
    assert made["June 2025"].outside == ("open",)
    assert made["June 2025"].period == "June 2025"


def test_an_event_held_past_its_own_month_is_flagged_where_it_is_placed() -> None:
    # In order, an event of May placed after one of June (as `after` may hold it) joins June.
    made = groups(view("june", "2025-06-04"), view("may", "2025-05-20"))
    assert made["June 2025"].outside == ("may",)


def test_a_part_of_a_month_names_only_its_own_flagged_events() -> None:
    views = [view(f"day-{number}", f"2025-06-{number:02d}") for number in range(1, 7)]
    views.append(view("open", "[..2025-06]"))
    years = group_by_year_and_month(views, ENGLISH)
    parts = [
        month
        for page in chronology(years, "latest", 4, ENGLISH).pages
        for section in page.sections
        for month in section.months
    ]
    assert len(parts) == 2
    assert [part.outside for part in parts] == [(), ("open",)]


def test_an_approximate_or_uncertain_date_is_flagged() -> None:
    made = groups(view("circa", "2025-08~"), view("maybe", "2025-08-04?"), view("known", "2025-08-05"))
    assert made["August 2025"].outside == ("circa", "maybe")


def test_a_span_that_began_within_the_period_is_not_flagged() -> None:
    # The heading names where each event began; a span's card gives its end.
    span = view("span", "2021")
    span.event.end = parse_event_date("2025-04-11")
    assert groups(span)["2021, month not known"].outside == ()
