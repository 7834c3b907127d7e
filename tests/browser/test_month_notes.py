"""The timeline's month notes under a filter: a heading's note on its events that may have
happened outside its period ("2 events here may have happened outside 2024: each card gives its
date.") stays while the heading does, counting only the cards the filter leaves shown, and
goes only when none of them is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html

from .conftest import Opener, ServedSite
from .test_timeline import wait_until_filtered

NOTES = """() => Array.from(document.querySelectorAll("#timeline .month-note")).map(note => {
  const month = note.closest("section.month");
  const outside = (note.getAttribute("data-outside") || "").split(" ");
  const shown = Array.from(month.querySelectorAll("article.event"))
    .filter(card => card.offsetParent !== null && outside.includes(card.id));
  return {month: month.id, monthShown: month.offsetParent !== null, noteShown: note.offsetParent !== null,
          text: note.textContent.trim(), period: note.getAttribute("data-period"), shown: shown.length};
})"""


def said(count: int, period: str) -> str:
    if count == 1:
        return f"1 event here may have happened outside {period}: its card gives its date."
    return f"{count} events here may have happened outside {period}: each card gives its date."


def notes_of(page: Any) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = page.evaluate(NOTES)
    return notes


def assert_true_of_what_is_shown(notes: list[dict[str, Any]]) -> None:
    """Each note of a shown month is shown while a card it counts is, and counts exactly those."""
    for note in notes:
        if not note["monthShown"]:
            continue
        assert note["noteShown"] == (note["shown"] > 0), note
        if note["shown"]:
            assert note["text"] == said(note["shown"], note["period"]), note


@dataclass
class Month:
    """A month of the timeline page whose heading has a note: its year, the topics of each
    event its note counts, and those of its other events."""

    year: str
    outside: list[list[str]]
    inside: list[list[str]]


def months_of_the_page(site: ServedSite) -> list[Month]:
    page = lxml.html.fromstring((site.out / "index.html").read_bytes())
    months = []
    for note in page.cssselect("#timeline .month-note[data-outside]"):
        section = note.getparent()
        month = Month(section.getparent().get("id").removeprefix("y"), [], [])
        for card in section.cssselect("article.event"):
            counted = card.get("id") in note.get("data-outside").split()
            (month.outside if counted else month.inside).append(card.get("data-tags").split())
        months.append(month)
    return months


def filtered(opener: Opener, query: str) -> Any:
    page = opener.open(query)
    wait_until_filtered(page)
    return page


def test_a_year_filter_keeps_the_note_of_each_month_it_shows(opener: Opener, served_site: ServedSite) -> None:
    assert all(note["noteShown"] for note in notes_of(opener.open("")))
    notes = notes_of(filtered(opener, f"?year={months_of_the_page(served_site)[0].year}"))
    assert_true_of_what_is_shown(notes)
    assert any(note["monthShown"] and note["noteShown"] for note in notes), "the finding: hidden under a year"


def test_a_topic_filter_counts_only_the_cards_it_shows(opener: Opener, served_site: ServedSite) -> None:
    # A topic some but not all of a note's events have: the note's count must drop.
    topic = next(
        tag
        for month in months_of_the_page(served_site)
        for tag in sorted({tag for tags in month.outside for tag in tags})
        if 0 < sum(tag in tags for tags in month.outside) < len(month.outside)
    )
    before = {note["month"]: note["shown"] for note in notes_of(opener.open(""))}
    page = filtered(opener, f"?tag={topic}")
    notes = notes_of(page)
    assert_true_of_what_is_shown(notes)
    shown = [note for note in notes if note["monthShown"]]
    assert any(0 < note["shown"] < before[note["month"]] for note in shown), "a note counts fewer events"

    # Cleared, every note says what it said before the filter.
    page.locator("#finder-clear").click()
    page.wait_for_function("() => location.search === ''")
    cleared = notes_of(page)
    assert [note["text"] for note in cleared] == [note["text"] for note in notes_of(opener.open(""))]
    assert all(note["noteShown"] for note in cleared)


def test_a_note_goes_when_the_filter_shows_none_of_its_events_but_the_month_stays(
    opener: Opener, served_site: ServedSite
) -> None:
    # A topic one of the month's other events has and none of those its note counts.
    topic = next(
        tag
        for month in months_of_the_page(served_site)
        for tag in sorted({tag for tags in month.inside for tag in tags})
        if not any(tag in tags for tags in month.outside)
    )
    notes = notes_of(filtered(opener, f"?tag={topic}"))
    assert_true_of_what_is_shown(notes)
    assert any(note["monthShown"] and not note["noteShown"] for note in notes)
