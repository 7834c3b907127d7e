"""Media in the browser, on the fixture site (its photo, chart and remote media): nothing is
requested off the site on load, a click puts the player in place (the provider intercepted,
never reached), images keep their place while loading, axe finds nothing in either scheme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import REPO, Opener, ServedSite, Watch, serve_built
from .test_accessibility import axe_violations

if TYPE_CHECKING:
    from playwright.sync_api import Response

MEDIA_EVENT = "events/kostra-dam-construction/"
PLAYER_PAGE = "<!doctype html><title>player</title><p>stand-in for the provider's player</p>"


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    out = tmp_path_factory.mktemp("media") / "site"
    out.mkdir()
    with serve_built(REPO / "tests" / "fixtures" / "site", out) as site:
        yield site


@pytest.fixture
def media_opener(browser: Any, media_site: ServedSite) -> Iterator[Opener]:
    """Pages of the fixture site; at the end, fail on any console error, failed request or
    request off the site (the conftest's watch)."""
    opener = Opener(browser, media_site, Watch(media_site.origin))
    try:
        yield opener
    finally:
        opener.close()
    opener.watch.check()


def test_the_media_page_requests_nothing_off_the_site_on_load(media_opener: Opener) -> None:
    page = media_opener.open(MEDIA_EVENT)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 5000)  # every lazy image in view
    page.wait_for_load_state("networkidle")
    requested = media_opener.watch.requested
    assert any("/media/" in url and url.endswith(".webp") for url in requested), requested
    assert all(url.startswith(media_opener.site.origin + "/") for url in requested), requested
    assert page.locator("iframe").count() == 0
    # The buttons are the script's: shown, each naming what it plays.
    buttons = page.locator("figure[data-player] button.media-play")
    assert buttons.count() == 2 and all(buttons.nth(i).is_visible() for i in range(2))
    assert page.locator("figure.media-remote:not([data-player]) button").count() == 0


def test_a_click_puts_the_provider_s_player_in_the_card_s_place(media_opener: Opener) -> None:
    context = media_opener.context()
    asked: list[str] = []

    def player(route: Any) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=PLAYER_PAGE)

    # Registered after the watch's catch-all, so it answers first: the provider is never reached.
    context.route("https://www.youtube-nocookie.com/**", player)
    page = media_opener.open(MEDIA_EVENT, context=context)
    page.wait_for_load_state("networkidle")
    assert asked == []
    youtube = page.locator("figure[data-player*='youtube-nocookie']")
    youtube.locator("button").click()
    frame = youtube.locator(".media-player iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aPweFhhXFvY?autoplay=1"
    assert frame.get_attribute("title") == "Engineers explain the Kostra spillway (YouTube)"
    assert youtube.locator(".media-play-row").count() == 0
    assert youtube.locator(".media-card-title a").inner_text() == "Engineers explain the Kostra spillway"
    for _ in range(50):  # the frame's request, answered by the stand-in
        if asked:
            break
        page.wait_for_timeout(50)
    assert asked == ["https://www.youtube-nocookie.com/embed/aPweFhhXFvY?autoplay=1"]
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    box = frame.bounding_box()
    assert box is not None and abs(box["width"] / box["height"] - 16 / 9) < 0.02
    # The Vimeo card is untouched until asked for too.
    assert page.locator("figure[data-player*='vimeo'] .media-card").count() == 1


def test_images_keep_their_place_before_they_load(media_opener: Opener) -> None:
    """Each image's width and height reserve its box: with the images held back, the lead
    image's box already has the photo's shape, and nothing moves when they arrive."""
    context = media_opener.context()
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    context.route("**/media/**", hold)
    page = context.new_page()
    page.goto(media_opener.site.url(MEDIA_EVENT), wait_until="domcontentloaded")
    box = page.locator("figure.media-lead img").bounding_box()
    assert box is not None and box["width"] > 300 and abs(box["width"] / box["height"] - 1.5) < 0.01
    summary_before = page.locator(".event-summary").bounding_box()
    page.evaluate(
        """() => { window.shifts = 0; new PerformanceObserver(list => {
             for (const entry of list.getEntries()) window.shifts += entry.value; })
             .observe({type: "layout-shift", buffered: true}); }"""
    )
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelector('figure.media-lead img').complete")
    page.wait_for_timeout(100)
    assert page.locator(".event-summary").bounding_box() == summary_before
    assert page.evaluate("window.shifts") == 0
    for img in page.locator("main img").all():
        assert img.get_attribute("width") and img.get_attribute("height")


@pytest.mark.parametrize("path", ["", MEDIA_EVENT, "tags/monitoring/"])
def test_pages_with_images_fit_a_phone(path: str, media_opener: Opener) -> None:
    page = media_opener.open(path, viewport={"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for img in page.locator("main img").all():
        img.scroll_into_view_if_needed()
        box = img.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", MEDIA_EVENT, "events/gauge-readings-shared/"])
def test_media_pages_have_no_axe_violation(
    path: str, scheme: str, media_opener: Opener, axe_source: str
) -> None:
    # axe is injected as an inline script, which the pages' CSP forbids: bypass it for this check only.
    context = media_opener.context(color_scheme=scheme, bypass_csp=True)
    page = media_opener.open(path, context=context)
    page.emulate_media(color_scheme=scheme)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page, axe_source) == []


def test_the_timeline_with_thumbnails_stays_within_its_weight(media_opener: Opener) -> None:
    context = media_opener.context()
    responses: list[Response] = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    page.goto(media_opener.site.url(""), wait_until="networkidle")
    # Each image scrolled to in turn, as a reader reads down (a jump to the end passes the
    # lazy images above it), and loaded before the next.
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
        page.wait_for_function("image => image.complete", arg=image.element_handle())
    page.wait_for_load_state("networkidle")
    # An image can be complete in the page a moment before its response event is handed over.
    shown = page.locator("main img").count()
    for _ in range(100):
        if sum("/media/" in response.url for response in responses) >= shown:
            break
        page.wait_for_timeout(50)
    bodies = {response.url: len(response.body()) for response in responses}
    images = {url: size for url, size in bodies.items() if "/media/" in url}
    assert len(images) == shown, images
    # Each the smallest copy its srcset offers (a 480-pixel thumbnail; a chart's smallest is 640), as WebP.
    assert all(url.endswith(("-480.webp", "-640.webp")) for url in images), images
    total = sum(bodies.values())
    print(f"fixture timeline page with thumbnails: {total} bytes: {bodies}")
    assert total < 150 * 1024
