"""The site's one ordering rule (model/chronology.py; README, "Order of events")."""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.model.chronology import chronological
from chronicle.model.event_dates import EventDate, parse_event_date


@dataclass(frozen=True)
class Dated:
    slug: str
    date: EventDate
    end: EventDate | None = None


def order(
    *events: tuple[str, str] | tuple[str, str, str], earlier: dict[str, list[str]] | None = None
) -> list[str]:
    made = [
        Dated(slug, parse_event_date(date), parse_event_date(rest[0]) if rest else None)
        for slug, date, *rest in events
    ]
    return [event.slug for event in chronological(made, earlier or {})]


def test_the_earliest_possible_day_comes_first() -> None:
    assert order(("day", "2025-06-04"), ("month", "2025-06"), ("year", "2025")) == ["year", "month", "day"]


def test_a_less_precise_date_comes_before_the_days_it_may_precede() -> None:
    # "Earlier this month" in a document of 27 December: before the 27th, not after it.
    assert order(("dec-27", "2025-12-27"), ("earlier", "[2025-12-01..2025-12-26]")) == ["earlier", "dec-27"]


def test_on_the_same_first_day_the_less_precise_date_comes_first() -> None:
    # "June 2025" opens June as "2025" opens the year: the groups of months keep the order.
    assert order(("first", "2025-06-01"), ("month", "2025-06"), ("year", "2025-01-01"), ("y", "2025")) == [
        "y",
        "year",
        "month",
        "first",
    ]


def test_an_open_start_is_placed_at_its_bound_before_that_days_events() -> None:
    assert order(("june-3", "2025-06-03"), ("by-june-3", "[..2025-06-03]"), ("june-2", "2025-06-02")) == [
        "june-2",
        "by-june-3",
        "june-3",
    ]


def test_an_open_end_is_placed_at_its_bound_after_that_days_events() -> None:
    assert order(("from-june-5", "[2025-06-05..]"), ("june-5", "2025-06-05"), ("june-6", "2025-06-06")) == [
        "june-5",
        "from-june-5",
        "june-6",
    ]


def test_qualifiers_do_not_move_a_date() -> None:
    assert order(("b", "2025-06~"), ("a", "2025-06?"), ("c", "2025-06")) == ["a", "b", "c"]


def test_a_shorter_span_comes_before_a_longer_one_from_the_same_day() -> None:
    assert order(("long", "2025-06-04", "2025-07-01"), ("short", "2025-06-04", "2025-06-05")) == [
        "short",
        "long",
    ]


def test_ties_are_broken_by_slug() -> None:
    assert order(("b", "2025-06-04"), ("a", "2025-06-04")) == ["a", "b"]


def test_after_holds_even_where_the_dates_would_say_otherwise() -> None:
    # The strike happened "shortly before" the 4 June meeting; only its month is known.
    events = (("meeting", "2025-06-04"), ("strike", "2025-06"), ("july", "2025-07-01"))
    assert order(*events) == ["strike", "meeting", "july"]
    assert order(*events, earlier={"strike": ["meeting"]}) == ["meeting", "strike", "july"]


def test_a_constraint_moves_only_the_event_it_holds() -> None:
    events = (("a", "2025-05"), ("b", "2025-06-01"), ("c", "2025-06-05"), ("d", "2025-06-10"))
    assert order(*events, earlier={"a": ["c"]}) == ["b", "c", "a", "d"]


def test_a_cycle_still_gives_every_event_once() -> None:
    events = (("a", "2025-06-01"), ("b", "2025-06-02"))
    assert order(*events, earlier={"a": ["b"], "b": ["a"]}) == ["a", "b"]


def test_names_that_are_not_events_are_ignored() -> None:
    assert order(("a", "2025"), earlier={"a": ["missing"], "missing": ["a"]}) == ["a"]


def test_an_open_start_bounded_by_a_month_is_placed_from_its_first_day() -> None:
    assert order(("june-4", "2025-06-04"), ("by-june", "[..2025-06]"), ("may", "2025-05-31")) == [
        "may",
        "by-june",
        "june-4",
    ]
