"""The sitemap: every page a reader opens, in files the sitemaps protocol accepts (at most
50,000 addresses each: a larger site gets a sitemap index at sitemap.xml naming its parts)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import lxml.etree
import pytest
from conftest import FIXTURES

from chronicle.cli import main
from chronicle.render import pages

BASE = "https://example.org/timeline/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        code = main(
            [
                "build",
                "--root",
                str(FIXTURES / "site"),
                "--out",
                str(out),
                "--base-url",
                BASE,
                "--no-cache",
                "--jobs",
                "1",
            ]
        )
    assert code == 0
    return out


def locations(path: Path, element: str) -> list[str]:
    root = lxml.etree.fromstring(path.read_bytes())
    assert root.tag == NS + element
    return [loc.text or "" for loc in root.iter(NS + "loc")]


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("sitemap"), "whole")


def test_a_site_within_the_limit_has_one_sitemap(whole: Path) -> None:
    listed = locations(whole / "sitemap.xml", "urlset")
    assert BASE in listed and len(listed) == len(set(listed)) > 10
    assert not list(whole.glob("sitemap-*.xml"))


def test_a_site_over_the_limit_gets_an_index_naming_parts_within_it(
    whole: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "SITEMAP_MAX_URLS", 4)
    split = build(tmp_path, "split")
    parts = locations(split / "sitemap.xml", "sitemapindex")
    assert parts == [f"{BASE}sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    listed = []
    for part in parts:
        addresses = locations(split / part.removeprefix(BASE), "urlset")
        assert 0 < len(addresses) <= 4
        listed += addresses
    assert listed == locations(whole / "sitemap.xml", "urlset")
