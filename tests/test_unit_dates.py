"""PartialDate: parsed from text at its own precision, ordered by the partial-date rule, displayed."""

from __future__ import annotations

import datetime

import pytest

from chronicle.model.dates import DateError, PartialDate, display_span, parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", PartialDate(2025)),
        ("2025-06", PartialDate(2025, 6)),
        ("2025-06-04", PartialDate(2025, 6, 4)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
    ],
    ids=["year", "month", "day", "leap-day"],
)
def test_parse_reads_year_month_and_day_forms(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2025", "year"), ("2025-06", "month"), ("2025-06-04", "day")],
    ids=["year", "month", "day"],
)
def test_precision_is_what_the_text_states(text: str, precision: str) -> None:
    assert PartialDate.parse(text).precision == precision


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "February 2025 has 28 days, not 30"),
        ("2023-02-29", "February 2023 has 28 days, not 29"),
        ("2025-06-31", "June 2025 has 30 days, not 31"),
        ("2025-06-00", "June 2025 has 30 days, not 0"),
        ("2025-13", "there is no month 13"),
        ("2025-00", "there is no month 0"),
        ("0000", "there is no year 0"),
    ],
    ids=["feb-30", "feb-29-not-leap", "june-31", "day-0", "month-13", "month-0", "year-0"],
)
def test_impossible_date_is_refused_naming_what_does_not_exist(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    ["2025-6", "25", "2025/06/04", "4 June 2025", "2025-06-04T10:00", ""],
    ids=["one-digit-month", "two-digit-year", "slashes", "words", "datetime", "empty"],
)
def test_text_of_another_form_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == f"'{text}' is not written YYYY, YYYY-MM or YYYY-MM-DD"


def test_digits_other_than_ascii_are_not_a_date() -> None:
    with pytest.raises(DateError):
        PartialDate.parse("２０２５")


def test_month_precision_date_sorts_after_day_dates_of_that_month() -> None:
    dates = [PartialDate(2025, 6), PartialDate(2025, 6, 30), PartialDate(2025, 6, 1), PartialDate(2025, 7, 1)]
    assert sorted(dates) == [
        PartialDate(2025, 6, 1),
        PartialDate(2025, 6, 30),
        PartialDate(2025, 6),
        PartialDate(2025, 7, 1),
    ]


def test_year_precision_date_sorts_after_every_month_and_day_of_that_year() -> None:
    dates = [PartialDate(2025), PartialDate(2025, 12), PartialDate(2025, 12, 31), PartialDate(2026, 1, 1)]
    assert sorted(dates) == [
        PartialDate(2025, 12, 31),
        PartialDate(2025, 12),
        PartialDate(2025),
        PartialDate(2026, 1, 1),
    ]


@pytest.mark.parametrize(
    ("date", "iso"),
    [(PartialDate(2025), "2025"), (PartialDate(2025, 6), "2025-06"), (PartialDate(2025, 6, 4), "2025-06-04")],
    ids=["year", "month", "day"],
)
def test_iso_gives_the_machine_form_at_the_known_precision(date: PartialDate, iso: str) -> None:
    assert date.iso() == iso


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        (PartialDate(2025), "2025"),
        (PartialDate(2025, 6), "June 2025"),
        (PartialDate(2025, 6, 4), "4 June 2025"),
    ],
    ids=["year", "month", "day"],
)
def test_display_shows_only_what_is_known(date: PartialDate, shown: str) -> None:
    assert date.display() == shown


@pytest.mark.parametrize(
    ("start", "end", "circa", "shown"),
    [
        (PartialDate(2025, 6, 4), PartialDate(2025, 6, 9), False, "4–9 June 2025"),
        (PartialDate(2025, 6, 4), PartialDate(2025, 7, 9), False, "4 June – 9 July 2025"),
        (PartialDate(2024, 12, 30), PartialDate(2025, 1, 2), False, "30 December 2024 – 2 January 2025"),
        (PartialDate(2024, 6), PartialDate(2024, 10), False, "June – October 2024"),
        (PartialDate(2024, 6), PartialDate(2025, 3), False, "June 2024 – March 2025"),
        (PartialDate(2024), None, True, "c. 2024"),
        (PartialDate(2025, 6, 4), PartialDate(2025, 6, 4), False, "4 June 2025"),
        (PartialDate(2025, 6, 4), PartialDate(2025, 6, 9), True, "c. 4–9 June 2025"),
    ],
    ids=[
        "days-of-one-month",
        "days-of-two-months",
        "days-across-years",
        "months-of-one-year",
        "months-across-years",
        "circa-year",
        "end-equal-to-start",
        "circa-span",
    ],
)
def test_display_span_names_shared_month_and_year_once(
    start: PartialDate, end: PartialDate | None, circa: bool, shown: str
) -> None:
    assert display_span(start, end, circa) == shown


def test_parse_day_reads_a_full_date() -> None:
    assert parse_day("2026-01-02") == datetime.date(2026, 1, 2)


@pytest.mark.parametrize("text", ["2026-01", "2026"], ids=["month", "year"])
def test_parse_day_requires_a_day(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_day(text)
    assert str(caught.value) == f"'{text}' needs a full date, YYYY-MM-DD"
