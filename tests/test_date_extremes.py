"""Dates at the ends of the calendar (year 1, 31 December 9999) build like any other."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import event_yaml, run_build, write_site

CLAIM = """claims:
  - about: A figure
    values:
      - value: five
        according_to: One
        source: {url: https://example.org/1}
        as_of: 0001-01
        low: 5
      - value: six
        according_to: Two
        source: {url: https://example.org/2}
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
