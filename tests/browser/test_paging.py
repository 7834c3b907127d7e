"""A timeline in pages by period, read in Chromium: with and without JavaScript, every event is
reached through the years and months; the overview's bars and the period links lead there."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import REPO, Opener, ServedSite, Watch, serve_built
from .test_accessibility import axe_violations


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """bench/generate.py's synthetic timeline of 1,500 events over 30 years, the first 300 of
    them also quoting its first article (a source page in parts), served."""
    root = tmp_path_factory.mktemp("paged")
    generate = [
        sys.executable,
        str(REPO / "bench/generate.py"),
        "--events",
        "1500",
        "--seed",
        "3",
        "--cited-by",
        "300",
        "--out",
        str(root / "site"),
    ]
    subprocess.run(generate, check=True, capture_output=True)
    (root / "out").mkdir()
    with serve_built(root / "site", root / "out") as site:
        yield site


@pytest.fixture
def paged(browser: Any, paged_site: ServedSite) -> Iterator[Opener]:
    opener = Opener(browser, paged_site, Watch(paged_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


def a_split_year(site: ServedSite) -> str:
    """A year whose page lists its months (over 40 events)."""
    for path in sorted(site.out.glob("[0-9][0-9][0-9][0-9]/index.html")):
        if 'class="year-index period-months"' in path.read_text(encoding="utf-8"):
            return path.parent.name
    raise AssertionError("the generated site has no year over the limit")


def first_article(site: ServedSite) -> str:
    """The article every one of the first 300 events quotes: its page is in parts."""
    (found,) = (path.parent.name for path in site.out.glob("sources/00000_*/index.html"))
    return found


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_event_is_three_clicks_from_the_home_page(
    paged: Opener, paged_site: ServedSite, javascript: bool
) -> None:
    year = a_split_year(paged_site)
    page = paged.open("", java_script_enabled=javascript)
    page.locator(".year-index").first.get_by_role("link", name=year).click()
    page.wait_for_url(f"**/{year}/")
    page.locator("nav.period-months a").first.click()
    page.wait_for_url(f"**/{year}/*/")
    assert page.locator("h1").inner_text().endswith(year) or year in page.locator("h1").inner_text()
    card = page.locator("article.event").first
    slug = card.get_attribute("id")
    card.locator("h4 a").first.click()
    page.wait_for_url(f"**/events/{slug}/")
    breadcrumb = page.locator("nav.breadcrumb a").last
    assert f"{year}/" in (breadcrumb.get_attribute("href") or "")


def test_an_overview_bar_leads_to_its_year(paged: Opener) -> None:
    page = paged.open("")
    bar = page.locator("svg.overview-svg a").first
    href = bar.get_attribute("href") or ""
    bar.click()
    page.wait_for_url(f"**/{href.rsplit('/', 2)[-2]}/")
    assert page.locator("h1").inner_text() == href.rstrip("/").rsplit("/", 1)[-1]


def test_the_periods_lead_to_each_other(paged: Opener, paged_site: ServedSite) -> None:
    year = a_split_year(paged_site)
    page = paged.open(f"{year}/01/")
    later = page.locator('nav.period-prev-next a[rel="next"]')
    target = later.get_attribute("href") or ""
    later.click()
    page.wait_for_url("**/" + target.lstrip("./"))
    earlier = page.locator('nav.period-prev-next a[rel="prev"]')
    assert (earlier.get_attribute("href") or "").rstrip("/").endswith(f"{year}/01")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "kind", ["home", "year", "month", "topic page 2", "disputes page 2", "source", "source page 2"]
)
def test_paged_pages_have_no_axe_violation(
    paged: Opener, paged_site: ServedSite, axe_source: str, kind: str, scheme: str
) -> None:
    year = a_split_year(paged_site)
    path = {
        "home": "",
        "year": f"{year}/",
        "month": f"{year}/01/",
        "topic page 2": "tags/agriculture/2/",
        "disputes page 2": "disputes/2/",
        "source": f"sources/{first_article(paged_site)}/",
        "source page 2": f"sources/{first_article(paged_site)}/2/",
    }[kind]
    assert (paged_site.out / path / "index.html").is_file(), path
    context = paged.context(color_scheme=scheme, bypass_csp=True)
    page = paged.open(path, context=context)
    page.emulate_media(color_scheme=scheme)
    assert axe_violations(page, axe_source) == []
