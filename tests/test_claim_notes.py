"""A claim value's optional `note`: what readers must be told about the value that it does not
say itself (a month that rests on a fact from outside the documents, say). It is read and
checked as plain text; the value's table marks the value with a numbered marker linking to the
note, listed under the table; the chart's description points to it; events.json gives it.

The pages are those of tests/fixtures/minimal/ with tests/fixtures/claim-notes/ laid over it.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from conftest import FIXTURES, SUB_PATH_URL
from renderers import render_events_json, timeline_of
from site_reader import BuiltSite, build_site
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.records import Site
from chronicle.render.events_schema import DATASET_VERSION, events_schema

EVENT = "content/events/first-event.yaml"
HEAD = (
    "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
)
PLAIN = (
    "      - value: about 500\n        according_to: Monitors\n"
    "        source: {url: https://example.org/b, title: T}\n"
)
NOTE = "The month rests on the date of the inauguration."
PAGES = ["events/troops-sent-north/", "disputes/"]


def noted_site(root: Path, note_line: str) -> Path:
    """An event whose one claim has "around 600" with `note_line` under it, then "about 500"."""
    noted = (
        "      - value: around 600\n        according_to: Lawmakers\n"
        f"        source: {{url: https://example.org/a, title: T}}\n        {note_line}\n"
    )
    claim = "claims:\n  - about: Soldiers killed\n    values:\n"
    return write_site(root, {EVENT: HEAD + claim + noted + PLAIN})


def loaded(root: Path) -> Site:
    site = load_site(root).site
    assert site is not None
    return site


def errors(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("error")]


# --------------------------------------------------------------------------- reading


def test_a_values_note_is_read_and_a_value_without_one_has_none(tmp_path: Path) -> None:
    (claim,) = loaded(noted_site(tmp_path, f"note: {NOTE}")).events[0].claims
    assert [item.note for item in claim.values] == [NOTE, None]


def test_a_note_that_is_not_text_is_an_error_at_the_note(tmp_path: Path) -> None:
    ((where, message, _),) = errors(noted_site(tmp_path, "note: [one, two]"))
    assert where.startswith(f"{EVENT}:12:")
    assert message.startswith("error: 'note'")


def test_a_note_with_a_hidden_character_is_refused_at_the_character(tmp_path: Path) -> None:
    ((where, message, hint),) = errors(noted_site(tmp_path, "note: The month \u202erests on a fact."))
    assert where == f"{EVENT}:12:25"
    assert message == "error: 'note' contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert hint is not None and "hides or reorders" in hint


def test_a_misspelt_note_is_an_unknown_field_that_suggests_note(tmp_path: Path) -> None:
    assert errors(noted_site(tmp_path, f"notes: {NOTE}")) == [
        (f"{EVENT}:12:9", "error: unknown key 'notes' in claim value; did you mean 'note'?", None)
    ]


# --------------------------------------------------------------------------- the pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("claim-notes") / "site-folder"
    shutil.copytree(FIXTURES / "minimal", root)
    shutil.copytree(FIXTURES / "claim-notes", root, dirs_exist_ok=True)
    return build_site(root, root.parent / "out", SUB_PATH_URL)


def _wrap(site: BuiltSite, path: str, words: str) -> lxml.html.HtmlElement:
    """The claim's chart, table and notes on the page: the one whose table holds `words`."""
    (wrap,) = [wrap for wrap in site.page(path).cssselect(".table-wrap") if words in wrap.text_content()]
    return wrap


@pytest.mark.parametrize("path", PAGES)
def test_a_value_with_a_note_has_a_numbered_marker_linking_to_its_note_under_the_table(
    site: BuiltSite, path: str
) -> None:
    wrap = _wrap(site, path, "around 600")
    (marker,) = wrap.cssselect("td.claim-value .claim-note-ref a")
    (note,) = wrap.cssselect("table.claim + ol.claim-notes > li")
    assert marker.text_content() == "note 1"  # "note " is for screen readers only
    assert marker.get("href") == "#" + note.get("id")
    assert note.text_content().startswith("The month rests on the date of the inauguration")


@pytest.mark.parametrize("path", PAGES)
def test_only_the_value_with_a_note_is_marked(site: BuiltSite, path: str) -> None:
    rows = _wrap(site, path, "around 600").cssselect("table.claim tbody tr")
    assert [bool(row.cssselect(".claim-note-ref")) for row in rows] == [True, False]  # June, then November


@pytest.mark.parametrize("path", PAGES)
def test_the_charts_description_and_the_points_title_point_to_the_note(site: BuiltSite, path: str) -> None:
    svg = _wrap(site, path, "around 600").cssselect("figure.claim-chart svg")[0]
    noted = (
        "around 600, according to Capital intelligence service, as of June 2025 (see note 1 under the table)"
    )
    assert noted in svg.find("desc").text_content()
    titles = [point.find("title").text_content() for point in svg.cssselect("g.chart-point")]
    assert titles[0] == noted
    assert "note" not in titles[1]


@pytest.mark.parametrize("path", PAGES)
def test_a_wordings_note_is_shown_the_same_way_without_a_chart(site: BuiltSite, path: str) -> None:
    wrap = _wrap(site, path, "on the border")
    assert wrap.cssselect("figure") == []
    notes = [li.text_content() for li in wrap.cssselect("ol.claim-notes li")]
    assert notes == ["The briefing names no town."]


@pytest.mark.parametrize("path", PAGES)
def test_ids_stay_unique_though_every_table_has_a_note_1(site: BuiltSite, path: str) -> None:
    page = site.page(path)
    ids = Counter(
        element.get("id") for element in page.iter() if isinstance(element.tag, str) and element.get("id")
    )
    assert [name for name, count in ids.items() if count > 1] == []
    assert len(page.cssselect("ol.claim-notes li[id]")) == 2


# --------------------------------------------------------------------------- the data


def test_events_json_gives_each_values_note_or_null(tmp_path: Path) -> None:
    timeline = timeline_of(loaded(noted_site(tmp_path, f"note: {NOTE}")))
    document = json.loads(render_events_json(timeline))
    values = document["events"][0]["claims"][0]["values"]
    assert [item["note"] for item in values] == [NOTE, None]
    assert document["version"] == DATASET_VERSION == "1.8"
    jsonschema.Draft7Validator(events_schema(timeline)).validate(document)


def test_each_disputed_figure_heading_names_its_event(site: BuiltSite) -> None:
    # Many figures share a label ("Soldiers sent"): a heading list of labels alone cannot be told apart.
    page = site.page("disputes/")
    assert page.cssselect("section.dispute")
    for section in page.cssselect("section.dispute"):
        heading = section.get_element_by_id(section.get("aria-labelledby"))
        event = section.cssselect(".dispute-event a")[0].text_content()
        assert heading.text_content().endswith(f"({event})")
