"""What a reader sees for an EventDate or a span of two, in the interface language, cut into
runs that carry a machine date only where it is certain (<time datetime>). The README's
"Dates" table lists every form.

Dates, month names and what two dates of a span share are the locale's (Babel's CLDR
patterns and interval formats: "4–9 June 2025", "4.–9. Juni 2025", "2025년 6월 4일~9일");
the connecting words ("c.", "between ... and ...", "on or before ...") are messages of the
catalog, each a whole phrase with placeholders, so that a language orders them its own way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import babel.dates

from chronicle.model.dates import PartialDate
from chronicle.model.event_dates import EventDate
from chronicle.model.wording import ENGLISH, Wording, parsed


def N_(message: str) -> str:
    """Marks a message for the catalog where it is named, translated where it is shown."""
    return message


@dataclass(frozen=True)
class DatePart:
    """A run of a displayed date: a <time> when `datetime` is set, plain text otherwise."""

    text: str
    datetime: str | None = None


DateLabel = tuple[DatePart, ...]


def label_text(parts: DateLabel) -> str:
    return "".join(part.text for part in parts)


def shown_date(date: PartialDate, wording: Wording = ENGLISH) -> str:
    """ "4 June 2025", "June 2025" or "2025" as the interface language writes them."""
    return wording.date(date.first_day(), date.precision)


def date_label(date: EventDate, wording: Wording = ENGLISH) -> DateLabel:
    """ "4 June 2025", "c. June 2025", "June 2025?", "between 1 and 26 December 2025",
    "on or before 3 June 2025", "on or after 5 June 2025"."""
    if date.ranged:
        return _range_label(date, wording)
    assert date.low is not None
    prefix, suffix = _qualifiers(date, wording)
    return (DatePart(prefix + shown_date(date.low, wording) + suffix, date.known_iso()),)


def span_label(start: EventDate, end: EventDate | None, wording: Wording = ENGLISH) -> DateLabel:
    """A span names what its ends share once ("4–9 June 2025"); "c." once when both ends
    are approximate in the same way; each end in full where they differ."""
    if end is None or end == start:
        return date_label(start, wording)
    first, last = start.single, end.single
    if (
        first is None
        or last is None
        or (start.approximate, start.uncertain) != (end.approximate, end.uncertain)
    ):
        return (
            *date_label(start, wording),
            DatePart(_fallback_separator(wording)),
            *date_label(end, wording),
        )
    head, dash, tail = shared_span(first, last, wording)
    prefix, suffix = _qualifiers(start, wording)
    start_iso = None if start.qualified else first.iso()
    end_iso = None if end.qualified else last.iso()
    return (DatePart(prefix + head, start_iso), DatePart(dash), DatePart(tail + suffix, end_iso))


def _qualifiers(date: EventDate, wording: Wording) -> tuple[str, str]:
    """What goes before and after a date (or a span) for "c." and "?"."""
    text = "\0"
    if date.approximate:
        day = date.low is not None and date.low.precision == "day"
        text = wording.phrase(_APPROXIMATE[day], date=text, day=text)
    if date.uncertain:
        text = wording.phrase("%(date)s?", date=text)
    prefix, _, suffix = text.partition("\0")
    return prefix, suffix


# A day and a month or a year are said apart: French, Spanish and German give a day its article
# ("entre le 19 et le 31 décembre 2025", "zwischen dem 19. und 31. Dezember 2025") and a month
# none ("entre juin et août 2025"). Both bounds of a range have one precision (event_dates).
_APPROXIMATE = {
    False: N_("c. %(date)s"),
    # Translators: %(day)s is a day ("4 June 2025"); "c. %(date)s" is said of a month or a year.
    True: N_("c. %(day)s"),
}
_ON_OR_BEFORE = {
    False: N_("on or before %(date)s"),
    # Translators: %(day)s is a day ("3 June 2025", with its article where the language has
    # one: "le 3 juin 2025"); "on or before %(date)s" is said of a month or a year.
    True: N_("on or before %(day)s"),
}
_ON_OR_AFTER = {
    False: N_("on or after %(date)s"),
    # Translators: %(day)s is a day ("5 June 2025"); "on or after %(date)s" is said of a month
    # or a year.
    True: N_("on or after %(day)s"),
}
_BETWEEN = {
    False: N_("between %(start)s and %(end)s"),
    # Translators: two days, what they share said once ("19" and "31 December 2025": "between
    # 19 and 31 December 2025"; French "entre le 19 et le 31 décembre 2025"); "between
    # %(start)s and %(end)s" is said of months or years.
    True: N_("between %(start_day)s and %(end_day)s"),
}


def _range_label(date: EventDate, wording: Wording) -> DateLabel:
    low, high = date.low, date.high
    bound = low or high
    assert bound is not None
    day = bound.precision == "day"
    if low is None:
        assert high is not None
        shown = (shown_date(high, wording), high.iso())
        return _runs(wording.gettext(_ON_OR_BEFORE[day]), date=shown, day=shown)
    if high is None:
        shown = (shown_date(low, wording), low.iso())
        return _runs(wording.gettext(_ON_OR_AFTER[day]), date=shown, day=shown)
    if low == high:  # one day (or month) "between" itself: that date
        return (DatePart(shown_date(low, wording), low.iso()),)
    head, _, tail = shared_span(low, high, wording)
    start, end = (head, low.iso()), (tail, high.iso())
    return _runs(wording.gettext(_BETWEEN[day]), start=start, end=end, start_day=start, end_day=end)


def _runs(pattern: str, **dates: tuple[str, str]) -> DateLabel:
    """A translated phrase cut at its placeholders: the words between them plain, each date a run."""
    parts: list[DatePart] = []
    rest = pattern
    while "%(" in rest:
        before, _, after = rest.partition("%(")
        name, _, rest = after.partition(")s")
        if before:
            parts.append(DatePart(before))
        parts.append(DatePart(*dates[name]))
    if rest:
        parts.append(DatePart(rest))
    return tuple(parts)


# --------------------------------------------------------------------------- what a span shares

_SKELETONS = {"day": "yMMMd", "month": "yMMMM", "year": "y"}
_SEPARATOR_CHARACTERS = frozenset(" \u00a0\u2009\u202f–—-~‐‑‒―〜～")


def shared_span(first: PartialDate, last: PartialDate, wording: Wording) -> tuple[str, str, str]:
    """(head, separator, tail): the two ends with what they share said once, as the locale's
    interval format has it ("4", "–", "9 June 2025"; "2025년 6월 4일", "~", "9일")."""
    halves = _interval_halves(first, last, wording)
    if halves is None:
        return shown_date(first, wording), _fallback_separator(wording), shown_date(last, wording)
    head_tokens, tail_tokens = halves
    separator = ""
    if head_tokens and head_tokens[-1][0] == "chars":
        text = str(head_tokens[-1][1])
        kept = text.rstrip("".join(_SEPARATOR_CHARACTERS))
        separator = text[len(kept) :]
        head_tokens = [*head_tokens[:-1], ("chars", kept)] if kept else head_tokens[:-1]
    greatest = "d" if (first.year, first.month) == (last.year, last.month) else "M"
    head = _apply(head_tokens, first.first_day(), wording)
    tail = _apply(tail_tokens, last.first_day(), wording)
    return head, _our_dash(separator, days=greatest == "d" and first.precision == "day"), tail


Tokens = list[tuple[str, Any]]


def _interval_halves(first: PartialDate, last: PartialDate, wording: Wording) -> tuple[Tokens, Tokens] | None:
    """The locale's two halves of the interval pattern for these ends, months written in full;
    None when the ends differ in precision or the locale has no such interval."""
    if first.precision != last.precision:
        return None
    if first.year != last.year:
        field = "y"
    elif first.month != last.month:
        field = "M"
    else:
        field = "d"
    skeleton = _SKELETONS[first.precision]
    formats = wording.babel_locale.interval_formats
    found = formats.get(skeleton.replace("MMM", "MMMM")) or formats.get(skeleton)
    if not found or field not in found:
        return None
    start, end = found[field]
    return _in_full(babel.dates.tokenize_pattern(start)), _in_full(babel.dates.tokenize_pattern(end))


def _in_full(tokens: Tokens) -> Tokens:
    """Months by their full name ("MMM" -> "MMMM"), as every other date of the site."""
    widened: Tokens = []
    for kind, value in tokens:
        if kind == "field" and isinstance(value, tuple) and value[0] in "ML" and value[1] == 3:
            widened.append((kind, (value[0], 4)))
        else:
            widened.append((kind, value))
    return widened


def _apply(tokens: Tokens, day: datetime.date, wording: Wording) -> str:
    text = []
    for kind, value in tokens:
        if kind == "chars":
            text.append(str(value))
        else:
            assert isinstance(value, tuple)
            text.append(parsed(value[0] * value[1]).apply(day, wording.babel_locale))
    return "".join(text)


def _our_dash(separator: str, days: bool) -> str:
    """An en dash as the site writes it: closed between days of one month ("4–9 June"),
    spaced otherwise; any other separator (a Korean "~", a Russian "—") as the locale has it."""
    if separator.strip(" \u00a0\u2009\u202f") in ("–", "-"):
        return "–" if days else " – "
    return separator


def _fallback_separator(wording: Wording) -> str:
    """Between two dates written in full: the locale's "{0} – {1}"."""
    pattern = str(wording.babel_locale.interval_formats.get(None) or "{0} – {1}")
    return _our_dash(pattern.partition("{0}")[2].partition("{1}")[0], days=False)


