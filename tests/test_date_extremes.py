"""Dates at the ends of the calendar (year 1, 31 December 9999) build like any other."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import feedparser
import icalendar
from unit_helpers import event_yaml, run_build, write_site

CLAIM = """claims:
  - about: A figure
    values:
      - value: five
        according_to: One
        source: {url: https://example.org/1, title: T}
        as_of: 0001-01
        low: 5
      - value: six
        according_to: Two
        source: {url: https://example.org/2, title: T}
        as_of: 9999-12
        low: 6
"""


def test_events_and_figures_at_the_ends_of_the_calendar_build(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {
            "content/events/first-event.yaml": None,
            "content/events/last-day.yaml": event_yaml("9999-12-31") + "end: 9999-12-31\n",
            "content/events/first-day.yaml": event_yaml("0001-01-01") + CLAIM,
        },
    )
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
    calendar = (tmp_path / "out" / "data" / "events.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:99991231" in calendar
    assert "<svg" in (tmp_path / "out" / "events" / "first-day" / "index.html").read_text(encoding="utf-8")


def _first_millennium_site(tmp_path: Path) -> Path:
    """One event crowned on 25-26 December 800, `added` in the year 5: the only event, so the
    feeds' own dates are its too."""
    early = event_yaml("0800-12-25", added="0005-01-02") + "end: 0800-12-26\n"
    root = write_site(
        tmp_path / "site", {"content/events/first-event.yaml": None, "content/events/early.yaml": early}
    )
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_the_calendar_writes_a_year_before_1000_in_four_digits(tmp_path: Path) -> None:
    out = _first_millennium_site(tmp_path)
    calendar = icalendar.Calendar.from_ical((out / "data" / "events.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime.date(800, 12, 25)
    assert event["DTEND"].dt == datetime.date(800, 12, 27)
    assert event["DTSTAMP"].dt == datetime.datetime(5, 1, 2, tzinfo=datetime.UTC)
    assert event["CREATED"].dt == datetime.datetime(5, 1, 2, tzinfo=datetime.UTC)


def test_the_rss_feed_writes_a_year_before_1000_in_four_digits(tmp_path: Path) -> None:
    rss = (_first_millennium_site(tmp_path) / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Sun, 02 Jan 0005 00:00:00 +0000</pubDate>" in rss
    assert "<lastBuildDate>Sun, 02 Jan 0005 00:00:00 +0000</lastBuildDate>" in rss
    (entry,) = feedparser.parse(rss).entries
    assert entry.published_parsed[:3] == (5, 1, 2)


def test_every_other_output_writes_a_year_before_1000_in_four_digits(tmp_path: Path) -> None:
    out = _first_millennium_site(tmp_path)
    page = (out / "events" / "early" / "index.html").read_text(encoding="utf-8")
    assert '"startDate":"0800-12-25"' in page.replace(" ", "")
    assert '"datePublished":"0005-01-02"' in page.replace(" ", "")
    assert "<updated>0005-01-02T00:00:00+00:00</updated>" in (out / "atom.xml").read_text(encoding="utf-8")
    (event,) = json.loads((out / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert (event["date"], event["end"], event["added"]) == ("0800-12-25", "0800-12-26", "0005-01-02")
    assert ",0800-12-25," in (out / "data" / "events.csv").read_text(encoding="utf-8")
