"""EventDate: a date as precise as the evidence (EDTF): the accepted forms read from Python's calendar,
the `edtf` library wording the error of anything else.

The forms (see README, "Dates"): a calendar date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
qualified `~` (approximate), `?` (uncertain) or `%` (both); or one day somewhere in a range of
possible days, `[A..B]`, `[..B]` (on or before B), `[A..]` (on or after A).
"""

from __future__ import annotations

import datetime
import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from chronicle.model.dates import DateError, PartialDate

ACCEPTED_FORMS = (
    "accepted forms: 2025, 2025-06, 2025-06-04; qualified 2025-06~ (approximate), "
    "2025-06? (uncertain), 2025-06% (both); one day in a range [2025-12-01..2025-12-26], "
    "[..2025-06-03] (on or before), [2025-06-05..] (on or after)"
)

_CALENDAR = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"  # month 01-12, day 01-31
EDTF_PATTERN = rf"^({_CALENDAR}[~?%]?|\[{_CALENDAR}\.\.({_CALENDAR})?\]|\[\.\.{_CALENDAR}\])$"
"""The accepted forms as one pattern, for the JSON Schema; the library decides."""

_PLAIN = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_SEASON = re.compile(r"[0-9]{4}-(?:2[1-9]|3[0-9]|4[01])")  # EDTF's months 21-41 are seasons
_DAY_IN_TEXT = re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")
# A year's place: the start, or after a range's `[` or `..`; then a month, a qualifier or an end.
_LONG_YEAR = re.compile(r"(?:^|\[|\.\.)-?[0-9]{5,}(?=$|[-~?%\]]|\.\.)")
_COMPACT_DAY = re.compile(r"[0-9]{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
_MIXED_RANGE = re.compile(r"\[([0-9-]{4,10})\.\.([0-9-]{4,10})\]")
_QUALIFIER = {"~": (True, False), "?": (False, True), "%": (True, True)}


class DateFormError(DateError):
    """The text is not written in one of the accepted forms (as against a day that does not exist)."""


@dataclass(frozen=True)
class EventDate:
    """One date of an event (`date`, `end`) or of a figure (`as_of`).

    Either a calendar date (`low` == `high`, `ranged` False) with its qualifiers, or one day
    between two bounds (`ranged` True), either of which may be open (None), never both.
    """

    low: PartialDate | None
    high: PartialDate | None
    ranged: bool = False
    approximate: bool = False
    uncertain: bool = False

    @classmethod
    def exact(cls, date: PartialDate, approximate: bool = False, uncertain: bool = False) -> EventDate:
        return cls(date, date, False, approximate, uncertain)

    @property
    def edtf(self) -> str:
        """The EDTF text, normalised ("2025-06~", "[..2025-06-03]")."""
        if self.ranged:
            low = self.low.iso() if self.low else ""
            high = self.high.iso() if self.high else ""
            return f"[{low}..{high}]"
        assert self.low is not None
        mark = {(True, False): "~", (False, True): "?", (True, True): "%"}.get(
            (self.approximate, self.uncertain), ""
        )
        return self.low.iso() + mark

    @property
    def qualified(self) -> bool:
        return self.approximate or self.uncertain

    @property
    def single(self) -> PartialDate | None:
        """The calendar date, when this is one (not a range)."""
        return None if self.ranged else self.low

    def earliest(self) -> datetime.date | None:
        """The first day it can be, as written (None: open). Qualifiers do not widen it."""
        return self.low.first_day() if self.low else None

    def latest(self) -> datetime.date | None:
        return self.high.last_day() if self.high else None

    @property
    def anchor(self) -> PartialDate:
        """Where it is placed in the chronology: its date, a range's start, or an open start's end."""
        anchor = self.low or self.high
        assert anchor is not None
        return anchor

    @property
    def year(self) -> int:
        return self.anchor.year

    def last_year(self) -> int:
        return (self.high or self.anchor).year

    @property
    def known_to_the_day(self) -> bool:
        """A definite day: not a range, not approximate, not uncertain."""
        return not self.ranged and not self.qualified and self.anchor.precision == "day"

    def known_iso(self) -> str | None:
        """The part that is certain, for <time datetime>: "2025-06-04", "2025-12" for a range
        within December 2025; None when nothing is certain (a qualified date, an open range)."""
        if self.qualified or self.low is None or self.high is None:
            return None
        if not self.ranged:
            return self.low.iso()
        low, high = self.low, self.high
        if low.year != high.year:
            return None
        if low.month is not None and low.month == high.month:
            return f"{low.year:04d}-{low.month:02d}"
        return f"{low.year:04d}"


MAX_DATE_LENGTH = 40
"""The longest accepted form is 24 characters; the library takes time in proportion to
what it is given (a set of 500 dates: 20 s), so longer texts never reach it."""


def parse_event_date(text: str) -> EventDate:
    """EventDate from its text; DateError says what is wrong and which forms are accepted."""
    text = text.strip()
    if len(text) > MAX_DATE_LENGTH or "\n" in text:
        raise DateFormError(f"'{_shown(text)}' is not a date of the accepted forms")
    if _PLAIN.fullmatch(text) and not _SEASON.fullmatch(text):
        # Plain ISO calendar dates are EDTF level 0; Python's date rules read them exactly as the
        # library would, and the library takes 10 to 60 ms a date (2,000 events: 20 s to 2 min).
        return EventDate.exact(PartialDate.parse(text))
    return _accepted_form(text) or _from_library_once(text)


_QUALIFIED = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)([~?%])")
_RANGE = re.compile(r"\[([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)?\.\.([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)?\]")


