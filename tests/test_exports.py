"""The open data: events.json (checked against its JSON Schema), events.csv and timelinejs.json,
each parsed and compared with the event files (counts, ids, dates at their precision)."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, SUB_PATH_URL
from renderers import render_events_csv, render_events_json, render_timelinejs, timeline_of
from site_reader import BuiltSite
from unit_helpers import EVENT_YAML, run_build, write_site

from chronicle.build.load import load_site
from chronicle.model.chronology import Placement, placement
from chronicle.model.event_dates import parse_event_date
from chronicle.render.events_csv import CSV_COLUMNS
from chronicle.render.events_schema import DATASET_VERSION
from chronicle.render.timelinejs_export import export_notices

DATA_FILES = [
    "data/events.json",
    "data/events.csv",
    "data/events.schema.json",
    "data/timelinejs.json",
    "data/events.ics",
]


def event_files(root: Path) -> dict[str, dict[str, Any]]:
    """Event files with every scalar read as text, as the build reads them."""
    return {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for path in sorted((root / "content" / "events").glob("*.yaml"))
    }


def load_json(site: BuiltSite, name: str) -> Any:
    return json.loads((site.out / name).read_text(encoding="utf-8"))


def test_every_data_file_is_written(built_fixture_site: BuiltSite) -> None:
    assert [name for name in DATA_FILES if not (built_fixture_site.out / name).is_file()] == []


def test_events_json_follows_its_schema(built_fixture_site: BuiltSite) -> None:
    schema = load_json(built_fixture_site, "data/events.schema.json")
    jsonschema.Draft7Validator.check_schema(schema)
    document = load_json(built_fixture_site, "data/events.json")
    jsonschema.Draft7Validator(schema).validate(document)
    assert document["$schema"] == schema["$id"] == SUB_PATH_URL + "data/events.schema.json"
    assert (document["format"], document["version"]) == ("chronicle-events", DATASET_VERSION)


def placement_of(file: dict[str, str], slug: str) -> Placement:
    end = parse_event_date(file["end"]) if "end" in file else None
    return placement(parse_event_date(file["date"]), end, slug)


def test_events_json_has_every_event_with_its_dates_precision_sources_and_claims(
    built_fixture_site: BuiltSite,
) -> None:
    files = event_files(built_fixture_site.root)
    events = load_json(built_fixture_site, "data/events.json")["events"]
    assert sorted(event["id"] for event in events) == sorted(files)
    order = [event["id"] for event in events]
    assert order == sorted(order, key=lambda slug: placement_of(files[slug], slug))
    for event in events:
        file = files[event["id"]]
        circa = "~" if file.get("circa") == "true" else ""
        assert event["url"] == SUB_PATH_URL + f"events/{event['id']}/"
        assert event["title"] == file["title"]
        assert event["date"] == file["date"] + circa
        assert event["date_precision"] == parse_event_date(file["date"]).anchor.precision
        assert event["end"] == (file["end"] + circa if "end" in file else None)
        assert event["end_precision"] == (
            parse_event_date(file["end"]).anchor.precision if "end" in file else None
        )
        assert event["circa"] == (file.get("circa") == "true")
        assert event["summary"] == file["summary"].strip("\n")
        assert event["tags"] == file.get("tags", [])
        assert [actor["id"] for actor in event["actors"]] == file.get("actors", [])
        assert [place["id"] for place in event["places"]] == file.get("places", [])
        assert [source.get("quote") for source in event["sources"]] == [
            source.get("quote") for source in file["sources"]
        ]
        assert [source.get("article") for source in event["sources"]] == [
            source.get("article") for source in file["sources"]
        ]
        assert [
            (claim["about"], [value["value"] for value in claim["values"]]) for claim in event["claims"]
        ] == [
            (claim["about"], [value["value"] for value in claim["values"]])
            for claim in file.get("claims", [])
        ]
        assert event["added"] == file["added"]
        assert event["updated"] == file.get("updated")


def test_events_json_gives_the_earliest_and_latest_day_of_a_partial_date(
    built_fixture_site: BuiltSite,
) -> None:
    events = {event["id"]: event for event in load_json(built_fixture_site, "data/events.json")["events"]}
    report = events["water-board-report"]  # date: 2025-06
    assert (report["date"], report["date_precision"], report["earliest"], report["latest"]) == (
        "2025-06",
        "month",
        "2025-06-01",
        "2025-06-30",
    )
    construction = events["kostra-dam-construction"]  # 2021 to 2025-04-11
    assert (construction["earliest"], construction["latest"], construction["end_precision"]) == (
        "2021-01-01",
        "2025-04-11",
        "day",
    )


def test_events_json_lists_entities_and_articles(built_fixture_site: BuiltSite) -> None:
    document = load_json(built_fixture_site, "data/events.json")
    entities = yaml.load(
        (built_fixture_site.root / "content/entities.yaml").read_text(), Loader=yaml.BaseLoader
    )
    assert sorted(document["actors"]) == sorted(entities["actors"])
    assert sorted(document["places"]) == sorted(entities["places"])
    articles = sorted(path.stem for path in (built_fixture_site.root / "content/articles").glob("*.yaml"))
    assert sorted(document["articles"]) == articles


def test_events_csv_has_the_fixed_header_and_one_row_an_event(built_fixture_site: BuiltSite) -> None:
    files = event_files(built_fixture_site.root)
    text = (built_fixture_site.out / "data/events.csv").read_bytes().decode("utf-8")
    assert text.split("\r\n", 1)[0] == ",".join(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    events = load_json(built_fixture_site, "data/events.json")["events"]
    assert [row["event_id"] for row in rows] == [event["id"] for event in events]
    for row in rows:
        file = files[row["event_id"]]
        date = parse_event_date(file["date"]).anchor
        circa = "~" if file.get("circa") == "true" else ""
        assert (row["date"], row["date_precision"], row["event_date"], row["year"]) == (
            file["date"] + circa,
            date.precision,
            date.first_day().isoformat(),
            str(date.year),
        )
        assert row["end_date"] == file.get("end", "")
        assert row["title"] == file["title"]
        assert (row["actor_ids"].split("; ") if row["actor_ids"] else []) == file.get("actors", [])
        assert row["tags"] == "; ".join(file.get("tags", []))
        quotes = [source["quote"] for source in file["sources"] if "quote" in source]
        assert row["quotes"] == "\n".join(quotes)


def test_timelinejs_export_keeps_every_event_its_id_and_the_precision_of_its_dates(
    built_fixture_site: BuiltSite,
) -> None:
    files = event_files(built_fixture_site.root)
    document = load_json(built_fixture_site, "data/timelinejs.json")
    assert html.unescape(document["title"]["text"]["headline"]) == "The Selka dam dispute: a sourced timeline"
    slides = document["events"]
    assert sorted(slide["unique_id"] for slide in slides) == sorted(files)
    for slide in slides:
        file = files[slide["unique_id"]]
        assert html.unescape(slide["text"]["headline"]) == file["title"]
        for key, field in (("start_date", "date"), ("end_date", "end")):
            if field not in file:
                assert key not in slide
                continue
            date = parse_event_date(file[field]).anchor
            expected = {"year": date.year, "month": date.month, "day": date.day}
            assert slide[key] == {name: value for name, value in expected.items() if value is not None}
            assert all(isinstance(value, int) for value in slide[key].values())
        assert f'href="{SUB_PATH_URL}events/{slide["unique_id"]}/"' in slide["text"]["text"]
        assert "media" in slide  # every fixture event has a source: its quote or its URL


def test_timelinejs_shows_the_date_label_and_the_first_quote(built_fixture_site: BuiltSite) -> None:
    slides = {
        slide["unique_id"]: slide for slide in load_json(built_fixture_site, "data/timelinejs.json")["events"]
    }
    assert slides["kostra-planning-begins"]["display_date"] == "c. 2011"
    assert slides["kostra-planning-begins"]["media"]["url"] == (
        "<blockquote>Construction of the dam began in 2021 after a decade of planning</blockquote>"
    )
    letter = slides["marenzia-writes-to-un"]["media"]  # its original is dead: the archived copy
    archived = "https://web.archive.org/web/20250705120000/https://example.org/marenzia/letter-to-the-secretary-general"
    assert letter["url"] == letter["link"] == archived
    assert letter["caption"] == "[Letter to the Secretary-General on the Selka River]"  # the editors' title


def test_exports_are_deterministic_and_do_not_depend_on_the_clock(fixture_site_root: Path) -> None:
    site = load_site(fixture_site_root).site
    assert site is not None
    first, second = timeline_of(site), timeline_of(site)
    for render in (render_events_json, render_events_csv, render_timelinejs):
        assert render(first) == render(second)


@pytest.mark.parametrize("name", ["events.json", "events.csv", "timelinejs.json", "events.ics"])
def test_the_about_page_of_the_real_site_links_the_data(built_real_site: BuiltSite, name: str) -> None:
    about = built_real_site.page("pages/about/")
    links = [link for link in about.xpath("//main//a/@href") if link.endswith(name)]
    assert links == [f"../../data/{name}"]
    assert (built_real_site.out / "data" / name).is_file()


def test_the_real_site_dataset_has_every_event(built_real_site: BuiltSite) -> None:
    document = load_json(built_real_site, "data/events.json")
    slugs = sorted(path.stem for path in (REPO / "content/events").glob("*.yaml"))
    assert sorted(event["id"] for event in document["events"]) == slugs
    schema = load_json(built_real_site, "data/events.schema.json")
    jsonschema.Draft7Validator(schema).validate(document)


@pytest.mark.parametrize("path", ["", "events/water-board-report/", "tags/dam/", "pages/about/"])
def test_every_page_footer_links_the_data(built_fixture_site: BuiltSite, path: str) -> None:
    footer_links = built_fixture_site.page(path).xpath("//footer//a/@href")
    url = built_fixture_site.base_url + path
    for name in ("events.json", "events.csv", "timelinejs.json", "events.ics"):
        (href,) = [link for link in footer_links if link.endswith("data/" + name)]
        resolved = built_fixture_site.resolve(url, href)
        assert resolved is not None and resolved[0].is_file(), (path, href)


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_a_csv_cell_that_would_start_a_formula_begins_with_an_apostrophe(cell: str) -> None:
    from chronicle.render.events_csv import neutralised

    assert neutralised(cell) == "'" + cell
    assert neutralised("plain " + cell) == "plain " + cell


def test_the_builds_notice_of_a_date_timelinejs_cannot_hold_points_at_that_date(tmp_path: Path) -> None:
    event = EVENT_YAML.replace("date: 2025-06-03", "date: 2025-06~")
    root = write_site(tmp_path / "site", {"content/events/first-event.yaml": event})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert "content/events/first-event.yaml:2:7: notice: data/timelinejs.json:" in result.stderr


def test_the_build_notices_once_the_dates_timelinejs_cannot_hold(built_fixture_site: BuiltSite) -> None:
    site = load_site(built_fixture_site.root).site
    assert site is not None
    notices = export_notices(site)
    assert [(str(d.mark), d.severity, d.message.split(": each", 1)[0]) for d in notices] == [
        (
            "content/events/kostra-planning-begins.yaml:1:1",
            "notice",
            "data/timelinejs.json: this event (and 4 other events) has a date TimelineJS cannot "
            "hold exactly (a range of days, approximate or uncertain)",
        )
    ]
