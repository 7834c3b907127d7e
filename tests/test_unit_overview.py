"""The overview: events per month (or year) as bars, spans and disputed figures, each bar a link."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import event_yaml, write_site

from chronicle.build.load import load_site
from chronicle.timeline.assemble import in_chronology, with_indexes
from chronicle.timeline.markdown import make_markdown
from chronicle.timeline.overview import LEAST_DRAWN, overview


def overview_of(tmp_path: Path, files: dict[str, str | None], monthly: bool | None = None):  # type: ignore[no-untyped-def]
    site = load_site(write_site(tmp_path, {"content/events/first-event.yaml": None, **files})).site
    assert site is not None
    timeline = with_indexes(in_chronology(site, make_markdown()))
    where = {"m2025-06": "#m2025-06", "m2025-unknown": "#m2025-unknown"}
    return overview("At a glance", timeline.years, where, monthly)


def test_a_bar_counts_the_events_that_start_in_its_month_and_links_to_them(tmp_path: Path) -> None:
    made = overview_of(
        tmp_path,
        {"content/events/a.yaml": event_yaml("2025-06-04"), "content/events/b.yaml": event_yaml("2025-06")},
    )
    (june,) = made.shown
    assert (june.label, june.count, june.href) == ("June 2025", 2, "#m2025-06")
    assert made.by == "month"


def test_a_year_precision_event_counts_in_its_year_before_january(tmp_path: Path) -> None:
    made = overview_of(tmp_path, {"content/events/a.yaml": event_yaml("2025")})
    assert [(bucket.label, bucket.count) for bucket in made.shown] == [("2025, month not known", 1)]
    assert made.buckets[0].label == "2025, month not known"


def test_a_span_runs_in_the_months_after_its_start(tmp_path: Path) -> None:
    span = event_yaml("2025-06-04") + "end: 2025-08-20\n"
    made = overview_of(tmp_path, {"content/events/a.yaml": span})
    assert [(bucket.label, bucket.count, bucket.ongoing) for bucket in made.shown] == [
        ("June 2025", 1, 0),
        ("July 2025", 0, 1),
        ("August 2025", 0, 1),
    ]


def test_a_long_timeline_is_drawn_year_by_year(tmp_path: Path) -> None:
    files = {"content/events/a.yaml": event_yaml("2015-03"), "content/events/b.yaml": event_yaml("2025-06")}
    made = overview_of(tmp_path, files)
    assert made.by == "year"
    assert [bucket.label for bucket in made.shown] == ["2015", "2025"]
    assert len(made.buckets) == 11


def test_the_description_says_the_range_and_the_busiest_bucket(tmp_path: Path) -> None:
    files = {
        "content/events/a.yaml": event_yaml("2025-06-04"),
        "content/events/b.yaml": event_yaml("2025-06-05"),
        "content/events/c.yaml": event_yaml("2025-09-01"),
    }
    made = overview_of(tmp_path, files)
    assert made.description == (
        "3 events from June 2025 to September 2025, by month; the most in June 2025 (2). "
        "The chart's table gives every count."
    )


def test_a_very_long_timeline_is_drawn_by_decade_or_century_within_sixty_bars(tmp_path: Path) -> None:
    files = {"content/events/a.yaml": event_yaml("0001"), "content/events/b.yaml": event_yaml("1999-06")}
    made = overview_of(tmp_path, files)
    assert made.by == "century" and len(made.buckets) <= 60
    assert [bucket.label for bucket in made.shown] == ["1–99", "1900–1999"]  # there is no year 0


def test_a_years_overview_shows_the_spans_begun_before_it(tmp_path: Path) -> None:
    site = load_site(
        write_site(
            tmp_path,
            {
                "content/events/first-event.yaml": None,
                "content/events/a.yaml": event_yaml("2024-11-04") + "end: 2025-02-10\n",
                "content/events/b.yaml": event_yaml("2025-06-01"),
            },
        )
    ).site
    assert site is not None
    timeline = with_indexes(in_chronology(site, make_markdown()))
    (earlier, year) = timeline.years
    made = overview("2025", (year,), {}, True, [view for month in earlier.months for view in month.events])
    assert made is not None
    assert [(bucket.label, bucket.ongoing) for bucket in made.shown if bucket.ongoing] == [
        ("January 2025", 1),
        ("February 2025", 1),
    ]


UNSURE = {
    "content/events/a.yaml": event_yaml('"[..2025-06-03]"'),  # on or before 3 June 2025
    "content/events/b.yaml": event_yaml("2025-06-04"),
    "content/events/c.yaml": event_yaml("2025-09-01"),
}


def test_a_bar_counts_apart_the_events_that_may_have_happened_outside_its_month(tmp_path: Path) -> None:
    june, september = overview_of(tmp_path, UNSURE).shown
    assert (june.label, june.count, june.outside) == ("June 2025", 2, 1)
    assert june.text == "June 2025: 2 events; 1 of them may have happened outside June 2025"
    assert (september.outside, september.text) == (0, "September 2025: 1 event")


def test_a_bars_lighter_top_and_solid_part_make_up_the_bar(tmp_path: Path) -> None:
    june = overview_of(tmp_path, UNSURE).shown[0]
    assert june.outside_height == round(june.bar_height / 2, 1)
    assert (june.within_y, june.within_height) == (
        round(june.y + june.outside_height, 1),
        june.outside_height,
    )


def test_a_bar_counts_outside_by_the_rule_of_the_month_headings(tmp_path: Path) -> None:
    files = {
        **UNSURE,
        "content/events/d.yaml": event_yaml("2025-06~"),
        "content/events/e.yaml": event_yaml('"[2025-06-28..2025-07-02]"'),
        "content/events/f.yaml": event_yaml("2025"),
    }
    site = load_site(write_site(tmp_path, {"content/events/first-event.yaml": None, **files})).site
    assert site is not None
    timeline = with_indexes(in_chronology(site, make_markdown()))
    made = overview("At a glance", timeline.years, {}, True)
    assert made is not None
    by_label = {bucket.label: bucket.outside for bucket in made.shown}
    headings = {month.label: len(month.outside) for year in timeline.years for month in year.months}
    assert by_label == headings
    assert by_label["June 2025"] == 3  # on or before 3 June, c. June, a day in June or July


def test_the_description_names_no_busiest_bar_when_some_events_may_lie_outside_theirs(tmp_path: Path) -> None:
    made = overview_of(tmp_path, UNSURE)
    assert made.description == (
        "3 events from June 2025 to September 2025, by month; 1 of them may have happened outside "
        "the period of its bar (drawn lighter). The chart's table gives every count."
    )
    assert made.outside == 1


def test_a_year_bar_counts_outside_by_its_year(tmp_path: Path) -> None:
    files = {"content/events/a.yaml": event_yaml("2015~"), "content/events/b.yaml": event_yaml("2025-06")}
    made = overview_of(tmp_path, files)
    assert made.by == "year"
    assert [(bucket.label, bucket.outside) for bucket in made.shown] == [("2015", 1), ("2025", 0)]
    assert made.shown[0].text == "2015: 1 event; 1 of them may have happened outside 2015"


def test_a_tick_label_stays_within_the_drawing_at_phone_size(tmp_path: Path) -> None:
    files = {"content/events/a.yaml": event_yaml("1996-03"), "content/events/b.yaml": event_yaml("2025-06")}
    made = overview_of(tmp_path, files)
    assert made.ticks[-1][1] == "2025"
    for x, label in made.ticks:
        half = len(label) * 23 * 0.28  # 23 units a letter on a phone; a digit is about 0.55 em wide
        assert half <= x <= made.width - half, label


def test_a_single_years_bars_are_numbered_by_month_after_a_question_mark_for_month_not_known(
    tmp_path: Path,
) -> None:
    files = {"content/events/a.yaml": event_yaml("2025"), "content/events/b.yaml": event_yaml("2025-03-02")}
    made = overview_of(tmp_path, files, monthly=True)
    assert [label for _, label in made.ticks] == ["?", *(str(month) for month in range(1, 13))]
    assert [x for x, _ in made.ticks] == sorted(x for x, _ in made.ticks)
    assert abs(made.ticks[0][0] - made.buckets[0].middle) < 0.2


def test_a_bar_of_one_event_beside_a_hundred_is_drawn_tall_enough_to_see(tmp_path: Path) -> None:
    busy = {f"content/events/e{number}.yaml": event_yaml("2025-06-04") for number in range(100)}
    made = overview_of(tmp_path, {**busy, "content/events/lone.yaml": event_yaml("1952-03")})
    lone = next(bucket for bucket in made.shown if bucket.count == 1)
    assert lone.bar_height >= LEAST_DRAWN
    assert all(bucket.bar_height == 0 for bucket in made.buckets if bucket.count == 0)