def _accepted_form(text: str) -> EventDate | None:
    """A qualified date or a range, read from Python's calendar as the library reads it; None
    for anything else, or a part that is not a day of the calendar (a season, 2025-02-30):
    those go to the library, whose words the error keeps."""
    try:
        qualified = _QUALIFIED.fullmatch(text)
        if qualified:
            approximate, uncertain = _QUALIFIER[qualified[2]]
            return EventDate.exact(PartialDate.parse(qualified[1]), approximate, uncertain)
        bounds = _RANGE.fullmatch(text)
        low_text, high_text = bounds.groups() if bounds else (None, None)
        one_precision = not low_text or not high_text or len(low_text) == len(high_text)
        if (low_text or high_text) and one_precision:
            low, high = (PartialDate.parse(bound) if bound else None for bound in (low_text, high_text))
            if low is None or high is None or high.last_day() >= low.first_day():
                return EventDate(low, high, ranged=True)
    except DateError:
        pass
    return None


MAX_LIBRARY_READINGS = 20
"""How many texts of one file that are none of the accepted forms have their error worded by
the library, which takes up to 70 ms a text (a file of 5,000 such dates: six minutes)."""

_file = threading.local()  # files are read in worker processes, and in threads by `serve`


@contextmanager
def library_readings(most: int = MAX_LIBRARY_READINGS) -> Iterator[None]:
    """Within it (the reading of one file), at most `most` texts reach the library; the others
    are said not to be a date of the accepted forms, without its finer words."""
    previous = getattr(_file, "left", None)
    _file.left = most
    try:
        yield
    finally:
        _file.left = previous


@functools.lru_cache(maxsize=4096)
def _library_reading(text: str) -> EventDate | DateError:
    """What the library makes of `text`, once per text: it takes tens of milliseconds."""
    try:
        return _from_library(text)
    except DateError as error:
        return error


def _from_library_once(text: str) -> EventDate:
    left = getattr(_file, "left", None)
    if left is not None:
        if left <= 0 or text.count(",") > 1:  # a list of dates: the library's slowest reading
            raise DateFormError(f"'{_shown(text)}' is not a date of the accepted forms")
        _file.left = left - 1
    reading = _library_reading(text)
    if isinstance(reading, DateError):
        raise type(reading)(*reading.args)
    return reading


