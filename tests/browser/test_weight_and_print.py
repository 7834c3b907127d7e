"""Weight: the timeline page with its CSS and JS under 150 KB before the search index loads, nothing
from elsewhere, no script error on any page; print: an event page prints with its sources."""

from __future__ import annotations

from typing import Any

from .conftest import Opener, ServedSite

BUDGET = 150 * 1024


def test_timeline_page_with_css_and_js_weighs_under_150_kb(opener: Opener, served_site: ServedSite) -> None:
    context = opener.context()
    bodies: dict[str, int] = {}

    def measure(response: Any) -> None:
        bodies[response.url] = len(response.body())

    page = context.new_page()
    page.on("response", measure)
    page.goto(served_site.url(""), wait_until="networkidle")
    kinds = {
        url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else "html": size
        for url, size in bodies.items()
    }
    assert "css" in kinds and "js" in kinds
    assert not any("/search/" in url for url in bodies), "the index waits for a search"
    total = sum(bodies.values())
    print(f"timeline page weight: {total} bytes: {bodies}")
    assert total < BUDGET


def test_every_page_loads_without_script_error_missing_asset_or_foreign_request(
    opener: Opener, served_site: ServedSite
) -> None:
    """The opener's watch fails the test on any console error, failed request or off-site request."""
    page = opener.context().new_page()
    for path in served_site.html_paths():
        if path == "404.html":
            continue
        page.goto(served_site.url(path), wait_until="load")
    assert len(opener.watch.requested) > len(served_site.html_paths())


def test_not_found_page_works_at_any_depth(opener: Opener, served_site: ServedSite) -> None:
    """GitHub Pages serves 404.html for any missing path: its stylesheet and links must still work."""
    for path in ("no-such-page", "a/b/c/deep/"):
        opener.watch.expected_status[served_site.url(path)] = 404
        page = opener.context().new_page()
        page.goto(served_site.url(path))
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        page.locator("main a", has_text="timeline").first.click()
        page.wait_for_url(served_site.base_url)


def test_event_page_prints_with_its_sources(opener: Opener, served_site: ServedSite) -> None:
    page = opener.open(served_site.kinds["event"])
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".prev-next", ".site-footer", ".skip-link"):
        assert page.locator(hidden).is_hidden(), hidden
    sources = page.locator("ol.sources > li")
    assert sources.count() > 0
    assert all(sources.nth(i).is_visible() for i in range(sources.count()))
    assert page.locator("ol.sources blockquote.quote").first.is_visible()
    assert page.locator("table.claim").first.is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
