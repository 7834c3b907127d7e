"""The fixture site's citations with archived copies, editors' titles and translations, in the
browser: axe finds nothing on the pages that show them, in either scheme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import REPO, Opener, ServedSite, Watch, serve_built
from .test_accessibility import axe_violations

PAGES = (
    "events/reservoir-filling-begins/",  # a French quote with its translation; an unfit original
    "events/marenzia-writes-to-un/",  # an editors' title; a dead original, archived
    "events/krakow-talks-stall/",  # a translated quote in a disputed figure's table
    "sources/delta-union-statement/",  # the translations of the quoted passages
    "sources/",  # an editors' title in the index
)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    out = tmp_path_factory.mktemp("lasting") / "site"
    out.mkdir()
    with serve_built(REPO / "tests" / "fixtures" / "site", out) as site:
        yield site


@pytest.fixture
def opener(browser: Any, fixture_site: ServedSite) -> Iterator[Opener]:
    opener = Opener(browser, fixture_site, Watch(fixture_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_citing_lasting_sources_have_no_axe_violation(
    path: str, scheme: str, opener: Opener, axe_source: str
) -> None:
    # axe is injected as an inline script, which the pages' CSP forbids: bypass it for this check only.
    context = opener.context(color_scheme=scheme, bypass_csp=True)
    page = opener.open(path, context=context)
    page.emulate_media(color_scheme=scheme)
    assert axe_violations(page, axe_source) == []