def _from_library(text: str) -> EventDate:
    # Imported here: the library builds its grammar at import (0.1 s), needed only for EDTF forms.
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        if _COMPACT_DAY.fullmatch(text):
            day = f"{text[:4]}-{text[4:6]}-{text[6:]}"
            raise DateFormError(f"'{_shown(text)}' is written without hyphens: write {day}") from None
        if _LONG_YEAR.search(text):
            raise DateFormError(f"'{_shown(text)}': a year has four digits, from 0001 to 9999") from None
        for day in _DAY_IN_TEXT.findall(text):
            PartialDate.parse(day)  # a day that does not exist is said as such
        bounds = _MIXED_RANGE.fullmatch(text)
        if bounds and len(bounds[1]) != len(bounds[2]):
            raise DateFormError(
                f"'{_shown(text)}': both bounds of a range are written to the same precision "
                "([2025-06..2025-12], [2025-06-01..2025-12-15])"
            ) from None
        raise DateFormError(f"'{_shown(text)}' is not a date of the accepted forms") from None
    kind = type(parsed).__name__
    if kind == "UncertainOrApproximate" and type(parsed.date).__name__ == "Date":
        approximate, uncertain = _QUALIFIER[str(parsed.ua)]
        return EventDate.exact(_calendar(str(parsed.date)), approximate, uncertain)
    if kind == "OneOfASet" and len(parsed.objects) == 1:
        return _range(parsed.objects[0])
    if kind in _KINDS:
        said = _unspecified(text) if kind == "Unspecified" else _KINDS[kind]
        raise DateFormError(f"'{_shown(text)}' is EDTF ({said}), but not one of the forms this site takes")
    raise DateFormError(f"'{_shown(text)}' is EDTF, but not one of the forms this site takes")


_KINDS = {
    "Interval": "an interval; give the span's start in 'date' and its end in 'end'",
    "Level1Interval": "an interval; give the span's start in 'date' and its end in 'end'",
    "Season": "a season; write the months as a range, [2025-03..2025-05]",
    "Unspecified": "unspecified digits; write the range of possible dates, [2020..2029]",
    "MultipleDates": "all of a set of dates; make one event per date",
    "DateAndTime": "a date with a time; give the day only",
}


def _unspecified(text: str) -> str:
    """What to write for a date with unspecified digits, from its own digits where it can."""
    written = text.strip()
    if (day := re.fullmatch(r"(\d{4}-\d{2})-XX", written)) is not None:
        return f"unspecified digits; a day not known is the month alone, {day[1]}"
    if (month := re.fullmatch(r"(\d{4})-XX(?:-XX)?", written)) is not None:
        return f"unspecified digits; a month not known is the year alone, {month[1]}"
    if (year := re.fullmatch(r"(\d{1,3})(X{1,3})", written)) is not None:
        digits, unknown = year[1], len(year[2])
        return (
            f"unspecified digits; write the range of possible years, "
            f"[{digits}{'0' * unknown}..{digits}{'9' * unknown}]"
        )
    return _KINDS["Unspecified"]


def _range(member: object) -> EventDate:
    lower, upper = getattr(member, "lower", None), getattr(member, "upper", None)
    low = _bound(lower)
    high = _bound(upper)
    if low is None and high is None:
        raise DateError("a range needs at least one bound")
    if low is not None and high is not None and high.last_day() < low.first_day():
        raise DateError(f"the range ends ({high.iso()}) before it starts ({low.iso()})")
    return EventDate(low, high, ranged=True)


def _bound(node: object) -> PartialDate | None:
    kind = type(node).__name__
    if node is None or kind == "UnspecifiedIntervalSection":
        return None
    if kind == "UncertainOrApproximate":
        if getattr(node, "ua", None) is not None:
            raise DateError("a range's bounds cannot be qualified; widen the range instead")
        node = getattr(node, "date")  # noqa: B009 - the library's attribute, untyped
        kind = type(node).__name__
    if kind != "Date":
        raise DateError("a range's bounds are calendar dates, YYYY, YYYY-MM or YYYY-MM-DD")
    return _calendar(str(node))


def _calendar(text: str) -> PartialDate:
    """The library accepts days that do not exist (2025-02-29); Python's calendar does not."""
    if not _PLAIN.fullmatch(text):
        raise DateError(f"'{_shown(text)}' is not a calendar date of four-digit year")
    return PartialDate.parse(text)


def _shown(text: str, limit: int = 40) -> str:
    """The text quoted back: on one line (a line break shown as ↵), shortened."""
    one_line = text.strip().replace("\n", "↵")
    return one_line[:limit] + "…" if len(one_line) > limit else one_line
