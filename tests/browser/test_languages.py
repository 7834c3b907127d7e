"""The fixture site in Arabic and Korean, in the browser: no axe-core violation on any kind of
page, a right-to-left layout that mirrors, and the search script speaking the page's language."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Opener, ServedSite, Watch, serve_built
from .test_accessibility import axe_violations

FIXTURE_SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
KINDS = ["timeline", "event", "source", "sources", "tag", "actor", "places", "disputes", "free page", "404"]


@pytest.fixture(scope="module", params=["ar", "ko"])
def language_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    shutil.copytree(FIXTURE_SITE, root)
    settings = root / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^language: .*$", f"language: {request.param}", text), encoding="utf-8")
    out = root.parent / "out"
    out.mkdir()
    with serve_built(root, out) as site:
        yield site


@pytest.fixture
def language_opener(browser: Any, language_site: ServedSite) -> Iterator[Opener]:
    opener = Opener(browser, language_site, Watch(language_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


@pytest.mark.parametrize("kind", KINDS)
def test_translated_page_has_no_axe_violation(
    kind: str, language_opener: Opener, language_site: ServedSite, axe_source: str
) -> None:
    context = language_opener.context(bypass_csp=True)
    page = language_opener.open(language_site.kinds[kind], context=context)
    assert axe_violations(page, axe_source) == []


def test_the_timeline_rail_is_on_the_side_the_language_starts_from(language_opener: Opener) -> None:
    page = language_opener.open("")
    language, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    assert direction == ("rtl" if language == "ar" else "")
    start, end = ("Right", "Left") if language == "ar" else ("Left", "Right")
    border = "side => getComputedStyle(document.querySelector('section.month'))['border' + side + 'Width']"
    assert (page.evaluate(border, start), page.evaluate(border, end)) == ("2px", "0px")


def test_the_search_status_speaks_the_pages_language(language_opener: Opener) -> None:
    page = language_opener.open("")
    page.fill("#finder-q", "Selka")
    page.press("#finder-q", "Enter")
    status = page.locator("#finder-status")
    page.wait_for_function("() => /Selka/.test(document.getElementById('finder-status').textContent)")
    text = status.text_content() or ""
    assert not re.search(r"\b(of|events?|matching|Showing)\b", text), text
    language = page.evaluate("document.documentElement.lang")
    assert re.search("[\u0600-\u06ff]" if language == "ar" else "[\uac00-\ud7a3]", text), text


@pytest.fixture(scope="module")
def percent_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture site whose `strings:` write a percent sign (%%) in a message of the script."""
    root = tmp_path_factory.mktemp("site-percent") / "site"
    shutil.copytree(FIXTURE_SITE, root)
    settings = root / "content" / "site.yaml"
    replacement = '\nstrings:\n  "matching %(query)s": "100%% matching, not %%(query)s: %(query)s"\n'
    settings.write_text(settings.read_text(encoding="utf-8") + replacement, encoding="utf-8")
    out = root.parent / "out"
    out.mkdir()
    with serve_built(root, out) as site:
        yield site


def test_the_script_reads_a_percent_sign_written_twice_as_python_does(
    browser: Any, percent_site: ServedSite
) -> None:
    opener = Opener(browser, percent_site, Watch(percent_site.origin))
    try:
        page = opener.open("")
        page.fill("#finder-q", "Selka")
        page.press("#finder-q", "Enter")
        page.wait_for_function("() => /Selka/.test(document.getElementById('finder-status').textContent)")
        assert "100% matching, not %(query)s: " in (page.locator("#finder-status").text_content() or "")
    finally:
        opener.close()
    opener.watch.check()
