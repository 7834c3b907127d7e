"""A timeline in pages by period, read in Chromium: with and without JavaScript, every event is
reached through the years and months; the overview's bars and the period links lead there."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from chronicle.render.search.shards import DOCS_PER_FILE, TITLE_FILES_PER_LIST

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


# Search and filters across every page: the results are listed under the form, from the index.

RESULTS = "#finder-list li"
STATUS = "#finder-status"


def wait_for_results(page: Any) -> None:
    page.wait_for_function(
        "s => /^(\\d+ of|No event)/.test(document.querySelector(s).textContent)", arg=STATUS
    )


def listed_paths(page: Any) -> list[str]:
    return [link.get_attribute("href") for link in page.locator(f"{RESULTS} a").all()]


def test_a_search_lists_events_from_every_year_linking_to_their_pages(
    paged: Opener, paged_site: ServedSite
) -> None:
    index = paged_site.search_index
    word = "ratified"
    expected = [number for number, slug in enumerate(index.ids) if index.finds(slug, word)]
    assert len(expected) > 20, "a word found in many years"
    page = paged.open("")
    page.locator("#finder-q").fill(word)
    wait_for_results(page)
    assert page.locator(STATUS).inner_text().startswith(f"{len(expected):,} of {len(index.ids):,} events")
    assert listed_paths(page) == [index.docs[number][2] for number in expected[:20]]
    assert page.locator("#timeline").is_hidden(), "the period in view gives way to the results"
    first = page.locator(f"{RESULTS} a").first
    slug = index.ids[expected[0]]
    first.click()
    page.wait_for_url(f"**/events/{slug}/")


def test_results_late_in_the_timeline_are_listed_with_their_titles(
    paged: Opener, paged_site: ServedSite
) -> None:
    index = paged_site.search_index
    years = sorted(key for keys in index.keys for key in keys if key.startswith("#year:"))
    wanted = years[-1]
    expected = [number for number, keys in enumerate(index.keys) if wanted in keys]
    assert expected[0] >= DOCS_PER_FILE * TITLE_FILES_PER_LIST, "titles a later list names"
    page = paged.open("?year=" + wanted.removeprefix("#year:"))
    wait_for_results(page)
    assert listed_paths(page) == [index.docs[number][2] for number in expected[:20]]
    titles = page.locator(f"{RESULTS} a").all_inner_texts()
    assert titles == [index.docs[number][0] for number in expected[:20]]


def test_show_more_lists_the_next_results_and_moves_focus_to_them(
    paged: Opener, paged_site: ServedSite
) -> None:
    page = paged.open("?q=ratified")
    wait_for_results(page)
    assert page.locator(RESULTS).count() == 20
    page.locator("#finder-more").click()
    page.wait_for_function("n => document.querySelectorAll(n).length > 20", arg=RESULTS)
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == listed_paths(page)[20]


def test_filters_work_across_all_events_and_are_restored_from_the_url(
    paged: Opener, paged_site: ServedSite
) -> None:
    index = paged_site.search_index
    year = a_split_year(paged_site)
    tag = "agriculture"
    wanted = {f"#tag:{tag}", f"#year:{year}"}
    expected = [doc[2] for doc, keys in zip(index.docs, index.keys, strict=True) if wanted <= keys]
    assert expected
    page = paged.open("")
    page.locator("#finder-tag").select_option(tag)
    page.locator("#finder-year").select_option(year)
    wait_for_results(page)
    assert page.locator(STATUS).inner_text().startswith(f"{len(expected)} of ")
    assert listed_paths(page) == expected[:20]
    again = paged.open(f"?tag={tag}&year={year}")
    wait_for_results(again)
    assert again.locator("#finder-tag").input_value() == tag
    assert listed_paths(again) == expected[:20]

    # Clearing brings the period back.
    again.locator("#finder-clear").click()
    again.wait_for_function("() => location.search === ''")
    assert again.locator("#timeline").is_visible()
    assert again.locator("#finder-results").is_hidden()


def test_one_search_fetches_only_its_shards_and_the_titles_it_shows(
    paged: Opener, paged_site: ServedSite
) -> None:
    page = paged.open("")
    page.locator("#finder-q").fill("ratified")
    wait_for_results(page)
    sizes: dict[str, int] = dict(
        page.evaluate("() => performance.getEntriesByType('resource').map(e => [e.name, e.decodedBodySize])")
    )
    fetched = [url for url in sizes if "/search/" in url]
    shards = [url for url in fetched if "/search/t/" in url]
    titles = [url for url in fetched if "/search/d/" in url]
    assert any(url.endswith("/search/index.json") for url in fetched)
    assert 1 <= len(shards) <= 4 and 1 <= len(titles) <= 20
    assert len(shards) < len(paged_site.search_index.shard_files)
    assert sum(sizes[url] for url in fetched) < 300_000


def test_without_javascript_the_form_is_hidden_and_the_pages_are_offered(paged: Opener) -> None:
    page = paged.open("", java_script_enabled=False)
    assert page.locator("#finder").is_hidden()
    assert "need JavaScript" in page.locator(".browse").inner_text()
    assert page.locator("#timeline article.event").count() > 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_listed_results_have_no_axe_violation(paged: Opener, axe_source: str, scheme: str) -> None:
    context = paged.context(color_scheme=scheme, bypass_csp=True)
    page = paged.open("?q=ratified", context=context)
    wait_for_results(page)
    page.emulate_media(color_scheme=scheme)
    assert axe_violations(page, axe_source) == []


def slow(route: Any) -> None:
    time.sleep(0.5)
    route.continue_()


def test_show_more_clicked_again_while_loading_lists_each_result_once(paged: Opener) -> None:
    context = paged.context()
    context.route("**/search/d/*", slow)
    page = paged.open("?q=ratified", context=context)
    wait_for_results(page)
    page.evaluate("() => { for (let i = 0; i < 3; i++) document.getElementById('finder-more').click(); }")
    page.wait_for_function("n => document.querySelectorAll(n).length >= 40", arg=RESULTS)
    page.wait_for_timeout(1_500)
    paths = listed_paths(page)
    assert len(paths) == len(set(paths)) == 40


def test_a_new_search_is_not_joined_by_the_last_ones_late_results(
    paged: Opener, paged_site: ServedSite
) -> None:
    index = paged_site.search_index
    context = paged.context()
    context.route("**/search/d/*", slow)
    page = paged.open("?q=ratified", context=context)
    wait_for_results(page)
    page.locator("#finder-more").click()
    page.locator("#finder-q").fill("signed")
    page.wait_for_function("s => document.querySelector(s).textContent.includes('signed')", arg=STATUS)
    page.wait_for_timeout(1_500)
    expected = [
        doc[2] for slug, doc in zip(index.ids, index.docs, strict=True) if index.finds(slug, "signed")
    ]
    assert listed_paths(page) == expected[:20]


def test_a_long_query_reads_at_most_twelve_pieces_of_the_index_and_says_what_it_left_out(
    paged: Opener,
) -> None:
    query = " ".join(["ratified", "signed", "talks", "border", "report", "visit", "treaty"] * 3)
    page = paged.open("")
    page.locator("#finder-q").fill(query)
    wait_for_results(page)
    shards = page.evaluate(
        "() => new Set(performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => n.includes('/search/t/'))).size"
    )
    assert 1 <= shards <= 12


def test_a_query_without_words_says_so(paged: Opener) -> None:
    page = paged.open("?q=%21%21%21")
    page.wait_for_function("s => document.querySelector(s).textContent.includes('no word')", arg=STATUS)
    assert page.locator("#finder-results").is_hidden()
    assert page.locator("#finder-clear").is_visible()
