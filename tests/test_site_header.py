"""The header and the home page's links: the site named once, links only to what exists."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, SUB_PATH_URL
from site_reader import BuiltSite, build_site


@pytest.fixture(scope="module")
def built_minimal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The minimal fixture: one event, no claims, so no disputed figure."""
    root = tmp_path_factory.mktemp("minimal") / "site-folder"
    shutil.copytree(FIXTURES / "minimal", root)
    return build_site(root, root.parent / "out", SUB_PATH_URL)


def _menu(site: BuiltSite, path: str) -> list[str]:
    return [link.get("href") for link in site.page(path).cssselect(".site-nav a")]


def test_the_home_page_names_the_site_once(built_fixture_site: BuiltSite) -> None:
    home = built_fixture_site.page("")
    assert home.cssselect(".site-title") == []
    assert len(home.cssselect("main h1")) == 1


def test_every_other_page_names_the_site_in_its_header(built_fixture_site: BuiltSite) -> None:
    for path in built_fixture_site.html_paths():
        if path != "" and not path.startswith("embed/"):  # embeds are snippets, no header
            assert built_fixture_site.page(path).cssselect(".site-title a"), path


def test_a_site_with_disputed_figures_links_to_them(built_fixture_site: BuiltSite) -> None:
    assert "disputes/" in _menu(built_fixture_site, "")
    assert built_fixture_site.page("").cssselect('.browse a[href="disputes/"]')


def test_a_site_without_disputed_figures_does_not_offer_them(built_minimal_site: BuiltSite) -> None:
    for path in ("", "sources/", "disputes/"):
        assert not any(href.endswith("disputes/") for href in _menu(built_minimal_site, path)), path
    home = built_minimal_site.page("")
    assert [link.get("href") for link in home.cssselect(".browse a")] == ["tags/", "actors/", "places/"]
