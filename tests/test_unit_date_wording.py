"""What a reader sees for each date form (the README's "Dates" table), and the <time> runs."""

from __future__ import annotations

import pytest

from chronicle.model.date_wording import DatePart, date_label, date_note, label_text, span_label
from chronicle.model.event_dates import parse_event_date


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025", "2025"),
        ("2025-06", "June 2025"),
        ("2025-06-04", "4 June 2025"),
        ("2025-06~", "c. June 2025"),
        ("2025-06?", "June 2025?"),
        ("2025-06%", "c. June 2025?"),
        ("[2025-12-01..2025-12-26]", "between 1 and 26 December 2025"),
        ("[2025-11-20..2025-12-26]", "between 20 November and 26 December 2025"),
        ("[2024-12-20..2025-01-06]", "between 20 December 2024 and 6 January 2025"),
        ("[2025-06..2025-08]", "between June and August 2025"),
        ("[..2025-06-03]", "on or before 3 June 2025"),
        ("[2025-06-05..]", "on or after 5 June 2025"),
    ],
)
def test_each_form_reads_as_the_readme_table_says(text: str, shown: str) -> None:
    assert label_text(date_label(parse_event_date(text))) == shown


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2025-06-04", "2025-06-09", "4–9 June 2025"),
        ("2025-06-04", "2025-07-09", "4 June – 9 July 2025"),
        ("2024-12-30", "2025-01-02", "30 December 2024 – 2 January 2025"),
        ("2024-06", "2024-10", "June – October 2024"),
        ("2021", "2025-04-11", "2021 – 11 April 2025"),
        ("2025-06-04~", "2025-06-09~", "c. 4–9 June 2025"),
        ("2025-06-04", "2025-10~", "4 June 2025 – c. October 2025"),
        ("[..2025-06-03]", "2025-07", "on or before 3 June 2025 – July 2025"),
    ],
)
def test_a_span_names_what_its_ends_share_once(start: str, end: str, shown: str) -> None:
    assert label_text(span_label(parse_event_date(start), parse_event_date(end))) == shown


def test_a_span_marks_each_end_with_its_certain_date() -> None:
    parts = span_label(parse_event_date("2025-06-04"), parse_event_date("2025-06-09"))
    assert parts == (DatePart("4", "2025-06-04"), DatePart("–"), DatePart("9 June 2025", "2025-06-09"))


def test_an_approximate_date_has_no_machine_date() -> None:
    assert date_label(parse_event_date("2025-06~")) == (DatePart("c. June 2025", None),)


def test_a_range_marks_its_bounds() -> None:
    assert date_label(parse_event_date("[..2025-06-03]")) == (
        DatePart("on or before "),
        DatePart("3 June 2025", "2025-06-03"),
    )


@pytest.mark.parametrize(
    ("start", "end", "note"),
    [
        ("2025-06", None, None),
        ("2025-06~", None, "approximate date"),
        ("2025-06%", None, "approximate and uncertain date"),
        ("2025-06~", "2025-07~", "approximate dates"),
        ("2025-06~", "2025-09?", "approximate start, uncertain end"),
        ("2025-06", "2025-09?", "uncertain end"),
    ],
)
def test_screen_readers_hear_what_c_and_the_question_mark_mean(
    start: str, end: str | None, note: str | None
) -> None:
    assert date_note(parse_event_date(start), parse_event_date(end) if end else None) == note


def test_a_range_from_a_date_to_itself_reads_as_that_date() -> None:
    assert label_text(date_label(parse_event_date("[2025-06-04..2025-06-04]"))) == "4 June 2025"


def test_a_day_and_its_month_as_a_span_say_both_in_full() -> None:
    shown = span_label(parse_event_date("2025-06-15"), parse_event_date("2025-06"))
    assert label_text(shown) == "15 June 2025 – June 2025"
