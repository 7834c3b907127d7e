"""Reading on paper and on a phone: what print keeps and how it parts names, text enlarged to
200 % on a phone, where a period page puts its events, and the overview chart's marks, labels
and focus rings where a narrow screen or forced colours could hide them."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Opener, ServedSite
from .test_paging import a_split_year, paged, paged_site  # noqa: F401  (fixtures)

PHONE = {"width": 390, "height": 844}


def test_printed_chips_are_parted_by_a_mark_where_the_screens_borders_were(
    opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds["event"])
    page.emulate_media(media="print")
    marks = page.evaluate(
        """[...document.querySelectorAll('.chips li + li')].map(
             li => getComputedStyle(li, '::before').content)"""
    )
    assert marks, "the event page has a list of several actors, places or topics"
    assert all("·" in mark for mark in marks), marks


@pytest.mark.parametrize("kind", ["timeline", "event"])
def test_chips_stay_on_a_phones_screen_with_text_enlarged_to_200_percent(
    kind: str, opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds[kind], viewport=PHONE)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def test_a_printed_year_in_months_keeps_its_months_and_the_overviews_table(
    paged: Opener,  # noqa: F811
    paged_site: ServedSite,  # noqa: F811
) -> None:
    page = paged.open(a_split_year(paged_site) + "/")
    page.emulate_media(media="print")
    assert page.locator("nav.period-months").is_visible()
    assert page.locator(".overview-table table").is_visible()
    assert page.locator(".overview-table summary").is_hidden()
    assert page.locator("nav.year-index:not(.period-months)").is_hidden()


def test_a_printed_listing_count_ends_with_one_full_stop(opener: Opener, served_site: ServedSite) -> None:
    page = opener.open(served_site.kinds["tag"])
    page.emulate_media(media="print")
    count = page.locator(".listing-count").inner_text().strip()
    assert count.endswith("first.") and ". ." not in count, count


def test_a_period_page_lists_its_events_before_the_grid_of_years(
    paged: Opener,  # noqa: F811
    paged_site: ServedSite,  # noqa: F811
) -> None:
    year = a_split_year(paged_site)
    for path in (f"{year}/", f"{year}/03/"):
        page = paged.open(path, viewport=PHONE)
        order = page.evaluate(
            """() => {
              const years = document.querySelector('nav.year-index:not(.period-months)');
              const content = document.querySelector('#timeline, nav.period-months');
              const periods = document.querySelector('.period-prev-next');
              const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
              return [after(content, years), after(periods, content)];
            }"""
        )
        assert order == [True, True], path  # the events, then the years; earlier/later first


@pytest.mark.parametrize("path", ["", "YEAR/"])
def test_the_overviews_labels_are_not_cut_at_the_edges_on_a_phone(
    path: str,
    paged: Opener,  # noqa: F811
    paged_site: ServedSite,  # noqa: F811
) -> None:
    page = paged.open(path.replace("YEAR", a_split_year(paged_site)), viewport=PHONE, is_mobile=True)
    cut = page.evaluate(
        """() => {
          const box = document.querySelector('svg.overview-svg').getBoundingClientRect();
          return [...document.querySelectorAll('.overview-tick')]
            .map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(([text]) => text);
        }"""
    )
    assert cut == []


CONTRAST_OF_UNSURE_MARKS = """() => {
  const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const background = rgb(getComputedStyle(document.body).backgroundColor);
  // A mark's edge as seen: its outline if it has one, else its fill laid over the page at its opacity.
  const seen = mark => {
    const style = getComputedStyle(mark);
    if (style.stroke !== 'none') return rgb(style.stroke);
    const alpha = Number(style.opacity) * Number(style.fillOpacity);
    return rgb(style.fill).map((c, i) => c * alpha + background[i] * (1 - alpha));
  };
  return ['.overview-outside', '.overview-span'].map(selector => {
    const mark = document.querySelector(selector);
    return [selector, mark ? ratio(seen(mark), background) : null];
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark", "forced"])
def test_the_overviews_unsure_tops_and_running_spans_stand_out_from_the_page_at_3_to_1(
    scheme: str,
    paged: Opener,  # noqa: F811
) -> None:
    options: dict[str, Any] = (
        {"forced_colors": "active", "color_scheme": "dark"}
        if scheme == "forced"
        else {"color_scheme": scheme}
    )
    page = paged.open("", **options)
    ratios = dict(page.evaluate(CONTRAST_OF_UNSURE_MARKS))
    assert all(ratio is not None for ratio in ratios.values()), "the generated timeline has both marks"
    assert min(ratios.values()) >= 3, ratios


def test_a_focused_link_in_a_claim_table_keeps_its_whole_ring_on_a_phone(
    opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open(served_site.kinds["event"], viewport=PHONE)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap a')].filter(link => {
             const ring = 5;  // the focus outline, 3 px, drawn 2 px outside the link
             const box = link.closest('.table-wrap').getBoundingClientRect();
             return [...link.getClientRects()].some(r => r.left - ring < box.left
               || r.right + ring > box.right || r.top - ring < box.top || r.bottom + ring > box.bottom);
           }).map(link => link.textContent)"""
    )
    assert page.locator(".table-wrap a").count() > 0
    assert cut == []
