"""End to end: a claim with dated numeric values is drawn as a chart over time, as static SVG
beside its table, on the event page and on the disputes page.

The site is tests/fixtures/minimal/ with tests/fixtures/claims-over-time/ laid over it: one
event whose claim has three dated numbers (one a range, one approximately dated) and one
undated value in words; and a second claim in words only.
"""

from __future__ import annotations

import shutil
from collections import Counter

import lxml.html
import pytest
from conftest import FIXTURES, SUB_PATH_URL
from site_reader import BuiltSite, build_site, ids_of

EVENT = "events/troops-sent-north/"
PAGES = [EVENT, "disputes/"]
CHARTED = ["at least 600", "between 3,000 and 5,000", "about 12,000"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("claims") / "site-folder"
    shutil.copytree(FIXTURES / "minimal", root)
    shutil.copytree(FIXTURES / "claims-over-time", root, dirs_exist_ok=True)
    return build_site(root, root.parent / "out", SUB_PATH_URL)


def _chart(site: BuiltSite, path: str) -> lxml.html.HtmlElement:
    charts = site.page(path).cssselect("figure.claim-chart svg.claim-chart-svg")
    assert len(charts) == 1
    return charts[0]


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_is_an_image_named_by_its_title_and_description(site: BuiltSite, path: str) -> None:
    svg = _chart(site, path)
    title, desc = (svg.find(tag) for tag in ("title", "desc"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text_content() == "Number of Alpha's soldiers in the north: estimates over time"
    assert all(figure in desc.text_content() for figure in CHARTED)


@pytest.mark.parametrize("path", PAGES)
def test_the_caption_says_which_words_are_not_drawn_and_sends_readers_to_the_table(
    site: BuiltSite, path: str
) -> None:
    """A dot for "about 12,000" stands where 12,000 does: the caption says "about" is not
    drawn, and sends the reader to the table for the figures in their sources' words."""
    caption = site.page(path).cssselect("figure.claim-chart figcaption")[0].text_content()
    assert "words such as “about” are not drawn" in caption
    assert "in its source's words" in caption
    assert "stated figure" not in caption


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_draws_every_dated_number_with_its_own_title(site: BuiltSite, path: str) -> None:
    points = _chart(site, path).cssselect("g.chart-point")
    titles = [point.find("title").text_content() for point in points]
    assert [title.split(",")[0] for title in titles] == [
        "at least 600 (a lower bound)",
        "between 3",
        "about 12",
    ]
    assert [len(point.cssselect("circle")) for point in points] == [1, 0, 1]
    assert "chart-range" in points[1].get("class")


@pytest.mark.parametrize("path", PAGES)
def test_a_lower_bound_is_an_open_circle_with_an_arrow_up_that_a_legend_explains(
    site: BuiltSite, path: str
) -> None:
    """ "At least 600" is not drawn as a dot at 600, the mark of "about 600": its mark says
    the figure may be higher, and the legend and the description say how."""
    floor, _, estimate = _chart(site, path).cssselect("g.chart-point")
    assert floor.get("class").split() == ["chart-point", "chart-bound", "chart-at-least"]
    assert floor.cssselect("circle")[0].get("class") == "chart-open"
    (arrow,) = floor.cssselect("line.chart-arrow")
    assert float(arrow.get("y2")) < float(arrow.get("y1")) < float(floor.cssselect("circle")[0].get("cy"))
    assert not estimate.cssselect(".chart-arrow, .chart-open")
    legend = site.page(path).cssselect("figure.claim-chart .chart-legend li")
    assert [item.text_content().strip() for item in legend] == [
        "a lower bound: at least the number it stands at (“at least”, “more than”)"
    ]
    desc = _chart(site, path).find("desc").text_content()
    assert "the figure is at least the number it stands at" in desc


@pytest.mark.parametrize("path", PAGES)
def test_figures_all_of_one_date_have_no_chart(site: BuiltSite, path: str) -> None:
    """Two reports of "more than 40" tanks in November 2025 are one point in time: no chart."""
    (wrap,) = [
        wrap for wrap in site.page(path).cssselect(".table-wrap") if "more than 40" in wrap.text_content()
    ]
    assert wrap.cssselect("figure") == []
    assert "As of" in wrap.cssselect("thead")[0].text_content()


@pytest.mark.parametrize("path", PAGES)
def test_the_table_has_an_as_of_column_with_machine_dates_only_where_certain(
    site: BuiltSite, path: str
) -> None:
    table = site.page(path).cssselect("table.claim")[0]
    headers = [th.text_content() for th in table.cssselect("thead th")]
    cells = table.cssselect("td.claim-as-of")
    assert headers == ["Figure", "According to", "As of", "Source"]
    assert [cell.text_content() for cell in cells] == [
        "2 April 2025",
        "c. July 2025 (approximate date)",  # the note is for screen readers
        "November 2025",
        "not stated",
    ]
    assert [[time.get("datetime") for time in cell.iter("time")] for cell in cells] == [
        ["2025-04-02"],
        [],
        ["2025-11"],
        [],
    ]


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_comes_before_its_table_with_no_script_and_no_aria_roles_on_the_table(
    site: BuiltSite, path: str
) -> None:
    page = site.page(path)
    figure, table = page.cssselect("figure.claim-chart")[0], page.cssselect("table.claim")[0]
    assert figure.getnext() is table
    assert figure.xpath(".//script | .//*[@*[starts-with(name(), 'on')]]") == []
    assert [element for element in table.iter() if element.get("role")] == []


@pytest.mark.parametrize("path", PAGES)
def test_ids_stay_unique_on_the_page(site: BuiltSite, path: str) -> None:
    page = site.page(path)
    ids = Counter(
        element.get("id") for element in page.iter() if isinstance(element.tag, str) and element.get("id")
    )
    assert [name for name, count in ids.items() if count > 1] == []
    assert {"claim-troops-sent-north-1-chart-title", "claim-troops-sent-north-1-chart-desc"} <= ids_of(page)


@pytest.mark.parametrize("path", PAGES)
def test_a_claim_without_dated_numbers_has_no_chart_and_no_as_of_column(site: BuiltSite, path: str) -> None:
    wrap = site.page(path).cssselect(".table-wrap")[1]
    assert wrap.cssselect("figure") == []
    assert [th.text_content() for th in wrap.cssselect("thead th")] == ["Figure", "According to", "Source"]
