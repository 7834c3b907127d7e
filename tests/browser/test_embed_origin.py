"""Embeds in Chromium when `base_url` is typed otherwise than a browser writes its origin (red team
R7): with capitals in its host (`http://LocalHost:PORT/REPO/`), the frame's page reports its
height from the origin `http://localhost:PORT`, and the snippet must take it from there: the
frame fits its content instead of keeping 600 pixels and scrolling."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from unit_helpers import write_site

from .conftest import REPO, SUB_PATH, Opener, ServedSite, Watch, _SubPathHandler
from .test_embeds import DEFAULT_HEIGHT, Article, content_height, open_article, serve_folder, snippet

EVENT = "events/first-event/"


@pytest.fixture(scope="module")
def capitalised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A small site built for http://LocalHost:PORT/REPO/ and served on the loopback's PORT."""
    folder = tmp_path_factory.mktemp("embed-origin")
    root, out = write_site(folder / "site"), folder / "out"
    out.mkdir()
    handler = functools.partial(_SubPathHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        base_url = f"http://LocalHost:{port}{SUB_PATH}"
        command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out)]
        built = subprocess.run(
            [*command, "--base-url", base_url], capture_output=True, text=True, timeout=120
        )
        assert built.returncode == 0, built.stdout + built.stderr
        yield ServedSite(out, f"http://localhost:{port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Article]:
    folder = tmp_path_factory.mktemp("article")
    with serve_folder(folder) as origin:
        yield Article(origin, folder)


def test_the_frame_fits_its_content_when_base_urls_host_has_capitals(
    browser: Any, capitalised: ServedSite, article: Article
) -> None:
    opener = Opener(browser, capitalised, Watch(capitalised.origin, also=(article.origin,)))
    try:
        page, frame = open_article(opener, article.with_snippet("capitals.html", snippet(capitalised, EVENT)))
        assert frame.evaluate("location.origin") == capitalised.origin  # what the browser made of LocalHost
        for _ in range(50):
            if int(page.evaluate("Number(document.querySelector('iframe').height)")) == content_height(frame):
                break
            page.wait_for_timeout(100)
        height = int(page.evaluate("Number(document.querySelector('iframe').height)"))
        assert height != DEFAULT_HEIGHT and height == content_height(frame)
    finally:
        opener.close()
    opener.watch.check()
