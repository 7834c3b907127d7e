"""An event's `date_basis` (how its date is known) is shown under the date on its own page,
and nowhere that shows the summary: not on cards, not in the feeds."""

from __future__ import annotations

from pathlib import Path

from site_reader import build_site
from unit_helpers import EVENT_YAML, reported, write_site

BASIS = "The report gives no day; its month rests on the date of the inauguration."


def test_the_date_basis_is_on_the_events_page_only(tmp_path: Path) -> None:
    event = EVENT_YAML.replace("tags:", f"date_basis: {BASIS}\ntags:")
    root = write_site(tmp_path / "site", {"content/events/first-event.yaml": event})
    built = build_site(root, tmp_path / "out", "https://example.org/t/")
    shown = built.page("events/first-event/").cssselect("header.event-head p.date-basis")
    assert [element.text_content() for element in shown] == [f"How the date is known: {BASIS}"]
    assert BASIS not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert BASIS not in (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    assert BASIS not in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")


def test_a_date_basis_too_long_says_where_it_is_read(tmp_path: Path) -> None:
    event = EVENT_YAML.replace("tags:", f"date_basis: {'x' * 2_001}\ntags:")
    ((_, message, hint),) = reported(write_site(tmp_path, {"content/events/first-event.yaml": event}))
    assert message.startswith("error: 'date_basis' is 2,001 characters long")
    assert hint is not None and hint.startswith("it is read under the date on the event's page")
