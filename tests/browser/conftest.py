"""Browser tests: the real site built for a sub-path, served on loopback, read in Debian's Chromium.

The site is built with base_url http://127.0.0.1:PORT/REPO/ and served under /REPO/ by a
thread of this process, as GitHub Pages would serve it (404.html for a missing page).
Every page a test opens is watched: a console error, an uncaught exception, a failed or
4xx/5xx request, or a request to any host but the loopback server fails the test.

Without /usr/bin/chromium (apt-get install -y chromium) or axe-core
((cd tests/browser && npm ci)) the tests that need them are skipped, except when CI=true,
where a missing browser or axe-core is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from search_reader import ReadIndex, read_index

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SUB_PATH = "/REPO/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing(reason: str) -> None:
    """Skip for a developer without the tool; fail on CI, where the tool must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


# --------------------------------------------------------------------------- the served site


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at /REPO/ only; anything else, or a missing file, gets 404.html."""

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "\x00no-such-file")
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every test sees what it transfers
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class ServedSite:
    out: Path
    origin: str
    """http://127.0.0.1:PORT"""

    @property
    def base_url(self) -> str:
        return self.origin + SUB_PATH

    def url(self, path: str) -> str:
        return self.base_url + path

    def html_paths(self) -> list[str]:
        """Site paths of every HTML page ("" for the timeline, "events/x/", "404.html"), but an
        event's old addresses (`former_slugs`), which only send the reader on: moved_paths."""
        moved = set(self.moved_paths())
        return [path for path in self._all_html_paths() if path not in moved]

    def moved_paths(self) -> list[str]:
        """Site paths of the pages at an event's old addresses (a refresh to its page)."""
        return [
            path
            for path in self._all_html_paths()
            if b'http-equiv="refresh"' in self._file(path).read_bytes()
        ]

    def _file(self, path: str) -> Path:
        return self.out / (path if path.endswith(".html") else path + "index.html")

    def _all_html_paths(self) -> list[str]:
        files = self.out.rglob("*.html")
        return sorted(file.relative_to(self.out).as_posix().removesuffix("index.html") for file in files)

    @functools.cached_property
    def search_index(self) -> ReadIndex:
        return read_index(self.out)

    @functools.cached_property
    def kinds(self) -> dict[str, str]:
        """One page of each kind, by name: the site path to open."""
        paths = self.html_paths()

        def first(prefix: str, needle: str = "") -> str:
            candidates = [p for p in paths if p.startswith(prefix) and p.count("/") == prefix.count("/") + 1]
            with_needle = [
                p
                for p in candidates
                if needle and needle in (self.out / p / "index.html").read_text(encoding="utf-8")
            ]
            return (with_needle or candidates)[0]

        return {
            "timeline": "",
            "event": first("events/", '<table class="claim'),
            "source": first("sources/", "<mark"),
            "sources": "sources/",
            "tag": first("tags/"),
            "tags": "tags/",
            "actor": first("actors/", "Also called"),
            "actors": "actors/",
            "place": first("places/"),
            "places": "places/",
            "disputes": "disputes/",
            "corrections": "corrections/",
            "free page": first("pages/", "<table"),
            "404": "no-such-page/",
        }


@pytest.fixture(scope="package")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The repository's own timeline, built for http://127.0.0.1:PORT/REPO/ and served there."""
    out = tmp_path_factory.mktemp("browser") / "site"
    out.mkdir()
    with serve_built(REPO, out) as site:
        yield site


@contextlib.contextmanager
def serve_built(root: Path, out: Path) -> Iterator[ServedSite]:
    """The site folder `root` built into `out` for http://127.0.0.1:PORT/REPO/ and served there."""
    handler = functools.partial(_SubPathHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "build.py"),
                "build",
                "--root",
                str(root),
                "--out",
                str(out),
                "--base-url",
                origin + SUB_PATH,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield ServedSite(out, origin)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One Chromium for this package's tests, closed when they are done: Playwright's sync API
    allows one running instance at a time, and other tests (the preview server's) start their own."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing: install Debian's browser with `apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is missing: python -m pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def axe_source() -> str:
    if not AXE.is_file():
        missing(f"axe-core is missing at {AXE}: run `(cd tests/browser && npm ci)`")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Watch:
    """What went wrong while pages were open: the test fails unless every list stays empty."""

    origin: str
    also: tuple[str, ...] = ()
    """Other origins a test serves pages from (a page embedding the site's, on another port)."""
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)
    """URL -> a status that is right for it (the 404 page is served with 404)."""

    def attach(self, context: Any) -> None:
        context.route("**/*", self._route)
        context.on("page", self._page)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requested.append(url)
        if url.startswith(("data:", "blob:", *(origin + "/" for origin in (self.origin, *self.also)))):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def _failed(self, request: Any) -> None:
        # ERR_ABORTED: the browser cancelled a request because the test moved on to the next page;
        # a missing file shows up as its 404 response, a foreign request in `foreign`.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _page(self, page: Any) -> None:
        page.on("console", lambda message: self._console(message))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning") and not self._is_expected_404(message.text):
            self.errors.append(f"console {message.type}: {message.text}")

    def _is_expected_404(self, text: str) -> bool:
        return "404" in text and any(status == 404 for status in self.expected_status.values())

    def _response(self, response: Any) -> None:
        status = response.status
        if status >= 400 and self.expected_status.get(response.url) != status:
            self.failed.append(f"{response.url}: HTTP {status}")

    def check(self) -> None:
        problems = [f"request left the site: {url}" for url in self.foreign] + self.failed + self.errors
        assert problems == [], "\n".join(problems)


@dataclass
class Opener:
    """Opens pages of the served site in fresh browser contexts, all watched by one Watch."""

    browser: Any
    site: ServedSite
    watch: Watch
    contexts: list[Any] = field(default_factory=list)

    def context(self, **options: Any) -> Any:
        context = self.browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        self.watch.attach(context)
        self.contexts.append(context)
        return context

    def open(self, path: str, *, context: Any = None, **options: Any) -> Any:
        """A new page at the site path (under /REPO/), loaded; the 404 page may answer 404."""
        page = (context or self.context(**options)).new_page()
        url = self.site.url(path)
        if path == self.site.kinds["404"]:
            self.watch.expected_status[url] = 404
        page.goto(url, wait_until="load")
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def opener(browser: Any, served_site: ServedSite) -> Iterator[Opener]:
    """Open pages; at the end, fail on any console error, failed request or request off the site."""
    opener = Opener(browser, served_site, Watch(served_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()
