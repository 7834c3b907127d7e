"""A timeline too long for one page, read as a reader without JavaScript would: pages by
period, every event within three links of the home page, every page within the budgets."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import lxml.html
import pytest
from unit_helpers import event_yaml, run_build, write_site

REPO = Path(__file__).resolve().parent.parent
MAX_PAGE_BYTES = 150_000
MAX_ELEMENTS = 3_000


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/generate.py's synthetic timeline: 1,500 events over 30 years, some years over the limit."""
    root = tmp_path_factory.mktemp("paged")
    site, out = root / "site", root / "out"
    generate = [
        sys.executable,
        str(REPO / "bench/generate.py"),
        "--events",
        "700",
        "--seed",
        "3",
        "--out",
        str(site),
    ]
    subprocess.run(generate, check=True, capture_output=True)
    result = run_build("build", "--root", str(site), "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    return out


def html_pages(out: Path) -> Iterator[Path]:
    yield from sorted(out.rglob("*.html"))


def links_of(out: Path, page: str) -> set[str]:
    """Site paths ("2003/05/", "events/x/") the page at `page` links to, anchors dropped."""
    document = lxml.html.parse(
        str(out / page / "index.html") if page.endswith("/") or page == "" else str(out / page)
    )
    found = set()
    for href in document.xpath("//a/@href"):
        target, _ = urldefrag(urljoin(f"https://site/{page}", href))
        if target.startswith("https://site/"):
            found.add(target.removeprefix("https://site/"))
    return found


def test_the_home_page_shows_one_period_and_links_every_year(paged_site: Path) -> None:
    home = lxml.html.parse(str(paged_site / "index.html"))
    years = home.xpath('//nav[@class="year-index"]//a/@href')
    assert years and all(href.rstrip("/").isdigit() for href in years)
    assert len(home.xpath('//article[@class="event"]')) <= 40


def test_every_event_is_at_most_three_links_from_the_home_page(paged_site: Path) -> None:
    events = {f"events/{path.parent.name}/" for path in (paged_site / "events").glob("*/index.html")}
    seen, frontier = {""}, {""}
    for _ in range(3):
        frontier = {
            link for page in frontier for link in links_of(paged_site, page) if link.endswith("/")
        } - seen
        seen |= frontier
    assert events <= seen, sorted(events - seen)[:5]


def test_every_period_page_links_its_neighbours_and_its_events(paged_site: Path) -> None:
    leaves = [path for path in paged_site.glob("[0-9][0-9][0-9][0-9]/**/index.html")]
    assert leaves
    for path in leaves:
        page = lxml.html.parse(str(path))
        relative = str(path.parent.relative_to(paged_site)) + "/"
        assert page.xpath("//h1"), relative
        if not page.xpath('//nav[contains(@class, "period-months")]'):
            assert page.xpath('//article[@class="event"]'), relative
            assert page.xpath('//nav[contains(@class, "period-prev-next")]//a[@rel]'), relative


@pytest.mark.parametrize("kind", ["period", "event", "listing", "home", "disputes", "sources"])
def test_pages_stay_within_the_budgets(paged_site: Path, kind: str) -> None:
    chosen = {
        "period": list(paged_site.glob("[0-9][0-9][0-9][0-9]/**/index.html")),
        "event": list((paged_site / "events").glob("*/index.html")),
        "listing": [
            *paged_site.glob("tags/**/index.html"),
            *paged_site.glob("actors/**/index.html"),
            *paged_site.glob("places/**/index.html"),
        ],
        "home": [paged_site / "index.html"],
        "disputes": list((paged_site / "disputes").glob("**/index.html")),
        "sources": [
            *(paged_site / "sources").glob("index.html"),
            *(paged_site / "sources").glob("[0-9]*/index.html"),
        ],
    }[kind]
    assert chosen
    for path in chosen:
        size = path.stat().st_size
        elements = sum(1 for _ in lxml.html.parse(str(path)).iter())
        assert size <= MAX_PAGE_BYTES and elements <= MAX_ELEMENTS, (str(path), size, elements)


def test_the_overview_links_every_year_to_its_page_and_counts_every_event(paged_site: Path) -> None:
    home = lxml.html.parse(str(paged_site / "index.html"))
    rows = home.xpath('//details[@class="overview-table"]//tbody/tr')
    events = len(list((paged_site / "events").glob("*/")))
    assert sum(int(row.xpath("td[1]")[0].text) for row in rows) == events
    for row in rows:
        (href,) = row.xpath("th/a/@href")
        assert (paged_site / href / "index.html").is_file(), href
    assert home.xpath('//svg[@aria-hidden="true"]//a[@tabindex="-1"]/@href')


def test_the_disputed_figures_are_paged_and_each_page_links_the_others(paged_site: Path) -> None:
    pages = sorted((paged_site / "disputes").glob("**/index.html"))
    assert len(pages) > 1
    for path in pages:
        page = lxml.html.parse(str(path))
        assert len(page.xpath('//section[@class="dispute"]')) <= 20
        assert len(page.xpath('//nav[@class="listing-parts"]//a')) == len(pages)


def test_a_year_page_shows_its_months_at_a_glance(paged_site: Path) -> None:
    page = lxml.html.parse(str(paged_site / "2010" / "index.html"))
    rows = page.xpath('//details[@class="overview-table"]//tbody/tr/th')
    assert rows and all("2010" in row.text_content() for row in rows)


def test_a_listing_page_describes_only_its_own_events_to_machines(paged_site: Path) -> None:
    second = sorted(paged_site.glob("tags/*/2/index.html"))[0]
    page = lxml.html.parse(str(second))
    (script,) = page.xpath('//script[@type="application/ld+json"]/text()')
    items = json.loads(script)["mainEntity"]["itemListElement"]
    assert len(items) == len(page.xpath('//article[@class="event"]'))
    assert items[0]["position"] == 41  # the 41st event of the topic: page 2 of 40 each


def test_an_index_of_more_than_500_topics_is_paged(tmp_path: Path) -> None:
    files: dict[str, str | None] = {"content/events/first-event.yaml": None}
    for number in range(11):  # 50 topics each: 550 topics
        tags = ", ".join(f"t{number}-{tag}" for tag in range(50))
        files[f"content/events/e{number}.yaml"] = event_yaml("2025-06-04") + f"tags: [{tags}]\n"
    root = write_site(tmp_path / "site", files)
    out = tmp_path / "out"
    assert run_build("build", "--root", str(root), "--out", str(out), "--no-cache").returncode == 0
    first, second = (lxml.html.parse(str(out / path)) for path in ("tags/index.html", "tags/2/index.html"))
    assert len(first.xpath('//ul[@class="listing-index"]/li')) == 500
    assert len(second.xpath('//ul[@class="listing-index"]/li')) == 50
    assert second.xpath('//nav[@class="listing-parts"]//a[@aria-current="page"]')
