"""An event known only to be on or before a date is placed by that bound, and its card and
page say how: at its latest possible day, or at the start of its latest possible month or
year (an event "on or before June 2025" is placed from 1 June)."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_reader import build_site
from unit_helpers import EVENT_YAML, write_site


@pytest.mark.parametrize(
    ("date", "note"),
    [
        ('"[..2025-06-03]"', "(placed at its latest possible date)"),
        ('"[..2025-06]"', "(placed at the start of its latest possible month)"),
        ('"[..2025]"', "(placed at the start of its latest possible year)"),
        ("2025-06-03", None),
        ('"[2025-06-01..2025-06-03]"', None),
    ],
)
def test_the_card_and_the_page_say_how_an_event_is_placed_by_its_bound(
    tmp_path: Path, date: str, note: str | None
) -> None:
    event = EVENT_YAML.replace("date: 2025-06-03", f"date: {date}")
    root = write_site(tmp_path / "site", {"content/events/first-event.yaml": event})
    built = build_site(root, tmp_path / "out", "https://example.org/t/")
    for page, selector in (("", "article.event p.event-date"), ("events/first-event/", "p.event-date")):
        shown = [element.text_content() for element in built.page(page).cssselect(f"{selector} .placement")]
        assert shown == ([note] if note else [])
