"""Every kind of page: no axe-core violation of WCAG 2.2 A/AA in either colour scheme, one h1,
landmarks, a working skip link, visible focus, no sideways scrolling at 375 px."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import WCAG_TAGS, Opener, ServedSite
from .pages import tab_to

KINDS = ["timeline", "event", "source", "sources", "tag", "tags", "actor", "actors", "place", "places",
         "disputes", "corrections", "free page", "404"]


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """axe-core's violations of the WCAG tags, and contrast it could not decide (to be looked at)."""
    page.add_script_tag(content=axe_source)
    # axe cannot decide the contrast of text inside an <svg> (it counts the svg as an image):
    # the charts' text is checked by test_chart_text_has_the_contrast_of_body_text instead.
    found: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
                  .then(r => r.violations.concat(r.incomplete
                      .filter(i => i.id === "color-contrast")
                      .map(i => ({...i, nodes: i.nodes.filter(
                          n => !document.querySelector(n.target[0])?.closest("svg"))}))
                      .filter(i => i.nodes.length > 0)))""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in found
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_has_no_axe_violation(
    kind: str, scheme: str, opener: Opener, served_site: ServedSite, axe_source: str
) -> None:
    # axe is injected as an inline script, which the pages' CSP forbids: bypass it for this check only.
    context = opener.context(color_scheme=scheme, bypass_csp=True)
    page = opener.open(served_site.kinds[kind], context=context)
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    assert axe_violations(page, axe_source) == []


CONTRAST_OF_SVG_TEXT = """() => {
  const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = rgb(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll("svg.claim-chart-svg text")].map(text => {
    const [a, b] = [luminance(rgb(getComputedStyle(text).fill)), luminance(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_has_the_contrast_of_body_text(
    scheme: str, opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds["disputes"], color_scheme=scheme)
    page.emulate_media(color_scheme=scheme)
    ratios = page.evaluate(CONTRAST_OF_SVG_TEXT)
    assert ratios, "the disputes page of the served site has a chart"
    assert min(ratios) >= 4.5, ratios


def test_filtered_timeline_has_no_axe_violation(opener: Opener, axe_source: str) -> None:
    """The search form, shown and in use, with a result announced, is accessible too."""
    context = opener.context(bypass_csp=True)
    page = opener.open("?tag=military&q=kim", context=context)
    page.wait_for_selector("#finder-clear:not([hidden])")
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("kind", KINDS)
def test_page_has_one_h1_landmarks_title_and_description(
    kind: str, opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds[kind])
    assert page.locator("h1").count() == 1
    for landmark in ("header.site-header", "nav[aria-label]", "main#main", "footer.site-footer"):
        assert page.locator(landmark).count() >= 1, landmark
    assert page.title().strip()
    assert page.locator('meta[name="description"]').get_attribute("content").strip()
    assert page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("kind", ["timeline", "event", "source"])
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    kind: str, opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds[kind])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(scheme: str, opener: Opener, served_site: ServedSite) -> None:
    page = opener.open(served_site.kinds["event"], color_scheme=scheme)
    tab_to(page, ".site-nav a")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2


@pytest.mark.parametrize("kind", KINDS)
def test_no_sideways_scrolling_at_375_px(kind: str, opener: Opener, served_site: ServedSite) -> None:
    page = opener.open(served_site.kinds[kind], viewport={"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Readable without zooming: the viewport follows the device, the text is at least 16 px.
    assert "width=device-width" in page.locator('meta[name="viewport"]').get_attribute("content")
    assert float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px")) >= 16


def test_every_page_of_the_site_fits_320_px(opener: Opener, served_site: ServedSite) -> None:
    # 320 CSS px: WCAG 1.4.10 (Reflow), a 1280 px window zoomed to 400 %.
    context = opener.context(viewport={"width": 320, "height": 812})
    page = context.new_page()
    wide = []
    for path in served_site.html_paths():
        if path == "404.html":
            continue
        page.goto(served_site.url(path))
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(path)
    assert wide == []


def test_reduced_motion_turns_smooth_scrolling_off(opener: Opener) -> None:
    page = opener.open("", reduced_motion="reduce")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page = opener.open("", reduced_motion="no-preference")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
