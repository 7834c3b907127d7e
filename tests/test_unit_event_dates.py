"""EventDate: the EDTF forms an event's `date`/`end` and a figure's `as_of` take, and their bounds."""

from __future__ import annotations

import datetime

import pytest
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from chronicle.model.dates import DateError, PartialDate
from chronicle.model.event_dates import DateFormError, EventDate, parse_event_date

JUNE = PartialDate(2025, 6)
DAY = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", EventDate.exact(PartialDate(2025))),
        ("2025-06", EventDate.exact(JUNE)),
        ("2025-06-04", EventDate.exact(PartialDate(2025, 6, 4))),
        ("2025-06~", EventDate.exact(JUNE, approximate=True)),
        ("2025-06?", EventDate.exact(JUNE, uncertain=True)),
        ("2025-06%", EventDate.exact(JUNE, approximate=True, uncertain=True)),
        (
            "[2025-12-01..2025-12-26]",
            EventDate(PartialDate(2025, 12, 1), PartialDate(2025, 12, 26), ranged=True),
        ),
        ("[..2025-06-03]", EventDate(None, PartialDate(2025, 6, 3), ranged=True)),
        ("[2025-06-05..]", EventDate(PartialDate(2025, 6, 5), None, ranged=True)),
        ("[2025-06..2025-08]", EventDate(JUNE, PartialDate(2025, 8), ranged=True)),
    ],
    ids=[
        "year",
        "month",
        "day",
        "approximate",
        "uncertain",
        "both",
        "between",
        "on-or-before",
        "on-or-after",
        "months",
    ],
)
def test_every_accepted_form_is_read(text: str, expected: EventDate) -> None:
    assert parse_event_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025",
        "2025-06-04",
        "2025-06~",
        "2025-06-04%",
        "[2025-12-01..2025-12-26]",
        "[..2025-06-03]",
        "[2025-06..]",
    ],
)
def test_the_edtf_text_is_written_back_as_read(text: str) -> None:
    assert parse_event_date(text).edtf == text


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025-06", DAY(2025, 6, 1), DAY(2025, 6, 30)),
        ("2025~", DAY(2025, 1, 1), DAY(2025, 12, 31)),
        ("[2025-12-01..2025-12-26]", DAY(2025, 12, 1), DAY(2025, 12, 26)),
        ("[..2025-06-03]", None, DAY(2025, 6, 3)),
        ("[2025-06-05..]", DAY(2025, 6, 5), None),
        ("[2024-02..2024-02]", DAY(2024, 2, 1), DAY(2024, 2, 29)),
    ],
)
def test_earliest_and_latest_are_the_possible_days_as_written(
    text: str, earliest: datetime.date | None, latest: datetime.date | None
) -> None:
    date = parse_event_date(text)
    assert (date.earliest(), date.latest()) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("2025-06-04", "2025-06-04"),
        ("2025-06", "2025-06"),
        ("2025-06~", None),
        ("2025?", None),
        ("[2025-12-01..2025-12-26]", "2025-12"),
        ("[2025-11-20..2025-12-26]", "2025"),
        ("[2024-12-20..2025-01-06]", None),
        ("[..2025-06-03]", None),
    ],
)
def test_the_machine_date_carries_only_what_is_certain(text: str, known: str | None) -> None:
    assert parse_event_date(text).known_iso() == known


@pytest.mark.parametrize(
    ("text", "to_the_day"),
    [
        ("2025-06-04", True),
        ("2025-06-04~", False),
        ("2025-06-04?", False),
        ("2025-06", False),
        ("[2025-06-04..2025-06-05]", False),
    ],
)
def test_only_a_certain_exact_day_is_known_to_the_day(text: str, to_the_day: bool) -> None:
    assert parse_event_date(text).known_to_the_day is to_the_day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 June 2025", "'3 June 2025' is not a date of the accepted forms"),
        ("2025-06-04/2025-06-09", "give the span's start in 'date' and its end in 'end'"),
        ("2025-21", "a season"),
        ("202X", "unspecified digits"),
        ("{2025,2026}", "make one event per date"),
        ("[2025-06~..2025-08]", "is not a date of the accepted forms"),
    ],
    ids=["words", "interval", "season", "unspecified", "all-of-a-set", "qualified-bound"],
)
def test_a_form_this_site_does_not_take_says_why(text: str, message: str) -> None:
    with pytest.raises(DateFormError) as caught:
        parse_event_date(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "written"),
    [("202X", "[2020..2029]"), ("156X", "[1560..1569]"), ("19XX", "[1900..1999]"), ("2025-06-XX", "2025-06")],
)
def test_a_date_with_unspecified_digits_is_told_the_form_that_says_the_same(text: str, written: str) -> None:
    with pytest.raises(DateFormError) as caught:
        parse_event_date(text)
    assert f", {written})" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-29", "February 2025 has 28 days, not 29"),
        ("2025-02-29~", "February 2025 has 28 days, not 29"),
        ("[2025-02-01..2025-02-30]", "February 2025 has 28 days, not 30"),
        ("[2025-12-26..2025-12-01]", "the range ends (2025-12-01) before it starts (2025-12-26)"),
    ],
    ids=["plain", "qualified", "in-a-range", "reversed-range"],
)
def test_a_day_that_does_not_exist_is_refused_whatever_the_form(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_event_date(text)
    assert not isinstance(caught.value, DateFormError)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["10000-01-01", "12025-02-30", "99999", "[2025..10000]", "10000~"])
def test_a_year_of_five_digits_or_more_is_told_a_year_has_four(text: str) -> None:
    # Not read as the four digits at its end (12025-02-30 is not February 2025).
    with pytest.raises(DateFormError) as caught:
        parse_event_date(text)
    assert str(caught.value) == f"'{text}': a year has four digits, from 0001 to 9999"


@pytest.mark.parametrize("text", ["2025-06-00004", "2025-000006"])
def test_long_digit_runs_that_are_not_years_are_not_told_about_years(text: str) -> None:
    with pytest.raises(DateFormError) as caught:
        parse_event_date(text)
    assert str(caught.value) == f"'{text}' is not a date of the accepted forms"


def test_a_day_written_without_hyphens_is_told_how_to_write_it() -> None:
    with pytest.raises(DateFormError) as caught:
        parse_event_date("20250603")
    assert str(caught.value) == "'20250603' is written without hyphens: write 2025-06-03"


@given(st.dates(min_value=DAY(1, 1, 1), max_value=DAY(9999, 12, 31)), st.sampled_from([4, 7, 10]))
def test_plain_dates_read_as_the_edtf_library_reads_them(day: datetime.date, length: int) -> None:
    # Plain dates skip the library (about 4 ms a date); they must mean exactly what it reads.
    text = day.isoformat()[:length]
    ours = parse_event_date(text)
    theirs = parse_edtf(text)
    assert ours.earliest() == DAY(*theirs.lower_strict()[:3])
    assert ours.latest() == DAY(*theirs.upper_strict()[:3])
    assert ours.edtf == str(theirs)


def test_a_long_text_is_refused_before_the_library_reads_it() -> None:
    # The library's time grows with what it is given: a set of 500 dates took 20 s.
    with pytest.raises(DateFormError):
        parse_event_date("[" + ",".join(["2025"] * 500) + "]")


def test_a_range_of_two_precisions_says_how_to_write_it() -> None:
    with pytest.raises(DateFormError) as caught:
        parse_event_date("[2025-06..2025-12-15]")
    assert "both bounds of a range are written to the same precision" in str(caught.value)
