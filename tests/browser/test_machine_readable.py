"""What machines read in every page: title, description, canonical URL, Open Graph, <time> at the
known precision, schema.org JSON-LD (Claims with their appearance). Read from the built files."""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import pytest

from chronicle.render.search.words import fold

from .conftest import ServedSite

DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def document(site: ServedSite, path: str) -> Any:
    file = site.out / (path if path.endswith(".html") else path + "index.html")
    return lxml.html.fromstring(file.read_bytes())


def json_ld(page: Any) -> list[dict[str, Any]]:
    return [json.loads(script.text) for script in page.cssselect('script[type="application/ld+json"]')]


def test_every_page_has_title_description_canonical_and_open_graph(served_site: ServedSite) -> None:
    titles = {}
    for path in served_site.html_paths():
        if path.startswith("embed/"):
            continue  # not for search engines: tests/test_embeds.py
        page = document(served_site, path)
        title = page.findtext(".//title").strip()
        assert title, path
        description = page.cssselect('meta[name="description"]')[0].get("content")
        assert description.strip(), path
        if path == "404.html":
            assert not page.cssselect('link[rel="canonical"]')
            continue
        titles[path] = title
        canonical = page.cssselect('link[rel="canonical"]')[0].get("href")
        assert canonical == served_site.base_url + path
        og = {meta.get("property"): meta.get("content") for meta in page.cssselect("meta[property]")}
        assert og["og:url"] == canonical
        assert og["og:title"] and og["og:description"] and og["og:type"] and og["og:site_name"]
    assert len(set(titles.values())) == len(titles), "each page has its own title"


def test_an_old_address_names_the_page_it_leads_to_as_canonical(served_site: ServedSite) -> None:
    moved = [path for path in served_site.moved_paths() if not path.startswith("embed/")]
    assert moved, "the timeline renamed entries: their old addresses are pages"
    for path in moved:
        page = document(served_site, path)
        (refresh,) = page.cssselect('meta[http-equiv="refresh"]')
        target = refresh.get("content").split("url=", 1)[1].lstrip("./")
        assert page.cssselect('link[rel="canonical"]')[0].get("href") == served_site.base_url + target
        assert page.cssselect('meta[name="robots"]')[0].get("content") == "noindex"


def test_time_elements_carry_only_the_known_precision(served_site: ServedSite) -> None:
    for path in served_site.html_paths():
        for time in document(served_site, path).iter("time"):
            value = time.get("datetime")
            assert DATETIME.match(value), (path, value)
            text = time.text_content()
            if len(value) == 4:  # a year only: no day or month may be shown
                assert not re.search(
                    r"\b(January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b",
                    text,
                ), (path, text)


def test_every_page_but_404_has_valid_json_ld(served_site: ServedSite) -> None:
    for path in served_site.html_paths():
        page = document(served_site, path)
        data = json_ld(page)
        if path in ("404.html", "tags/", "actors/", "places/", "sources/") or path.startswith("embed/"):
            continue
        assert data and all(item["@context"] == "https://schema.org" for item in data), path


def test_disputed_figures_are_schema_org_claims_with_their_appearance(served_site: ServedSite) -> None:
    page = document(served_site, "disputes/")
    (data,) = json_ld(page)
    claims = data["hasPart"]
    rows = page.cssselect("table.claim tbody tr")
    assert len(claims) == len(rows) > 0
    for claim in claims:
        assert claim["@type"] == "Claim"
        assert claim["appearance"]["@type"] == "CreativeWork" and claim["appearance"]["name"]
        assert claim["appearance"]["url"].startswith(("http://", "https://"))
        assert claim["url"].startswith(served_site.base_url + "events/")


def test_event_page_json_ld_describes_the_event_its_citations_and_claims(served_site: ServedSite) -> None:
    path = served_site.kinds["event"]
    page = document(served_site, path)
    (data,) = json_ld(page)
    event = data["mainEntity"]
    assert event["@type"] == "Event"
    assert event["name"] == page.cssselect("h1")[0].text_content().strip()
    assert event["startDate"] == page.cssselect(".event-head time")[0].get("datetime")
    assert len(data["citation"]) == len(page.cssselect("ol.sources > li"))
    # The disputed figures' rows; wordings (section#wordings) are no Claims of the structured data.
    figures = page.cssselect("section#disputed table.claim tbody tr")
    assert [c["@type"] for c in data["hasPart"]] == ["Claim"] * len(figures)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kim’s “Unconditional” Support", 'kim\'s "unconditional" support'),
        ("North  Korea\u2013Russia", "north korea-russia"),
        ("Sérgei Shoigu", "sergei shoigu"),
        ("Straße", "strasse"),
        ("김정은", "김정은"),
    ],
)
def test_search_folds_text_as_the_page_script_does(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_index_holds_every_event_in_timeline_order(served_site: ServedSite) -> None:
    """The page's script matches the index's n-th event with the timeline's n-th card."""
    index = served_site.search_index
    ids = [article.get("id") for article in document(served_site, "").cssselect("#timeline article.event")]
    assert index.ids == ids
    assert all(key == fold(key) for keys in index.keys for key in keys)
