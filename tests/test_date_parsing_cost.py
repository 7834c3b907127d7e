"""Dates cost little however many a file holds: the accepted forms are read from Python's
calendar, not the EDTF library (10 to 60 ms a date); the library words the error of each
text once, for at most 20 texts of one file; a claim holds at most 100 values."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.model import event_dates
from chronicle.model.event_dates import (
    MAX_LIBRARY_READINGS,
    DateFormError,
    library_readings,
    parse_event_date,
)
from chronicle.source.claims import MAX_CLAIM_VALUES

EVENT = "content/events/first-event.yaml"
HEAD = "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/}]\nadded: 2026-01-02\n"


@pytest.fixture
def library_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts handed to the EDTF library, each time it is."""
    calls: list[str] = []
    reading = event_dates._from_library

    def counted(text: str) -> event_dates.EventDate:
        calls.append(text)
        return reading(text)

    monkeypatch.setattr(event_dates, "_from_library", counted)
    cache = getattr(event_dates, "_library_reading", None)
    if cache is not None:
        cache.cache_clear()
    yield calls
    if cache is not None:
        cache.cache_clear()


@pytest.mark.parametrize(
    "text", ["2025-06~", "2025-06-04?", "2025%", "[2025-12-01..2025-12-26]", "[..2025-06-03]", "[2025-06..]"]
)
def test_the_accepted_forms_are_read_without_the_library(text: str, library_calls: list[str]) -> None:
    parse_event_date(text)
    assert library_calls == []


def test_the_library_words_the_error_of_a_text_once(library_calls: list[str]) -> None:
    for _ in range(3):
        with pytest.raises(DateFormError, match="a season"):
            parse_event_date("2025-21")
    assert library_calls == ["2025-21"]


def test_a_file_has_at_most_so_many_texts_worded_by_the_library(library_calls: list[str]) -> None:
    with library_readings():
        for year in range(2000, 2000 + MAX_LIBRARY_READINGS + 30):
            with pytest.raises(DateFormError):
                parse_event_date(f"{year}-21")
    assert len(library_calls) == MAX_LIBRARY_READINGS


def test_a_list_of_dates_in_a_file_is_refused_without_the_library(library_calls: list[str]) -> None:
    with library_readings(), pytest.raises(DateFormError, match="not a date of the accepted forms"):
        parse_event_date("[2025-06-04,2025-06-05,2025-06-06,2025]")
    assert library_calls == []


def test_a_claim_of_more_than_so_many_values_is_an_error_at_its_values(tmp_path: Path) -> None:
    value = '      - value: v\n        according_to: a\n        as_of: "[2025-06..2025-07]"\n'
    claim = "claims:\n  - about: Soldiers killed\n    values:\n" + value * (MAX_CLAIM_VALUES + 1)
    problems = reported(write_site(tmp_path, {EVENT: HEAD + claim}))
    assert (
        f"{EVENT}:9:7",
        f"error: 'values' holds {MAX_CLAIM_VALUES + 1} values; a claim may set at most "
        f"{MAX_CLAIM_VALUES} side by side",
    ) in [(where, message) for where, message, _ in problems]


def _reading(read: Callable[[str], object], text: str) -> object:
    try:
        return read(text)
    except event_dates.DateError as error:
        return (type(error).__name__, str(error))


def test_the_qualified_and_range_forms_read_as_the_library_reads_them() -> None:
    days = [
        "2025",
        "2024-02",
        "2025-02-28",
        "2024-02-29",
        "2025-02-29",
        "2025-13",
        "2025-21",
        "0000",
        "1903-12-17",
    ]
    texts = [day + mark for day in days for mark in "~?%"]
    texts += [f"[{low}..{high}]" for low in days for high in days]
    texts += [f"[..{day}]" for day in days] + [f"[{day}..]" for day in days] + ["[..]"]
    for text in texts:
        assert _reading(parse_event_date, text) == _reading(event_dates._from_library, text), text
