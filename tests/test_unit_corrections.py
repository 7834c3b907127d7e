"""The corrections of a timeline: their order (newest first), the Corrections page in parts of
CORRECTIONS_PER_PAGE with links between them, where an event's page links each of its
corrections, and the weight of a full page."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import lxml.html
import pytest
from renderers import render_site, timeline_of
from unit_helpers import write_site

from chronicle.build.load import load_site
from chronicle.model.records import Change, FieldChange, Site
from chronicle.render.pages import CORRECTIONS_PER_PAGE, correction_pages, correction_parts

TITLE = "Officials of both countries meet in the capital to agree on sharing river data"
SUBJECT = "Correct the frequency: the minutes say the data is shared every day"
FIELDS = (
    FieldChange("summary", "changed"),
    FieldChange("sources", "changed", items_added=1, items_changed=1),
    FieldChange("date", "changed"),
    FieldChange("end", "added"),
)


def event_file(number: int) -> str:
    return (
        f"title: {TITLE} ({number})\ndate: 2025-01-{1 + number % 28:02d}\nsummary: S\n"
        "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-01\n"
    )


def change(day: int, sha: str, correction: bool = True) -> Change:
    return Change(datetime.date(2026, 2, day), sha, SUBJECT, correction, FIELDS if correction else None)


def site_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, histories: list[tuple[Change, ...]]
) -> tuple[Site, Path]:
    """A site of one event per history (in the site's order), each given that history."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    files: dict[str, str | bytes | None] = {"content/events/first-event.yaml": None}
    files |= {f"content/events/event-{n:03d}.yaml": event_file(n) for n in range(len(histories))}
    root = write_site(tmp_path / "site", files)
    site = load_site(root).site
    assert site is not None
    by_slug = {f"event-{n:03d}": history for n, history in enumerate(histories)}
    events = tuple(dataclasses.replace(event, history=by_slug[event.slug]) for event in site.events)
    return dataclasses.replace(site, events=events), root


def corrected_often(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, Path]:
    """50 events, each added on 1 February 2026 and corrected on each of the next five days."""
    history = (change(1, "add0000", correction=False), *(change(2 + n, f"c{n:06d}") for n in range(5)))
    return site_of(tmp_path, monkeypatch, [history] * 50)


def test_corrections_are_newest_first_then_later_events_and_later_commits_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    histories = [
        (
            change(1, "add0000", correction=False),
            change(2, "a000001"),
            change(9, "a000002"),
            change(9, "a000003"),
        ),
        (change(1, "add1111", correction=False), change(9, "b000001")),
    ]
    site, _ = site_of(tmp_path, monkeypatch, histories)
    listed = timeline_of(site).corrections
    assert [item.change.sha for item in listed] == ["b000001", "a000003", "a000002", "a000001"]
    assert [item.anchor for item in listed][:2] == [
        "correction-b000001-event-001",
        "correction-a000003-event-000",
    ]


def test_the_corrections_page_comes_in_parts_and_each_correction_knows_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = correction_parts(timeline_of(corrected_often(tmp_path, monkeypatch)[0]))
    assert [(part.path, len(part.items)) for part in parts] == [
        ("corrections/", CORRECTIONS_PER_PAGE),
        ("corrections/2/", CORRECTIONS_PER_PAGE),
        ("corrections/3/", 50),
    ]
    oldest = parts[-1].items[-1]
    where = correction_pages(parts)[oldest.event.slug][oldest.change.sha]
    assert where == f"corrections/3/#{oldest.anchor}"


def test_a_part_of_the_corrections_page_is_labelled_from_its_oldest_day_to_its_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = correction_parts(timeline_of(corrected_often(tmp_path, monkeypatch)[0]))
    # The list goes newest first; the span it covers reads as any span of days does.
    assert parts[0].label == "5–6 February 2026"


def test_a_middle_part_links_the_newer_and_the_older_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, root = corrected_often(tmp_path, monkeypatch)
    page = lxml.html.fromstring(render_site(site, root)["corrections/2/index.html"])
    links = {link.get("rel"): link.get("href") for link in page.cssselect("nav.prev-next a")}
    assert links == {"prev": "../../corrections/", "next": "../../corrections/3/"}
    assert len(page.cssselect("ol.corrections > li")) == CORRECTIONS_PER_PAGE


def test_a_full_corrections_page_stays_within_the_page_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = (change(1, "add0000", correction=False), *(change(2 + n, f"c{n:06d}") for n in range(5)))
    site, root = site_of(tmp_path, monkeypatch, [history] * 20)
    page = render_site(site, root)["corrections/index.html"]
    assert len(page) < 150_000  # README, "Reading the site": the budget of a page
    assert len(lxml.html.fromstring(page).xpath("//*")) < 3_000