# --------------------------------------------------------------------------- for screen readers

_NOTES = {
    (True, False, "date"): N_("approximate date"),
    (False, True, "date"): N_("uncertain date"),
    (True, True, "date"): N_("approximate and uncertain date"),
    (True, False, "dates"): N_("approximate dates"),
    (False, True, "dates"): N_("uncertain dates"),
    (True, True, "dates"): N_("approximate and uncertain dates"),
    (True, False, "start"): N_("approximate start"),
    (False, True, "start"): N_("uncertain start"),
    (True, True, "start"): N_("approximate and uncertain start"),
    (True, False, "end"): N_("approximate end"),
    (False, True, "end"): N_("uncertain end"),
    (True, True, "end"): N_("approximate and uncertain end"),
}


def date_note(start: EventDate, end: EventDate | None, wording: Wording = ENGLISH) -> str | None:
    """What "c." and "?" say, for screen readers: "approximate date", "uncertain end date"."""
    if end is None or (start.approximate, start.uncertain) == (end.approximate, end.uncertain):
        note = _NOTES.get((start.approximate, start.uncertain, "date" if end is None else "dates"))
        return None if note is None else wording.gettext(note)
    notes = [
        wording.gettext(note)
        for which, date in (("start", start), ("end", end))
        if (note := _NOTES.get((date.approximate, date.uncertain, which)))
    ]
    if len(notes) == 2:
        return wording.phrase("%(start)s, %(end)s", start=notes[0], end=notes[1])
    return notes[0]
