"""An entity's aliases are in the structured data of its own page, not of every event page
listing it (red team T10: fifty entities of fifty aliases each weighed 1 MB per event page)."""

from __future__ import annotations

import json
from typing import Any

import lxml.html
from site_reader import BuiltSite


def json_ld(page: lxml.html.HtmlElement) -> Any:
    (script,) = page.cssselect('script[type="application/ld+json"]')
    return json.loads(script.text)


def test_an_event_page_names_its_actors_without_their_aliases(built_fixture_site: BuiltSite) -> None:
    page = json_ld(built_fixture_site.page("events/gauge-readings-shared/"))
    event = page.get("mainEntity", page)
    assert [actor["name"] for actor in event["about"]] == ["Veldoria", "Marenzia"]
    assert all("alternateName" not in actor for actor in event["about"])


def test_an_actors_own_page_gives_its_aliases(built_fixture_site: BuiltSite) -> None:
    about = json_ld(built_fixture_site.page("actors/veldoria/"))["about"]
    assert (about["name"], about["alternateName"]) == ("Veldoria", ["Republic of Veldoria"])
