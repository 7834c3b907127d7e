"""Timeline -> data/events.ics: the day-precise events as all-day iCalendar (RFC 5545) events.

Written here, escaping text and folding lines as RFC 5545 asks: the `icalendar` package did
the same but took over a second for 2,000 events (its line folding), a third of a cold
build; the tests parse the output back with it. Nothing comes from the clock: an event's
DTSTAMP and LAST-MODIFIED are its `updated` (else `added`) date, its UID is its permalink
(the first one, for a renamed file), so the same content gives the same bytes and a calendar
application recognises a corrected or renamed event as the same one.

Only events whose start is known to the day are in the calendar (a month or a year is not
a day a calendar can show); a span whose end is known to the day lasts until that day, any
other event is one day long.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from chronicle.render.data_files import DATA_DIR
from chronicle.timeline.views import EventView, Timeline

CALENDAR_PATH = f"{DATA_DIR}/events.ics"
PRODID = "-//chronicle-timeline//chronicle//EN"


def calendar_events(timeline: Timeline) -> list[EventView]:
    """The events the calendar holds: those whose start is a definite day (not a range, not
    approximate, not uncertain), in timeline order."""
    return [view for view in timeline.events if view.event.date.known_to_the_day]


def calendar_chunks(
    timeline: Timeline, event_text: Callable[[EventView], bytes] | None = None
) -> list[bytes]:
    """The calendar in pieces, to be written one after another."""
    settings = timeline.site.settings
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{_text(settings.title)}",
        f"X-WR-CALNAME:{_text(settings.title)}",
    ]
    if settings.description:
        lines += [f"DESCRIPTION:{_text(settings.description)}", f"X-WR-CALDESC:{_text(settings.description)}"]
    lines.append(f"URL;VALUE=URI:{settings.base_url}")
    make = event_text or (lambda view: calendar_text(view, settings.base_url))
    head = "".join(_fold(line) + "\r\n" for line in lines)
    return [head.encode("utf-8"), *(make(view) for view in calendar_events(timeline)), b"END:VCALENDAR\r\n"]


def calendar_text(view: EventView, base: str) -> bytes:
    """One event's VEVENT, folded, with its line endings, as UTF-8."""
    return "".join(_fold(line) + "\r\n" for line in _event(view, base)).encode("utf-8")


def _event(view: EventView, base: str) -> list[str]:
    event = view.event
    permalink = base + view.path
    start = event.date.anchor.first_day()
    end = event.end
    last = end.anchor.last_day() if end is not None and end.known_to_the_day else start
    changed = event.updated or event.added
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(base + view.first_path)}",  # a renamed event stays the same calendar entry
        f"DTSTAMP:{_moment(changed)}",
        f"CREATED:{_moment(event.added)}",
        f"LAST-MODIFIED:{_moment(changed)}",
        f"DTSTART;VALUE=DATE:{_date(start)}",
        # all-day: DTEND is the day after the last day (none after the calendar's last day)
        *(
            [f"DTEND;VALUE=DATE:{_date(last + datetime.timedelta(days=1))}"]
            if last < datetime.date.max
            else []
        ),
        f"SUMMARY:{_text(event.title)}",
        f"DESCRIPTION:{_text(f'{view.date_label}. {view.summary_text}')}"
        f"{_text(chr(10) * 2 + 'Sources and quotes: ' + permalink)}",
        f"URL;VALUE=URI:{permalink}",
        "TRANSP:TRANSPARENT",
    ]
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(_text(tag) for tag in event.tags))
    places = [entity.name for entity in view.places]
    if places:
        lines.append(f"LOCATION:{_text(', '.join(places))}")
    lines.append("END:VEVENT")
    return lines


def _text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (3.1),
    never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character: step back
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with the space
    return "\r\n ".join(parts)


def _date(day: datetime.date) -> str:
    """A DATE value (RFC 5545, 3.3.4): the year in four digits, which strftime's %Y does not
    give a year before 1000 (0800-12-25 would be "8001225")."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _moment(day: datetime.date) -> str:
    return f"{_date(day)}T000000Z"
