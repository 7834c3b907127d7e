"""Actors and places that no event lists (in `actors:`, `places:`): their pages and the indexes
say only that, since events may still name them in their text; `check` and `build` warn at each.

The unit site (tests/unit_helpers.py) lists `alpha` and `capital` on its one event, not `bravo`.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from renderers import render_site
from unit_helpers import EVENT_YAML, run_build, write_site

from chronicle.build.load import load_site
from chronicle.build.unlisted_entities import unlisted_entities
from chronicle.model.records import Site

EVENT = "content/events/first-event.yaml"


def site_of(root: Path) -> Site:
    site = load_site(root).site
    assert site is not None
    return site


def text_of(files: dict[str, bytes], path: str) -> str:
    return " ".join(lxml.html.fromstring(files[path]).cssselect("main")[0].text_content().split())


def test_check_warns_at_an_actor_no_event_lists_with_a_hint(tmp_path: Path) -> None:
    result = run_build("check", "--root", str(write_site(tmp_path)))
    assert result.returncode == 0, result.stdout
    assert (
        "content/entities.yaml:3:3: warning: actor 'bravo' (Bravo) is listed in no event's `actors`: "
        "its page lists no event, and says that no event lists it among its actors"
    ) in result.stderr
    assert (
        "hint: add 'bravo' to `actors` of the events that concern it, or remove it from this file"
    ) in result.stderr


def test_the_build_warns_of_it_too(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout
    assert "content/entities.yaml:3:3: warning: actor 'bravo' (Bravo)" in result.stderr


def test_a_place_no_event_lists_is_warned_about_at_its_id(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace("places: [capital]\n", "")})
    found = [(str(item.mark), item.message.split(":")[0]) for item in unlisted_entities(site_of(root))]
    assert found == [
        ("content/entities.yaml:3:3", "actor 'bravo' (Bravo) is listed in no event's `actors`"),
        ("content/entities.yaml:5:3", "place 'capital' (Capital City) is listed in no event's `places`"),
    ]


def test_entities_that_events_list_are_not_warned_about(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace("actors: [alpha]", "actors: [alpha, bravo]")})
    assert unlisted_entities(site_of(root)) == ()


def test_an_actor_page_with_no_event_says_no_event_lists_it_among_its_actors(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    files = render_site(site_of(root), root)
    text = text_of(files, "actors/bravo/index.html")
    assert "No event lists Bravo among its actors yet." in text
    assert "names" not in text
    head = lxml.html.fromstring(files["actors/bravo/index.html"]).cssselect('meta[name="description"]')
    assert head[0].get("content") == "No event lists Bravo among its actors yet."


def test_a_place_page_with_no_event_says_no_event_lists_it_among_its_places(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace("places: [capital]\n", "")})
    text = text_of(render_site(site_of(root), root), "places/capital/index.html")
    assert "No event lists Capital City among its places yet." in text


def test_the_actors_index_counts_the_events_that_list_each_and_says_when_none_does(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    text = text_of(render_site(site_of(root), root), "actors/index.html")
    assert "with the number of events that list it among their actors" in text
    assert "Alpha 1 event" in text
    assert "Bravo no event lists it yet" in text
