"""Pages by period: the chronology split so that no page outgrows the budget (timeline/periods.py)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from chronicle.model.event_dates import parse_event_date
from chronicle.timeline.lists import citing_parts, listing_parts, paged
from chronicle.timeline.periods import card_weight, chronology, chunks_by_weight, period_of_events
from chronicle.timeline.views import EventView, MonthGroup, YearGroup, own_period


@dataclass(frozen=True)
class Card:
    """What the splitting and the overview read of an event's view."""

    slug: str
    date_label: str
    event: Any = None
    claims: tuple[Any, ...] = ()

    @property
    def own_period(self) -> tuple[int, int]:
        return own_period(self.event.date)


def dated(year: int, month: str) -> Any:
    text = str(year) if month == "unknown" else f"{year}-{month}"
    return SimpleNamespace(date=parse_event_date(text), end=None)


def year(number: int, *months: tuple[str, int]) -> YearGroup:
    """A year whose months ("06", or "unknown") hold that many events."""
    groups = tuple(
        MonthGroup(
            f"m{number}-{month}",
            f"{month} {number}",
            cast(
                Any,
                tuple(
                    Card(f"{number}-{month}-{i}", f"{month} {number}", dated(number, month))
                    for i in range(count)
                ),
            ),
        )
        for month, count in months
    )
    return YearGroup(number, f"y{number}", groups)


def paths(years: tuple[YearGroup, ...], limit: int = 4) -> list[str]:
    return [page.path for page in chronology(years, "latest", limit).pages]


def test_a_timeline_that_fits_one_page_has_no_period_pages() -> None:
    made = chronology((year(2024, ("06", 2)), year(2025, ("01", 2))), "latest", 4)
    assert (made.paged, made.pages, [section.year for section in made.home]) == (False, (), [2024, 2025])
    assert [link.path for link in made.years] == ["#y2024", "#y2025"]


def test_each_year_has_a_page_once_the_timeline_does_not_fit() -> None:
    assert paths((year(2024, ("06", 3)), year(2025, ("01", 2)))) == ["2024/", "2025/"]


def test_a_year_over_the_limit_lists_its_months_each_on_a_page() -> None:
    assert paths((year(2024, ("06", 3), ("07", 3), ("unknown", 1)),)) == [
        "2024/",
        "2024/06/",
        "2024/07/",
        "2024/month-unknown/",
    ]


def test_a_month_over_the_limit_is_split_into_parts() -> None:
    made = chronology((year(2024, ("06", 9)),), "latest", 4)
    assert [(page.path, page.label, page.count) for page in made.pages[1:]] == [
        ("2024/06/", "06 2024, part 1 of 3", 4),
        ("2024/06/2/", "06 2024, part 2 of 3", 4),
        ("2024/06/3/", "06 2024, part 3 of 3", 1),
    ]


def test_every_event_is_on_exactly_one_leaf_page() -> None:
    years = (year(2023, ("02", 1)), year(2024, ("06", 9), ("07", 2)))
    made = chronology(years, "latest", 4)
    shown = [view.slug for page in made.pages for s in page.sections for m in s.months for view in m.events]
    everything = [view.slug for y in years for m in y.months for view in m.events]
    assert sorted(shown) == sorted(everything) and len(shown) == len(set(shown))
    assert set(period_of_events(made)) == set(everything)


def test_leaves_link_to_the_previous_and_next_leaf_across_years() -> None:
    made = chronology((year(2023, ("02", 1)), year(2024, ("06", 5), ("07", 1))), "latest", 4)
    leaves = [page for page in made.pages if page.sections]
    assert [(page.previous and page.previous.path, page.next and page.next.path) for page in leaves] == [
        (None, "2024/06/"),
        ("2023/", "2024/06/2/"),
        ("2024/06/", "2024/07/"),
        ("2024/06/2/", None),
    ]


def test_the_home_page_starts_at_the_latest_period_or_the_first() -> None:
    years = (year(2023, ("02", 3)), year(2024, ("06", 3)))
    latest, first = chronology(years, "latest", 4), chronology(years, "first", 4)
    assert (latest.start and latest.start.path, first.start and first.start.path) == ("2024/", "2023/")
    assert [section.year for section in latest.home] == [2024]


