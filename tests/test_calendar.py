"""data/events.ics: the day-precise events as all-day iCalendar events, parsed back with icalendar
and checked line by line against RFC 5545 (CRLF, folding at 75 octets, escaped text)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import icalendar
import yaml
from renderers import render_calendar, timeline_of
from site_reader import BuiltSite
from unit_helpers import write_site

from chronicle.build.load import load_site
from chronicle.model.dates import PartialDate


def read_calendar(site: BuiltSite) -> tuple[bytes, icalendar.Calendar]:
    data = (site.out / "data/events.ics").read_bytes()
    return data, icalendar.Calendar.from_ical(data)


def event_files(root: Path) -> dict[str, dict[str, str]]:
    return {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for path in sorted((root / "content/events").glob("*.yaml"))
    }


def test_the_calendar_holds_exactly_the_events_known_to_the_day(built_fixture_site: BuiltSite) -> None:
    files = event_files(built_fixture_site.root)
    _, calendar = read_calendar(built_fixture_site)
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    # A plain day, not approximate (circa, ~), not uncertain (?), not a range ([..]).
    day_precise = [
        slug
        for slug, file in files.items()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", file["date"]) and file.get("circa") != "true"
    ]
    assert uids == sorted(f"{built_fixture_site.base_url}events/{slug}/" for slug in day_precise)
    assert 0 < len(day_precise) < len(files)  # the fixture has month and year dates too
    assert any("[" in file["date"] or "~" in file["date"] for file in files.values())


def test_each_event_is_all_day_with_its_dates_title_and_stamp_from_the_content(
    built_fixture_site: BuiltSite,
) -> None:
    files = event_files(built_fixture_site.root)
    _, calendar = read_calendar(built_fixture_site)
    for event in calendar.walk("VEVENT"):
        slug = str(event["UID"]).rstrip("/").rsplit("/", 1)[-1]
        file = files[slug]
        start = PartialDate.parse(file["date"]).first_day()
        end = PartialDate.parse(file["end"]).last_day() if "end" in file else start
        assert event.decoded("DTSTART") == start
        assert type(event.decoded("DTSTART")) is datetime.date  # a DATE: an all-day event
        assert event.decoded("DTEND") == end + datetime.timedelta(days=1)
        assert str(event["SUMMARY"]) == file["title"]
        changed = datetime.date.fromisoformat(file.get("updated") or file["added"])
        assert event.decoded("DTSTAMP") == datetime.datetime.combine(changed, datetime.time(), datetime.UTC)
        assert str(event["URL"]) == str(event["UID"])


def test_the_file_follows_rfc_5545_line_rules(built_fixture_site: BuiltSite) -> None:
    data, calendar = read_calendar(built_fixture_site)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data[:-2].split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # folding never cuts a character in two
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])


def test_text_with_commas_semicolons_and_newlines_survives_escaping(tmp_path: Path) -> None:
    title = 'Alpha, Bravo; and "Charlie" \\ meet — a very long title that must be folded over several lines'
    root = write_site(
        tmp_path / "site",
        {
            "content/events/first-event.yaml": (
                f"title: '{title}'\ndate: 2025-06-03\nsummary: |\n  One, two; three.\n\n  Four.\n"
                "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
            )
        },
    )
    site = load_site(root).site
    assert site is not None
    data = render_calendar(timeline_of(site))
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert "One, two; three." in str(event["DESCRIPTION"])
    assert b"Alpha\\, Bravo\\; and" in data
    assert render_calendar(timeline_of(site)) == data  # no clock, no random UID


def test_a_month_precise_span_end_gives_a_one_day_event(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {
            "content/events/first-event.yaml": (
                "title: T\ndate: 2025-06-03\nend: 2025-08\nsummary: S\n"
                "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
            )
        },
    )
    site = load_site(root).site
    assert site is not None
    (event,) = icalendar.Calendar.from_ical(render_calendar(timeline_of(site))).walk("VEVENT")
    assert event.decoded("DTEND") == datetime.date(2025, 6, 4)
    assert str(event["DESCRIPTION"]).startswith("3 June 2025 – August 2025. S")
