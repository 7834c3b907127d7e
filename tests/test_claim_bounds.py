"""A claim value's `bound`: "at least 600" is a floor, not a figure of 600. It is read and
checked, hinted at where a value's words bound its number without it, and given in the data
(events.json's `bound`, events.csv's `disputed_figures`), so that a floor is told from an
estimate of the same number."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
from renderers import render_events_csv, render_events_json, timeline_of
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.records import Site
from chronicle.render.events_schema import DATASET_VERSION, events_schema

EVENT = "content/events/first-event.yaml"
HEAD = (
    "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
)
AROUND = (
    "      - value: around 600\n        according_to: Lawmakers\n"
    "        source: {url: https://example.org/a, title: T}\n"
    "        as_of: 2025-06\n        low: 600\n        unit: soldiers\n"
)


def value(words: str, extra: str = "low: 600\n") -> str:
    lines = "".join(f"        {line}\n" for line in extra.splitlines())
    return (
        f"      - value: {words}\n        according_to: Estimates\n"
        f"        source: {{url: https://example.org/b, title: T}}\n{lines}"
    )


def site_with(root: Path, *values: str, kind: str = "") -> Path:
    """An event whose one claim has "around 600" (June 2025), then `values`."""
    claim = "claims:\n  - about: Soldiers killed\n" + kind + "    values:\n"
    return write_site(root, {EVENT: HEAD + claim + AROUND + "".join(values)})


def loaded(root: Path) -> Site:
    site = load_site(root).site
    assert site is not None
    return site


def test_a_floor_and_a_ceiling_are_read(tmp_path: Path) -> None:
    root = site_with(
        tmp_path,
        value("at least 600", "as_of: 2026-01\nlow: 600\nbound: at-least"),
        value("up to 2,000", "low: 2000\nbound: at-most"),
    )
    (claim,) = loaded(root).events[0].claims
    assert [(item.value, item.bound) for item in claim.values] == [
        ("around 600", None),
        ("at least 600", "at-least"),
        ("up to 2,000", "at-most"),
    ]


def test_a_bound_on_a_range_is_an_error_at_bound(tmp_path: Path) -> None:
    root = site_with(tmp_path, value("between 600 and 900", "low: 600\nhigh: 900\nbound: at-least"))
    assert reported(root) == [
        (
            f"{EVENT}:20:16",
            "error: 'bound' is for one number, not a range: a range gives both its ends",
            "for a floor or a ceiling, give its number in 'low' alone, without 'high'",
        )
    ]


def test_a_bound_without_low_is_an_error(tmp_path: Path) -> None:
    root = site_with(tmp_path, value("at least six hundred", "bound: at-least"))
    assert [(where, message) for where, message, _ in reported(root)] == [
        (f"{EVENT}:18:16", "error: 'bound' needs 'low'")
    ]


def test_an_unknown_bound_is_an_error_with_the_closest_one(tmp_path: Path) -> None:
    ((where, message, hint),) = reported(
        site_with(tmp_path, value("at least 600", "low: 600\nbound: at_least"))
    )
    assert (where, message, hint) == (
        f"{EVENT}:19:16",
        "error: 'bound' must be one of at-least, at-most, not 'at_least'",
        "did you mean 'at-least'?",
    )


def test_words_that_bound_a_number_without_bound_are_warned_about_at_the_value(
    tmp_path: Path,
) -> None:
    assert reported(site_with(tmp_path, value("at least 600"))) == [
        (
            f"{EVENT}:15:16",
            "warning: 'at least 600' gives its number as a floor (\"at least\"), but the value has no "
            "'bound': its chart draws it as the figure itself, and the data cannot tell it from an estimate",
            "add `bound: at-least` beside `low`, so that the chart draws it as a floor and the data says so",
        )
    ]


def test_a_ceiling_in_words_is_hinted_as_at_most(tmp_path: Path) -> None:
    ((_, message, hint),) = reported(site_with(tmp_path, value("no more than 600 soldiers")))
    assert 'as a ceiling ("no more than")' in message
    assert hint is not None and hint.startswith("add `bound: at-most`")


def test_no_hint_for_an_estimate_a_range_a_bounded_value_or_words_both_ways(
    tmp_path: Path,
) -> None:
    root = site_with(
        tmp_path,
        value("roughly 2,000", "low: 2000"),
        value("over 500 and up to 900", "low: 500"),
        value("more than 3,000 to 5,000", "low: 3000\nhigh: 5000"),
        value("more than 10,000", "low: 10000\nbound: at-least"),
        value("over the border", "low: 5"),
    )
    assert reported(root) == []


def test_a_wording_gets_no_hint_but_its_bound_is_warned_about(tmp_path: Path) -> None:
    root = site_with(tmp_path, value("at least 600", "low: 600\nbound: at-least"), kind="    kind: wording\n")
    messages = [message for _, message, _ in reported(root)]
    assert "warning: 'bound' is not shown for a claim of kind wording, which has no figure" in messages
    assert not any("gives its number as a floor" in message for message in messages)


def test_events_json_tells_a_floor_from_an_estimate(tmp_path: Path) -> None:
    timeline = timeline_of(
        loaded(site_with(tmp_path, value("at least 600", "as_of: 2026-01\nlow: 600\nbound: at-least")))
    )
    document = json.loads(render_events_json(timeline))
    values = document["events"][0]["claims"][0]["values"]
    assert [(item["value"], item["low"], item["bound"]) for item in values] == [
        ("around 600", 600, None),
        ("at least 600", 600, "at-least"),
    ]
    assert document["version"] == DATASET_VERSION
    jsonschema.Draft7Validator(events_schema(timeline)).validate(document)


def test_events_csv_gives_each_figure_with_its_bound(tmp_path: Path) -> None:
    root = site_with(
        tmp_path,
        value("at least 600", "as_of: 2026-01\nlow: 600\nbound: at-least\nunit: soldiers"),
        value("2,000 to 3,000", "low: 2000\nhigh: 3000"),
        value("many", ""),
    )
    text = render_events_csv(timeline_of(loaded(root))).decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["disputed_figures"] == "600 soldiers; at least 600 soldiers; 2000 to 3000; "


def test_events_csv_writes_each_figure_as_written_never_in_scientific_notation(tmp_path: Path) -> None:
    root = site_with(
        tmp_path,
        value("a trace", "low: 0.00001\nunit: per cent"),
        value("between 0.0000025 and 2.5", "low: 0.0000025\nhigh: 2.5"),
        value("a hundred thousand billion", "low: 100000000000000"),
    )
    text = render_events_csv(timeline_of(loaded(root))).decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["disputed_figures"] == "600 soldiers; 0.00001 per cent; 0.0000025 to 2.5; 100000000000000"
