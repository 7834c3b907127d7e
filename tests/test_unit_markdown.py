"""markdown: raw HTML and unsafe links refused; internal links resolved to site paths, joined per page."""

from __future__ import annotations

from pathlib import Path

import pytest
from renderers import render_plain

from chronicle.timeline.markdown import make_markdown, render_inline, render_markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures"

EVENT_PAGE = "events/slug/"


def html(source: str, prefix: str = "../../", base_path: str = EVENT_PAGE) -> str:
    return str(render_markdown(make_markdown(), source, base_path).html(prefix))


def test_raw_html_is_escaped() -> None:
    assert html("<script>alert(1)</script> and <b>bold</b>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;</p>\n"
    )


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "data:text/html,x"]
)
def test_unsafe_link_is_not_rendered_as_a_link(target: str) -> None:
    assert html(f"[click]({target})") == f"<p>[click]({target})</p>\n"


def test_relative_link_resolves_to_a_site_path() -> None:
    rendered = render_markdown(make_markdown(), "See [the other](../other/).", EVENT_PAGE)
    assert rendered.internal_links == ("events/other/",)


@pytest.mark.parametrize(
    ("prefix", "href"),
    [
        ("../../", "../../events/other/"),
        ("", "events/other/"),
        ("https://example.org/sub/", "https://example.org/sub/events/other/"),
    ],
    ids=["event-page", "home-page", "feed"],
)
def test_internal_link_is_joined_with_the_page_prefix(prefix: str, href: str) -> None:
    assert html("[the other](../other/)", prefix) == f'<p><a href="{href}">the other</a></p>\n'


@pytest.mark.parametrize(
    ("target", "site_path"),
    [
        ("/tags/x/", "tags/x/"),
        ("../other/#part", "events/other/#part"),
        ("./", "events/slug/"),
        ("pic.png", "events/slug/pic.png"),
        ("../../../../etc/", ""),
    ],
    ids=["root-relative", "with-fragment", "same-page", "file-beside-page", "above-the-root"],
)
def test_internal_link_targets(target: str, site_path: str) -> None:
    rendered = render_markdown(make_markdown(), f"[x]({target})", EVENT_PAGE)
    assert rendered.internal_links == (site_path,)


def test_query_only_link_stays_on_the_page() -> None:
    rendered = render_markdown(make_markdown(), "[next](?page=2)", EVENT_PAGE)
    assert rendered.internal_links == ("events/slug/?page=2",)


@pytest.mark.parametrize(
    "target",
    ["https://example.com/x?a=1", "//example.com/x", "mailto:a@example.org"],
    ids=["https", "protocol-relative", "mailto"],
)
def test_external_link_is_untouched(target: str) -> None:
    rendered = render_markdown(make_markdown(), f"[x]({target})", EVENT_PAGE)
    assert rendered.internal_links == ()
    assert rendered.html("../../") == f'<p><a href="{target.replace("&", "&amp;")}">x</a></p>\n'


def test_fragment_only_link_points_at_the_part_of_the_markdown_s_own_page() -> None:
    rendered = render_markdown(make_markdown(), "[below](#part)", EVENT_PAGE)
    assert rendered.internal_links == ("events/slug/#part",)


@pytest.mark.parametrize(
    ("prefix", "href"),
    [
        ("../../", "../../events/slug/#part"),
        ("", "events/slug/#part"),
        ("../../../", "../../../events/slug/#part"),
        ("https://example.org/sub/", "https://example.org/sub/events/slug/#part"),
    ],
    ids=["event-page", "timeline", "embed", "feed"],
)
def test_fragment_only_link_leads_to_the_event_page_wherever_the_summary_is_shown(
    prefix: str, href: str
) -> None:
    assert html("[below](#part)", prefix) == f'<p><a href="{href}">below</a></p>\n'


def test_fragment_only_link_in_a_caption_leads_to_the_event_page() -> None:
    rendered = render_inline(make_markdown(), "see [the sources](#sources)", EVENT_PAGE)
    assert str(rendered.html("")) == 'see <a href="events/slug/#sources">the sources</a>'


