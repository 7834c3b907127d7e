"""Timeline -> data/events.ics: the day-precise events as all-day iCalendar (RFC 5545) events.

Written with the `icalendar` package, which folds long lines and escapes text as RFC 5545
asks. Nothing comes from the clock: an event's DTSTAMP and LAST-MODIFIED are its `updated`
(else `added`) date, its UID is its permalink, so the same content gives the same bytes and
a calendar application recognises a corrected event as the same one.

Only events whose start is known to the day are in the calendar (a month or a year is not
a day a calendar can show); a span whose end is known to the day lasts until that day, any
other event is one day long.
"""

from __future__ import annotations

import datetime

import icalendar

from chronicle.exports import DATA_DIR
from chronicle.timeline import EventView, Timeline

CALENDAR_PATH = f"{DATA_DIR}/events.ics"
PRODID = "-//chronicle-timeline//chronicle//EN"


def calendar_events(timeline: Timeline) -> list[EventView]:
    """The events the calendar holds: those whose start date is known to the day, in timeline order."""
    return [view for view in timeline.events if view.event.date.precision == "day"]


def render_calendar(timeline: Timeline) -> bytes:
    settings = timeline.site.settings
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", settings.title)
    calendar.add("x-wr-calname", icalendar.vText(settings.title))  # TEXT, escaped
    if settings.description:
        calendar.add("description", settings.description)
        calendar.add("x-wr-caldesc", icalendar.vText(settings.description))
    calendar.add("url", settings.base_url)
    for view in calendar_events(timeline):
        calendar.add_component(_event(view, settings.base_url))
    return bytes(calendar.to_ical())


def _event(view: EventView, base: str) -> icalendar.Event:
    event = view.event
    permalink = base + view.path
    start = event.date.first_day()
    last = event.end.last_day() if event.end is not None and event.end.precision == "day" else start
    changed = event.updated or event.added
    entry = icalendar.Event()
    entry.add("uid", permalink)
    entry.add("dtstamp", _moment(changed))
    entry.add("created", _moment(event.added))
    entry.add("last-modified", _moment(changed))
    entry.add("dtstart", start)
    entry.add("dtend", last + datetime.timedelta(days=1))  # all-day: DTEND is the day after
    entry.add("summary", event.title)
    entry.add("description", f"{view.date_label}. {view.summary_text}\n\nSources and quotes: {permalink}")
    entry.add("url", permalink)
    entry.add("transp", "TRANSPARENT")
    if event.tags:
        entry.add("categories", list(event.tags))
    places = [entity.name for entity in view.places]
    if places:
        entry.add("location", ", ".join(places))
    return entry


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
