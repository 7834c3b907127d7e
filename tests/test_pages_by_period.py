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


@pytest.mark.parametrize("kind", ["period", "event", "listing", "home", "disputes", "sources", "embed"])
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
        "sources": list((paged_site / "sources").glob("**/index.html")),
        "embed": list((paged_site / "embed").glob("**/index.html")),
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


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """bench/generate.py's timeline of 1,000 events, every one of them also quoting its first
    article: (site, output, the article's id)."""
    root = tmp_path_factory.mktemp("cited")
    site, out = root / "site", root / "out"
    generate = [sys.executable, str(REPO / "bench/generate.py"), "--events", "1000", "--seed", "3"]
    subprocess.run([*generate, "--cited-by", "1000", "--out", str(site)], check=True, capture_output=True)
    result = run_build("build", "--root", str(site), "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    (article,) = (path.stem for path in (site / "seeds").glob("00000_*"))
    return site, out, article


def source_parts(out: Path, article: str) -> list[str]:
    """The site paths of a source's pages, in order: its own, then 2/, 3/ ..."""
    folder = out / "sources" / article
    numbers = sorted(int(path.parent.name) for path in folder.glob("*/index.html"))
    return [f"sources/{article}/", *(f"sources/{article}/{number}/" for number in numbers)]


def resolved(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) of a link on the page at site path `page`."""
    target, fragment = urldefrag(urljoin(f"https://site/{page}", href))
    return target.removeprefix("https://site/"), fragment


def test_a_source_cited_by_many_events_is_paged_with_its_text_on_the_first_page(
    cited_site: tuple[Path, Path, str],
) -> None:
    _, out, article = cited_site
    parts = source_parts(out, article)
    assert len(parts) == 10  # 1,000 events, 100 a page
    for number, part in enumerate(parts, start=1):
        path = out / part / "index.html"
        page = lxml.html.parse(str(path))
        navigation = [
            resolved(part, href)[0] for href in page.xpath('//nav[@class="listing-parts"]//a/@href')
        ]
        assert navigation == parts
        (current,) = page.xpath('//nav[@class="listing-parts"]//a[@aria-current="page"]/@href')
        assert resolved(part, current)[0] == part
        assert bool(page.xpath('//div[@class="document"]')) == (number == 1)
        links = {resolved(part, href) for href in page.xpath("//a/@href")}
        assert number == 1 or (parts[0], "text-h") in links  # later parts lead back to the text
        size, elements = path.stat().st_size, sum(1 for _ in page.iter())
        assert size <= MAX_PAGE_BYTES and elements <= MAX_ELEMENTS, (part, size, elements)


def test_every_event_citing_a_source_is_listed_on_one_of_its_parts(
    cited_site: tuple[Path, Path, str],
) -> None:
    site, out, article = cited_site
    citing = {path.stem for path in (site / "content/events").glob("*.yaml") if article in path.read_text()}
    listed = [
        resolved(part, href)[0].removeprefix("events/").strip("/")
        for part in source_parts(out, article)
        for href in lxml.html.parse(str(out / part / "index.html")).xpath('//ul[@class="citing"]/li/a/@href')
    ]
    assert len(listed) == len(set(listed)) and set(listed) == citing


def test_every_id_a_source_page_refers_to_is_on_it(cited_site: tuple[Path, Path, str]) -> None:
    """aria-describedby, aria-labelledby and #fragment links resolve on the page (a dangling
    idref is an error to the Nu Html Checker); links to a fragment of another part resolve there."""
    _, out, article = cited_site
    pages = {part: lxml.html.parse(str(out / part / "index.html")) for part in source_parts(out, article)}
    ids_of = {part: page.xpath("//@id") for part, page in pages.items()}
    crowded = 0
    for part, page in pages.items():
        ids = set(ids_of[part])
        assert len(ids) == len(ids_of[part]), part
        for attribute in ("aria-describedby", "aria-labelledby"):
            for value in page.xpath(f"//@{attribute}"):
                assert set(value.split()) <= ids, (part, attribute, value)
        for href in page.xpath("//a/@href"):
            target, fragment = resolved(part, href)
            if fragment and target in ids_of:
                assert fragment in ids_of[target], (part, href)
        crowded += len(
            page.xpath('//mark/a[starts-with(@title, "Quoted in ") and contains(@title, " events, ")]')
        )
    assert crowded  # passages quoted by many events are there, each one highlight
