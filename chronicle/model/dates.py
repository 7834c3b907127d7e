"""PartialDate: a year, a month or a day, parsed from text, ordered, shown at its own precision."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_DATE_TEXT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# For the JSON Schemas: a month 01-12 and a day 01-31 (a day past its month's end is `check`'s).
_MONTH, _DAY = r"(0[1-9]|1[0-2])", r"(0[1-9]|[12][0-9]|3[01])"
DATE_PATTERN = rf"^[0-9]{{4}}(-{_MONTH}(-{_DAY})?)?$"
DAY_PATTERN = rf"^[0-9]{{4}}-{_MONTH}-{_DAY}$"
MONTH_NAMES = tuple(calendar.month_name)[1:]


class DateError(ValueError):
    """The text is not a date of the accepted forms, or names a day that does not exist."""


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day; never an invented day.

    `sort_key` orders dates of one precision; events are ordered by model/chronology.py.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE_TEXT.fullmatch(text.strip())
        if match is None:
            raise DateError(f"'{_shown(text)}' is not written YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if year < 1:
            raise DateError("there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"there is no month {month}")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"{MONTH_NAMES[month - 1]} {year} has {last} days, not {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 13, self.day or 32)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The machine form at the known precision, valid in <time datetime>."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """What a reader sees: "4 June 2025", "June 2025" or "2025"."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def month_name(self) -> str | None:
        return MONTH_NAMES[self.month - 1] if self.month is not None else None


def parse_day(text: str) -> datetime.date:
    """A full YYYY-MM-DD date (for `added`, `updated`)."""
    date = PartialDate.parse(text)
    if date.day is None:
        raise DateError(f"'{_shown(text)}' needs a full date, YYYY-MM-DD")
    return date.first_day()


_LOOSE_YEAR_FIRST = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?")
_LOOSE_YEAR_LAST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")


def iso_hint(text: str, qualifiers: str = "") -> str | None:
    """For a date not written YYYY-MM-DD: its ISO form when its parts give one day
    (`2025-6-4`, `2025/06/04`, `25.6.2025`), both forms when the day and the month could be
    either way round (`04/06/2025`). `qualifiers`: the marks one may end it with (`~?%`)."""
    text = text.strip()
    mark = text[-1] if text and text[-1] in qualifiers else ""
    bare = text.removesuffix(mark) if mark else text
    if match := _LOOSE_YEAR_FIRST.fullmatch(bare):
        found = _iso(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
        return (
            f"did you mean {found}{mark}? dates are written YYYY-MM-DD" if found and found != bare else None
        )
    match = _LOOSE_YEAR_LAST.fullmatch(bare)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    day_first, month_first = _iso(year, second, first), _iso(year, first, second)
    if day_first and month_first and day_first != month_first:
        return (
            f"'{text}' could be either day: write {day_first}{mark} ({first} {MONTH_NAMES[second - 1]}) "
            f"or {month_first}{mark} ({second} {MONTH_NAMES[first - 1]}), as YYYY-MM-DD"
        )
    found = day_first or month_first
    return f"did you mean {found}{mark}? dates are written YYYY-MM-DD" if found else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    """The day (or month) written YYYY-MM-DD, if there is one."""
    try:
        return PartialDate.parse(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")).iso()
    except DateError:
        return None


def display_span(start: PartialDate, end: PartialDate | None, circa: bool = False) -> str:
    """ "4–9 June 2025", "June – October 2024", "c. 2024": only what is known."""
    prefix = "c. " if circa else ""
    if end is None or end == start:
        return prefix + start.display()
    same_year = start.year == end.year
    if start.precision == end.precision == "day" and same_year:
        if start.month == end.month:
            return f"{prefix}{start.day}–{end.day} {end.month_name} {end.year}"
        return f"{prefix}{start.day} {start.month_name} – {end.display()}"
    if start.precision == end.precision == "month" and same_year:
        return f"{prefix}{start.month_name} – {end.display()}"
    return f"{prefix}{start.display()} – {end.display()}"


def _shown(text: str, limit: int = 40) -> str:
    """The text quoted back in a message: first line, shortened."""
    first = text.strip().split("\n", 1)[0]
    return first[:limit] + "…" if len(first) > limit or "\n" in text.strip() else first
