"""Embeds in Chromium: a page on another origin (another port of the loopback) pastes the snippet
of an oEmbed answer; the frame shows the site's embed page, fits its content when JavaScript
runs, keeps its height and still shows the events and links when it does not, and opens its
links in the page around it. No request leaves the two origins."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from unit_helpers import paged_site_files, write_site

from .conftest import REPO, Opener, ServedSite, Watch, serve_built
from .test_accessibility import axe_violations

EVENT = "events/kostra-dam-construction/"
"""The fixture's event with a lead image, a caption linking another event, and sources."""
DEFAULT_HEIGHT = 600


@dataclass
class Article:
    """The page embedding the site: served on its own origin, one file per snippet."""

    origin: str
    folder: Path

    def with_snippet(self, name: str, snippet: str) -> str:
        """The URL of a newsroom's article with `snippet` between two paragraphs."""
        page = (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>An article</title></head>\n'
            f"<body><h1>An article</h1><p>Before the embed.</p>\n{snippet}\n"
            "<p>After the embed.</p></body></html>\n"
        )
        (self.folder / name).write_text(page, encoding="utf-8")
        return f"{self.origin}/{name}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="article-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Article]:
    folder = tmp_path_factory.mktemp("article")
    with serve_folder(folder) as origin:
        yield Article(origin, folder)


@pytest.fixture(scope="module")
def fixture_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture site (images, disputed figures), served on a port of its own."""
    folder = tmp_path_factory.mktemp("embed-fixture")
    shutil.copytree(REPO / "tests" / "fixtures" / "site", folder / "site")
    (folder / "out").mkdir()
    with serve_built(folder / "site", folder / "out") as site:
        yield site


@pytest.fixture(scope="module")
def paged_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A timeline in pages by period (a year of months), served on a port of its own."""
    folder = tmp_path_factory.mktemp("embed-paged")
    write_site(folder / "site", paged_site_files("latest"))
    (folder / "out").mkdir()
    with serve_built(folder / "site", folder / "out") as site:
        yield site


def watched(browser: Any, site: ServedSite, article: Article) -> Iterator[Opener]:
    opener = Opener(browser, site, Watch(site.origin, also=(article.origin,)))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


@pytest.fixture
def embedder(browser: Any, fixture_served: ServedSite, article: Article) -> Iterator[Opener]:
    yield from watched(browser, fixture_served, article)


@pytest.fixture
def paged_embedder(browser: Any, paged_served: ServedSite, article: Article) -> Iterator[Opener]:
    yield from watched(browser, paged_served, article)


def snippet(site: ServedSite, path: str) -> str:
    """The snippet of the oEmbed answer of the page at `path` ("" for the timeline)."""
    answer = json.loads((site.out / "embed" / path / "oembed.json").read_text(encoding="utf-8"))
    return str(answer["html"])


def open_article(opener: Opener, url: str, **options: Any) -> Any:
    page = opener.context(**options).new_page()
    page.goto(url, wait_until="load")
    frame = page.wait_for_selector("iframe").content_frame()
    frame.wait_for_load_state("load")
    return page, frame


def frame_height(page: Any) -> int:
    return int(page.evaluate("Number(document.querySelector('iframe').height)"))


def content_height(frame: Any) -> int:
    return int(frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)"))


def wait_until_fitted(page: Any, frame: Any) -> int:
    """The frame's height once it is its content's (the content settles as the frame grows)."""
    for _ in range(50):
        if frame_height(page) == content_height(frame):
            break
        page.wait_for_timeout(100)
    return frame_height(page)


@pytest.mark.parametrize("path", ["", EVENT], ids=["timeline", "event"])
def test_with_javascript_the_frame_takes_the_height_of_its_content(
    embedder: Opener, fixture_served: ServedSite, article: Article, path: str
) -> None:
    page, frame = open_article(embedder, article.with_snippet("fits.html", snippet(fixture_served, path)))
    height = wait_until_fitted(page, frame)
    assert height != DEFAULT_HEIGHT and height == content_height(frame)
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight")  # no scroll bar of its own


def test_a_height_posted_from_another_origin_leaves_the_frame_alone(
    embedder: Opener, fixture_served: ServedSite, article: Article
) -> None:
    page, frame = open_article(embedder, article.with_snippet("other.html", snippet(fixture_served, EVENT)))
    fitted = wait_until_fitted(page, frame)
    page.evaluate("postMessage({type: 'chronicle:height', height: 17, id: 'forged'}, '*')")
    page.wait_for_timeout(300)
    assert frame_height(page) == fitted


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_link_in_the_frame_opens_in_the_page_around_it(
    embedder: Opener, fixture_served: ServedSite, article: Article, javascript: bool
) -> None:
    url = article.with_snippet("link.html", snippet(fixture_served, ""))
    page, frame = open_article(embedder, url, java_script_enabled=javascript)
    frame.click(f'.embed-item-title a[href$="{EVENT}"]')
    page.wait_for_url(fixture_served.url(EVENT))
    assert page.locator("h1").inner_text() == "Construction of the Kostra Dam"


def test_without_javascript_the_frame_keeps_its_height_and_shows_the_events_and_links(
    embedder: Opener, fixture_served: ServedSite, article: Article
) -> None:
    url = article.with_snippet("static.html", snippet(fixture_served, ""))
    page, frame = open_article(embedder, url, java_script_enabled=False)
    assert frame_height(page) == DEFAULT_HEIGHT
    box = page.locator("iframe").bounding_box()
    assert box is not None and box["height"] == DEFAULT_HEIGHT and box["width"] > 600
    titles = frame.locator(".embed-item-title a")
    assert titles.count() == 11 and titles.first.is_visible()
    assert frame.evaluate("document.documentElement.scrollHeight > innerHeight")  # it scrolls inside


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_years_and_months_of_an_embedded_timeline_in_pages_open_in_the_frame(
    paged_embedder: Opener, paged_served: ServedSite, article: Article, javascript: bool
) -> None:
    url = article.with_snippet("paged.html", snippet(paged_served, ""))
    page, frame = open_article(paged_embedder, url, java_script_enabled=javascript)
    frame.click('.embed-years a:text-is("2024")')
    frame.wait_for_url(paged_served.url("embed/2024/"))
    frame.click('.embed-months a:text-is("March 2024")')
    frame.wait_for_url(paged_served.url("embed/2024/03/"))
    assert frame.locator(".embed-item").count() == 5
    assert page.url == url
    if javascript:
        assert wait_until_fitted(page, frame) == content_height(frame)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["embed/", f"embed/{EVENT}"], ids=["timeline", "event"])
def test_an_embed_page_has_no_axe_violation(
    embedder: Opener, axe_source: str, path: str, scheme: str
) -> None:
    context = embedder.context(color_scheme=scheme, bypass_csp=True, viewport={"width": 400, "height": 600})
    page = embedder.open(path, context=context)
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("path", ["embed/2024/", "embed/2024/03/"], ids=["year", "month"])
def test_a_periods_embed_page_has_no_axe_violation(
    paged_embedder: Opener, axe_source: str, path: str
) -> None:
    page = paged_embedder.context(bypass_csp=True).new_page()
    page.goto(paged_embedder.site.url(path), wait_until="load")
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", [320, 700])
def test_an_embed_page_never_scrolls_sideways(embedder: Opener, width: int) -> None:
    for path in ("embed/", f"embed/{EVENT}"):
        page = embedder.open(path, viewport={"width": width, "height": 600})
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), (path, width)
