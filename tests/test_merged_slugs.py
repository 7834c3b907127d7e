"""`merged_slugs`: an entry removed because another now says what it said keeps its address,
a page that says it was merged (not that it moved) and sends readers on; the surviving
event keeps its own id in the feeds. Old slugs of both kinds are checked together."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import lxml.html
import pytest
from unit_helpers import event_yaml, reported, run_build, write_site

FIXTURE = Path(__file__).parent / "fixtures" / "former-slugs" / "merged-event.yaml"
BASE = "https://example.org/sub/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("merged") / "site"
    write_site(
        root, {"content/events/first-event.yaml": None, "content/events/kept-event.yaml": FIXTURE.read_text()}
    )
    out = root.parent / "out"
    result = run_build("build", "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def page(out: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / path / "index.html").read_bytes())


def test_a_merged_entry_address_says_it_was_merged_and_sends_readers_on(built: Path) -> None:
    html = page(built, "events/2025-06-02-flag-raised/")
    (refresh,) = html.xpath('//meta[@http-equiv="refresh"]/@content')
    assert refresh == "0; url=../../events/kept-event/"
    assert html.xpath("string(//h1)") == "This entry was merged into another"
    assert "has moved" not in html.text_content()
    assert html.xpath('//a[@id="moved-to"]/@href') == ["../../events/kept-event/"]


def test_a_renamed_entry_address_still_says_it_moved(built: Path) -> None:
    html = page(built, "events/2025-06-01-first-name/")
    assert html.xpath("string(//h1)") == "This entry has moved"


def test_a_merged_entry_embed_address_says_it_was_merged(built: Path) -> None:
    html = page(built, "embed/events/2025-06-02-flag-raised/")
    assert "merged into another" in html.text_content()
    assert html.xpath('//a[@id="moved-to"]/@href') == ["../../../embed/events/kept-event/"]


def test_the_feeds_id_is_the_first_former_address_not_a_merged_one(built: Path) -> None:
    feed = feedparser.parse((built / "atom.xml").read_bytes())
    (entry,) = feed.entries
    assert entry.id == BASE + "events/2025-06-01-first-name/"


def test_events_json_gives_the_merged_slugs(built: Path) -> None:
    (event,) = json.loads((built / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert event["merged_slugs"] == ["2025-06-02-flag-raised"]


def test_an_event_own_slug_is_not_a_merged_one(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {"content/events/first-event.yaml": event_yaml() + "merged_slugs: [first-event]\n"}
    )
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/first-event.yaml:6:16"
    assert message == "error: 'first-event' is this event's own slug, not one of an entry merged into it"


def test_a_slug_cannot_be_both_former_and_merged(tmp_path: Path) -> None:
    lists = "former_slugs: [old-name]\nmerged_slugs: [old-name]\n"
    root = write_site(tmp_path, {"content/events/first-event.yaml": event_yaml() + lists})
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/first-event.yaml:7:16"
    assert message.startswith("error: 'old-name' is also in this event's former_slugs")


def test_two_events_cannot_share_a_merged_slug(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/a-event.yaml": event_yaml() + "merged_slugs: [old-name]\n",
            "content/events/b-event.yaml": event_yaml() + "former_slugs: [old-name]\n",
        },
    )
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/b-event.yaml:6:16"
    assert message.startswith("error: 'old-name' is also in the merged_slugs of content/events/a-event.yaml")


def test_a_relation_naming_a_merged_slug_is_told_where_it_went(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/kept.yaml": event_yaml("2025-06") + "merged_slugs: [old-name]\n",
            "content/events/later.yaml": event_yaml("2025-07") + "after: [old-name]\n",
        },
    )
    ((_where, _message, hint),) = reported(root)
    assert hint == "that entry was merged into 'kept' (its merged_slugs); name 'kept'"


def test_a_link_to_a_merged_entry_address_is_a_link_inside_the_site(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/kept.yaml": event_yaml("2025-06") + "merged_slugs: [old-name]\n",
            "content/events/later.yaml": event_yaml("2025-07").replace(
                "summary: S", "summary: See [the flag](../old-name/)."
            ),
        },
    )
    assert reported(root) == []