def test_a_long_listing_is_paged_in_time_order_with_the_dates_each_page_covers() -> None:
    cards = cast(Any, [Card(f"e{i}", f"{i + 1} June 2025") for i in range(9)])
    parts = listing_parts("tags/x/", cast(list[EventView], cards), limit=4)
    assert [(part.path, part.label, len(part.events)) for part in parts] == [
        ("tags/x/", "1 June 2025 – 4 June 2025", 4),
        ("tags/x/2/", "5 June 2025 – 8 June 2025", 4),
        ("tags/x/3/", "9 June 2025", 1),
    ]
    assert all(len(part.parts) == 3 for part in parts)


def test_the_home_page_shows_as_many_latest_periods_as_fit_each_year_once() -> None:
    made = chronology((year(2023, ("02", 1)), year(2024, ("06", 2), ("07", 2), ("08", 1))), "latest", 4)
    assert [(section.year, [month.anchor for month in section.months]) for section in made.home] == [
        (2024, ["m2024-07", "m2024-08"])
    ]
    assert made.start is not None and made.start.path == "2024/07/"


def test_a_split_year_lists_every_part_of_its_months_and_counts_them_all() -> None:
    made = chronology((year(2024, ("06", 9), ("07", 1)),), "latest", 4)
    index = made.pages[0]
    assert [link.path for link in index.months] == ["2024/06/", "2024/06/2/", "2024/06/3/", "2024/07/"]
    assert index.count == 10


def test_the_overview_links_a_split_month_to_the_id_on_its_first_part() -> None:
    made = chronology((year(2023, ("01", 1)), year(2024, ("06", 9))), "latest", 4)
    assert made.overview is not None
    june = [bucket for bucket in made.overview.shown if bucket.href.startswith("2024/06/")]
    assert [bucket.href for bucket in june] == ["2024/06/#m2024-06-p1"]


def heavy(slug: str, chips: int) -> Any:
    event = SimpleNamespace(tags=tuple(f"t{n}" for n in range(chips)), actors=(), places=(), summary="S")
    return SimpleNamespace(slug=slug, date_label="2025", event=event)


def test_a_card_with_many_topics_actors_and_places_weighs_more() -> None:
    assert [card_weight(heavy("a", 3)), card_weight(heavy("b", 25)), card_weight(heavy("c", 150))] == [
        1,
        2,
        7,
    ]


def test_pages_are_cut_by_the_weight_of_their_cards_not_their_number() -> None:
    cards = [heavy(f"e{n}", 150) for n in range(10)]  # 7 each: at most 5 on a page of 40
    assert [len(chunk) for chunk in chunks_by_weight(cards, 40)] == [5, 5]


def test_a_source_s_citing_events_are_paged_by_lines_whatever_their_cards_weigh() -> None:
    events = [heavy(f"e{n}", 150) for n in range(5)]  # 7 cards each, one line each
    parts = citing_parts("sources/a/", cast(list[EventView], events), limit=2)
    assert [(part.path, len(part.items)) for part in parts] == [
        ("sources/a/", 2),
        ("sources/a/2/", 2),
        ("sources/a/3/", 1),
    ]
    assert [link.path for link in parts[2].parts] == ["sources/a/", "sources/a/2/", "sources/a/3/"]


def _parts_of(count: int) -> tuple[Any, ...]:
    return paged("things/", tuple(range(count)), 1, lambda chunk: str(chunk[0]), lambda item: 1)


def test_a_short_list_links_to_every_one_of_its_pages() -> None:
    parts = _parts_of(12)
    assert [link for _, link in parts[5].shown_parts] == list(parts[5].parts)


def test_a_long_list_links_to_its_first_last_and_nearby_pages_with_gaps_marked() -> None:
    parts = _parts_of(500)
    shown = parts[249].shown_parts  # page 250
    numbers = [None if link is None else number for number, link in shown]
    assert numbers == [1, None, 247, 248, 249, 250, 251, 252, 253, None, 500]


def test_a_gap_of_one_page_shows_the_page_instead() -> None:
    shown = _parts_of(13)[5].shown_parts  # page 6 of 13: 1, 2 (not a gap), 3-9, gap, 13
    assert [number for number, _ in shown] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 13]


def test_the_first_page_of_a_long_list_has_no_gap_before_its_neighbours() -> None:
    shown = _parts_of(500)[0].shown_parts
    assert [None if link is None else link.path for _, link in shown][:5] == [
        "things/",
        "things/2/",
        "things/3/",
        "things/4/",
        None,
    ]