def test_image_source_is_resolved_like_a_link() -> None:
    assert html("![map](/assets/map.png)") == '<p><img src="../../assets/map.png" alt="map" /></p>\n'


def test_plain_text_drops_markup_and_joins_paragraphs() -> None:
    assert render_plain(make_markdown(), "Some *emphasis* and [a link](/x/).\n\nSecond `code`.") == (
        "Some emphasis and a link. Second code."
    )


def test_plain_text_keeps_code_alternative_text_and_table_cells_each_apart() -> None:
    # The text of the page's description, the search index and events.csv: no word left out.
    source = (FIXTURES / "markdown-text" / "every-kind-of-words.md").read_text(encoding="utf-8")
    assert render_plain(make_markdown(), source) == (
        "Intro sentence. indented codeword alpha fenced bravo chart of charlie and more. Who Count Seoul 600"
    )


def test_a_root_relative_link_whose_first_segment_looks_like_a_scheme_stays_a_path_at_the_root() -> None:
    rendered = render_markdown(make_markdown(), "[x](/javascript:alert(1))", "events/e/")
    assert 'href="./javascript:alert(1)"' in rendered.html("")
    assert 'href="../../javascript:alert(1)"' in rendered.html("../../")


def test_an_image_from_another_site_becomes_a_link_to_it() -> None:
    rendered = render_markdown(make_markdown(), "![a photo](https://example.org/x.png)", "events/e/")
    assert str(rendered.html("")) == '<p><a href="https://example.org/x.png">a photo</a></p>\n'


def test_an_image_becomes_its_alternative_text_as_read_not_as_written() -> None:
    source = "![caf&eacute; *b* \\[x\\]](https://example.org/y.png)"
    rendered = render_markdown(make_markdown(), source, "events/e/")
    assert str(rendered.html("")) == '<p><a href="https://example.org/y.png">café b [x]</a></p>\n'
    assert rendered.text == "café b [x]"


def test_an_image_from_another_site_inside_a_link_is_that_links_text_never_a_link_in_a_link() -> None:
    source = "[![Kim &amp; Shoigu](https://example.org/y.png)](https://example.org/)"
    rendered = render_markdown(make_markdown(), source, "events/e/")
    assert str(rendered.html("")) == '<p><a href="https://example.org/">Kim &amp; Shoigu</a></p>\n'


def test_a_character_reference_xml_cannot_hold_becomes_a_replacement_character() -> None:
    rendered = render_markdown(make_markdown(), "form &#12; feed", "events/e/")
    assert "\x0c" not in rendered.html("") and "\ufffd" in rendered.html("")
    assert "\x0c" not in rendered.text


def test_an_image_under_media_is_shown_as_its_text_since_only_its_copies_are_published() -> None:
    assert html("See ![the dam](../../media/dam.jpg)") == "<p>See the dam</p>\n"


SECTIONS = "# Background\n\nText.\n\n## Detail\n\nMore."


@pytest.mark.parametrize(
    ("below", "tags"), [(1, ["h2", "h3"]), ("h1", ["h2", "h3"]), (5, ["h6", "h6"]), (0, ["h1", "h2"])]
)
def test_headings_move_below_the_heading_the_markdown_is_shown_under(
    below: int | str, tags: list[str]
) -> None:
    rendered = render_markdown(make_markdown(), SECTIONS, EVENT_PAGE).html("", below)
    assert [
        tag for tag in ("h1", "h2", "h3", "h4", "h5", "h6") for _ in range(rendered.count(f"<{tag}>"))
    ] == tags


def test_headings_already_below_the_heading_shown_under_stay_as_written() -> None:
    rendered = render_markdown(make_markdown(), "### Small\n\nText.", EVENT_PAGE).html("", 1)
    assert rendered.startswith("<h3>Small</h3>")


def test_without_headings_each_heading_is_a_bold_paragraph() -> None:
    rendered = render_markdown(make_markdown(), "# The *big* one\n\nText.", EVENT_PAGE)
    assert (
        str(rendered.html_without_headings(""))
        == "<p><strong>The <em>big</em> one</strong></p>\n<p>Text.</p>\n"
    )
