"""What a reader sees for an EventDate or a span of two, cut into runs that carry a machine
date only where it is certain (<time datetime>). The README's "Dates" table lists every form."""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.model.dates import PartialDate
from chronicle.model.event_dates import EventDate


@dataclass(frozen=True)
class DatePart:
    """A run of a displayed date: a <time> when `datetime` is set, plain text otherwise."""

    text: str
    datetime: str | None = None


DateLabel = tuple[DatePart, ...]


def label_text(parts: DateLabel) -> str:
    return "".join(part.text for part in parts)


def date_label(date: EventDate) -> DateLabel:
    """ "4 June 2025", "c. June 2025", "June 2025?", "between 1 and 26 December 2025",
    "on or before 3 June 2025", "on or after 5 June 2025"."""
    if date.ranged:
        return _range_label(date)
    assert date.low is not None
    return (DatePart(_qualified(date, date.low.display()), date.known_iso()),)


def span_label(start: EventDate, end: EventDate | None) -> DateLabel:
    """A span names a shared month and year once ("4–9 June 2025"); "c." once when both
    ends are approximate in the same way; each end in full where they differ."""
    if end is None or end == start:
        return date_label(start)
    first, last = start.single, end.single
    if (
        first is None
        or last is None
        or (start.approximate, start.uncertain)
        != (
            end.approximate,
            end.uncertain,
        )
    ):
        return (*date_label(start), DatePart(" – "), *date_label(end))
    head, tail = _shared_span(first, last)
    prefix = "c. " if start.approximate else ""
    suffix = "?" if start.uncertain else ""
    start_iso = None if start.qualified else first.iso()
    end_iso = None if end.qualified else last.iso()
    # Days of one month read as one date ("4–9 June 2025"); anything longer is spaced.
    same_month = (first.year, first.month) == (last.year, last.month)
    dash = "–" if first.precision == last.precision == "day" and same_month else " – "
    return (DatePart(prefix + head, start_iso), DatePart(dash), DatePart(tail + suffix, end_iso))


def _qualified(date: EventDate, text: str) -> str:
    return ("c. " if date.approximate else "") + text + ("?" if date.uncertain else "")


def _range_label(date: EventDate) -> DateLabel:
    low, high = date.low, date.high
    if low is None:
        assert high is not None
        return (DatePart("on or before "), DatePart(high.display(), high.iso()))
    if high is None:
        return (DatePart("on or after "), DatePart(low.display(), low.iso()))
    if low == high:  # one day (or month) "between" itself: that date
        return (DatePart(low.display(), low.iso()),)
    head, tail = _shared_span(low, high)
    return (
        DatePart("between "),
        DatePart(head, low.iso()),
        DatePart(" and "),
        DatePart(tail, high.iso()),
    )


def _shared_span(first: PartialDate, last: PartialDate) -> tuple[str, str]:
    """The two ends with what they share said once, at the end: ("4", "9 June 2025")."""
    if first.year == last.year and first.precision == last.precision == "day":
        if first.month == last.month:
            return str(first.day), last.display()
        return f"{first.day} {first.month_name}", last.display()
    if first.year == last.year and first.precision == last.precision == "month":
        return str(first.month_name), last.display()
    return first.display(), last.display()


def date_note(start: EventDate, end: EventDate | None) -> str | None:
    """What "c." and "?" say, for screen readers: "approximate date", "uncertain end date"."""
    if end is None or (start.approximate, start.uncertain) == (end.approximate, end.uncertain):
        said = _qualifier_words(start)
        return None if said is None else f"{said} {'date' if end is None else 'dates'}"
    notes = [
        f"{said} {which}"
        for which, date in (("start", start), ("end", end))
        if (said := _qualifier_words(date))
    ]
    return ", ".join(notes)


def _qualifier_words(date: EventDate) -> str | None:
    words = [word for word, on in (("approximate", date.approximate), ("uncertain", date.uncertain)) if on]
    return " and ".join(words) or None
