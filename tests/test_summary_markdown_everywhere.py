"""A summary is shown on its event page and off it (the timeline, topic, actor and place pages,
the embed page, the feeds, events.json): what its markdown says holds wherever it is shown.
Read from a small built site whose summary uses the markdown in question."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from conftest import SUB_PATH_URL
from site_reader import BuiltSite, build_site, ids_of
from unit_helpers import EVENT_YAML, write_site

EVENT = "events/first-event/"
SUMMARY = (
    "summary: |\n  # Background\n\n  Officials agree. See [the sources](#sources-h).\n\n"
    "  ## The *details*\n\n  Every week.\n"
)
SHOWN_ON = ["", EVENT, "tags/diplomacy/", "actors/alpha/", "places/capital/", f"embed/{EVENT}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    event = EVENT_YAML.replace("summary: Officials agree to share river data every week.\n", SUMMARY)
    root = write_site(tmp_path_factory.mktemp("summary") / "site", {"content/events/first-event.yaml": event})
    return build_site(root, root.parent / "out", SUB_PATH_URL)


def _fragment_link_targets(site: BuiltSite, page_url: str, html: lxml.html.HtmlElement) -> list[str]:
    found = []
    for anchor in html.xpath("//a[normalize-space()='the sources']"):
        resolved = site.resolve(page_url, anchor.get("href"))
        assert resolved is not None, anchor.get("href")
        file, fragment = resolved
        found.append(f"{file.relative_to(site.out).as_posix()}#{fragment}")
    return found


@pytest.mark.parametrize("path", SHOWN_ON)
def test_a_fragment_link_in_a_summary_leads_to_that_part_of_the_event_page_wherever_shown(
    built: BuiltSite, path: str
) -> None:
    targets = _fragment_link_targets(built, SUB_PATH_URL + path, built.page(path))
    assert targets == [f"{EVENT}index.html#sources-h"]
    assert "sources-h" in ids_of(built.page(EVENT))


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_a_fragment_link_in_a_summary_leads_to_the_event_page_from_a_feed(
    built: BuiltSite, name: str
) -> None:
    summary = built.feed(name).entries[0].summary
    assert f'<a href="{SUB_PATH_URL}{EVENT}#sources-h">the sources</a>' in summary


def test_a_fragment_link_in_a_summary_leads_to_the_event_page_from_events_json(built: BuiltSite) -> None:
    data = json.loads(Path(built.out, "data", "events.json").read_text(encoding="utf-8"))
    (event,) = data["events"]
    html = lxml.html.fragment_fromstring(event["summary_html"], create_parent="div")
    assert _fragment_link_targets(built, SUB_PATH_URL, html) == [f"{EVENT}index.html#sources-h"]


@pytest.mark.parametrize("path", SHOWN_ON)
def test_a_heading_in_a_summary_leaves_every_page_showing_it_one_h1(built: BuiltSite, path: str) -> None:
    assert len(built.page(path).xpath("//h1")) == 1


@pytest.mark.parametrize("path", [EVENT, f"embed/{EVENT}"])
def test_on_the_event_s_own_page_summary_headings_fall_below_its_title_keeping_their_steps(
    built: BuiltSite, path: str
) -> None:
    summary = built.page(path).cssselect(".event-summary")[0]
    headings = [(element.tag, element.text_content()) for element in summary.xpath(".//h1|.//h2|.//h3")]
    assert headings == [("h2", "Background"), ("h3", "The details")]


@pytest.mark.parametrize("path", ["", "tags/diplomacy/", "actors/alpha/", "places/capital/"])
def test_in_a_card_summary_headings_are_bold_paragraphs_the_card_title_its_only_heading(
    built: BuiltSite, path: str
) -> None:
    card = built.page(path).cssselect("article.event")[0]
    assert [element.get("class") for element in card.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")] == [
        "event-title"
    ]
    bold = [strong.text_content() for strong in card.cssselect(".event-summary p > strong")]
    assert bold == ["Background", "The details"]
