"""Read a built site as a reader would: parsed HTML pages, resolved links, parsed feeds."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@dataclass
class BuiltSite:
    root: Path
    out: Path
    base_url: str
    stdout: str
    pages: dict[str, lxml.html.HtmlElement] = field(default_factory=dict, repr=False)

    def page(self, path: str) -> lxml.html.HtmlElement:
        """A page by its site path ("" for the home page, "events/x/", "404.html")."""
        if path not in self.pages:
            file = self.out / (path + "index.html" if path == "" or path.endswith("/") else path)
            self.pages[path] = lxml.html.fromstring(file.read_bytes())
        return self.pages[path]

    def html_paths(self) -> list[str]:
        return sorted(
            str(file.relative_to(self.out).as_posix()).removesuffix("index.html")
            for file in self.out.rglob("*.html")
        )

    def feed(self, name: str) -> feedparser.FeedParserDict:
        return feedparser.parse((self.out / name).read_bytes())

    @cached_property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path

    def resolve(self, page_url: str, href: str) -> tuple[Path, str] | None:
        """The output file and fragment an internal link points to; None for external links."""
        target = urljoin(page_url, href)
        parts = urlsplit(target)
        if not target.startswith(self.base_url.rstrip("/")):
            return None
        relative = parts.path[len(self.base_path) :]
        file = self.out / relative
        if relative == "" or relative.endswith("/"):
            file = file / "index.html"
        return file, parts.fragment


def build_site(root: Path, out: Path, base_url: str) -> BuiltSite:
    # A build writes its cache into the site folder: a fixture built in place would carry
    # it into every test that copies the fixture later.
    assert FIXTURES not in root.resolve().parents, f"copy {root} before building it"
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out),
         "--base-url", base_url],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root, out, base_url, result.stdout)


def links_of(page: lxml.html.HtmlElement) -> list[str]:
    return [
        value
        for element in page.iter()
        for attribute in ("href", "src")
        if isinstance(element.tag, str) and (value := element.get(attribute)) is not None
    ]


def ids_of(page: lxml.html.HtmlElement) -> set[str]:
    return {
        element.get("id") for element in page.iter() if isinstance(element.tag, str) and element.get("id")
    }
