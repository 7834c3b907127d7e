"""An event's old address in Chromium: with scripts, the reader lands on the event's page at
the part the link named; without them, on the event's page; Back does not lead to the old
address again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Opener, ServedSite, Watch, serve_built

FIXTURE_SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
EVENT = "events/kostra-dam-construction/"
OLD = "events/2021-kostra-dam/"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("moved") / "site"
    shutil.copytree(FIXTURE_SITE, root)
    event = root / "content" / "events" / "kostra-dam-construction.yaml"
    event.write_text(
        event.read_text(encoding="utf-8") + "former_slugs: [2021-kostra-dam]\n", encoding="utf-8"
    )
    out = root.parent / "out"
    out.mkdir()
    with serve_built(root, out) as site:
        yield site


@pytest.fixture
def moved_opener(browser: Any, renamed_site: ServedSite) -> Iterator[Opener]:
    opener = Opener(browser, renamed_site, Watch(renamed_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


def test_an_old_address_leads_to_the_part_of_the_event_page_it_named(
    moved_opener: Opener, renamed_site: ServedSite
) -> None:
    page = moved_opener.open(OLD + "#sources-h")
    page.wait_for_url(renamed_site.url(EVENT) + "#sources-h")
    assert page.locator("#event-h").inner_text() == "Construction of the Kostra Dam"


def test_without_scripts_an_old_address_leads_to_the_event_page(
    moved_opener: Opener, renamed_site: ServedSite
) -> None:
    page = moved_opener.open(OLD, java_script_enabled=False)
    page.wait_for_url(renamed_site.url(EVENT))
    assert page.locator("#event-h").inner_text() == "Construction of the Kostra Dam"


def test_back_from_the_event_page_skips_the_old_address(
    moved_opener: Opener, renamed_site: ServedSite
) -> None:
    context = moved_opener.context()
    page = moved_opener.open("", context=context)
    page.goto(renamed_site.url(OLD))
    page.wait_for_url(renamed_site.url(EVENT))
    page.go_back()
    assert page.url == renamed_site.url("")
