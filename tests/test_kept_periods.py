"""A session's chronology kept between its runs (build.recent.KeptPeriods): a year made of the
very same views gets the last run's group, pages and overview again; any other year is made
again; and the chronology is always the one made from scratch."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

from test_unit_periods import year

from chronicle.build.recent import KeptPeriods
from chronicle.model.event_dates import parse_event_date
from chronicle.model.wording import ENGLISH
from chronicle.timeline.groups import group_by_year_and_month
from chronicle.timeline.periods import Chronology, chronology
from chronicle.timeline.views import YearGroup


def events_of(*years: YearGroup) -> list[Any]:
    return [view for group in years for month in group.months for view in month.events]


def kept_run(kept: KeptPeriods, events: list[Any]) -> tuple[tuple[YearGroup, ...], Chronology]:
    """One run as a session makes it: the years grouped and paged with what `kept` holds."""
    makers = kept.makers(ENGLISH)
    years = group_by_year_and_month(events, ENGLISH, makers.kept_years)
    made = chronology(years, "latest", 4, ENGLISH, makers)
    kept.keep(years, ENGLISH)
    return years, made


def from_scratch(events: list[Any]) -> Chronology:
    return chronology(group_by_year_and_month(events, ENGLISH), "latest", 4, ENGLISH)


def renamed(view: Any) -> Any:
    return dataclasses.replace(view, date_label=view.date_label + " (edited)")


def test_a_run_of_the_same_views_gets_the_same_years_pages_and_overviews() -> None:
    kept, events = KeptPeriods(), events_of(year(2024, ("06", 3)), year(2025, ("01", 5), ("02", 2)))
    years, first = kept_run(kept, events)
    again_years, again = kept_run(kept, events)
    assert all(new is old for new, old in zip(again_years, years, strict=True))
    assert [page.sections for page in again.pages] == [page.sections for page in first.pages]
    assert all(
        new.sections is old.sections and new.overview is old.overview
        for new, old in zip(again.pages, first.pages, strict=True)
    )
    assert again == from_scratch(events)


def test_a_changed_view_makes_its_year_again_and_keeps_the_others() -> None:
    kept, events = KeptPeriods(), events_of(year(2024, ("06", 3)), year(2025, ("01", 5), ("02", 2)))
    years, first = kept_run(kept, events)
    events[-1] = renamed(events[-1])
    again_years, again = kept_run(kept, events)
    assert again_years[0] is years[0] and again_years[1] is not years[1]
    assert again.pages[0].sections is first.pages[0].sections
    leaves = [(new, old) for new, old in zip(again.pages[1:], first.pages[1:], strict=True) if new.sections]
    assert leaves and all(new.sections is not old.sections for new, old in leaves)
    assert again == from_scratch(events)


def test_an_event_moved_to_another_year_regroups_both() -> None:
    kept, events = KeptPeriods(), events_of(year(2024, ("06", 3)), year(2025, ("01", 5)))
    kept_run(kept, events)
    moved = events_of(year(2024, ("06", 4)), year(2025, ("01", 4)))
    assert kept_run(kept, moved)[1] == from_scratch(moved)


def test_a_year_gone_is_forgotten() -> None:
    kept = KeptPeriods()
    kept_run(kept, events_of(year(2024, ("06", 3)), year(2025, ("01", 5))))
    only = events_of(year(2025, ("01", 5)))
    made = kept_run(kept, only)[1]
    assert (list(kept.years), made) == ([2025], from_scratch(only))


def test_an_overview_is_made_again_when_a_span_from_an_earlier_year_runs_into_it() -> None:
    kept, events = KeptPeriods(), events_of(year(2024, ("06", 5)), year(2025, ("01", 5)))
    kept_run(kept, events)
    spanning = SimpleNamespace(date=events[0].event.date, end=parse_event_date("2025-03"))
    events[0] = dataclasses.replace(events[0], event=spanning)
    assert kept_run(kept, events)[1] == from_scratch(events)


def test_a_changed_view_makes_its_month_again_and_keeps_the_other_months_of_its_year() -> None:
    kept, events = KeptPeriods(), events_of(year(2025, ("01", 5), ("02", 2)))
    years, _ = kept_run(kept, events)
    events[-1] = renamed(events[-1])
    again_years, again = kept_run(kept, events)
    january, february = again_years[0].months
    assert january is years[0].months[0] and february is not years[0].months[1]
    assert again == from_scratch(events)


def test_years_kept_in_another_wording_are_not_reused() -> None:
    kept, events = KeptPeriods(), events_of(year(2025, ("01", 5)))
    years = group_by_year_and_month(events, ENGLISH)
    kept.keep(years, ENGLISH)
    french = dataclasses.replace(ENGLISH, language="fr", catalog="fr", locale="fr_FR")
    regrouped = group_by_year_and_month(events, french, kept.makers(french).kept_years)
    assert regrouped[0] is not years[0]
    assert regrouped[0].months[0].period == "janvier 2025"
