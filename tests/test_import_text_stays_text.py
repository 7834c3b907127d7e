"""`import` writes a slide's words so that the page shows them as TimelineJS shows them (red
team 23 F6): text that markdown would read as syntax (a line then `---`, "1994. " starting a
line, `[x](url)`, `*stars*`, `# `, `|`) is escaped in the summary; the markup the slide's
HTML means (paragraphs, line breaks, lists, links, bold, italic) stays markdown."""

from __future__ import annotations

import html

import pytest
from markdown_it.token import Token

from chronicle.authoring.slide_markdown import html_to_markdown
from chronicle.timeline.markdown import make_markdown

MD = make_markdown()

TEXTS = [
    "1994. The year the first agreement was signed.",
    "3) third",
    "The sign read [Exit](https://example.com/trap) and *nothing* else.",
    "# Not a heading",
    "> not a quotation",
    "- not an item",
    "+ not an item",
    "* not an item",
    "***",
    "___",
    "a_b_c stays a name; _this_ is no emphasis",
    "`code` and ``more``",
    "~~struck~~ and ~~~",
    "```",
    "<https://example.org/auto> and <b>",
    "![image](https://example.org/i.png)",
    "[ref]: https://example.org/",
    "a | b",
    "back\\slash\\",
    "Fish &amp; chips &copy; &#65;",
]


def shown_text(markdown: str) -> list[str]:
    """The paragraphs markdown makes of `markdown`, as plain text; fails on any other markup."""
    paragraphs = []
    for token in MD.parse(markdown):
        if token.type == "inline":
            children: list[Token] = token.children or []
            assert {child.type for child in children} <= {"text", "softbreak"}, markdown
            paragraphs.append(
                "".join(" " if child.type == "softbreak" else child.content for child in children)
            )
        else:
            assert token.type in ("paragraph_open", "paragraph_close"), (markdown, token.type)
    return paragraphs


@pytest.mark.parametrize("text", [text for text in TEXTS if "<" not in text])
def test_plain_words_of_a_slide_show_as_written(text: str) -> None:
    # a cell without tags is still HTML to TimelineJS: `&amp;` shows as `&`
    assert shown_text(html_to_markdown(text)) == [html.unescape(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_words_inside_a_paragraph_show_as_written(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    assert shown_text(html_to_markdown(f"<p>{escaped}</p>")) == [text]


def test_a_line_then_dashes_is_no_heading() -> None:
    markdown = html_to_markdown("The talks ended without a deal<br>---<br>Both sides left.")
    assert shown_text(markdown) == ["The talks ended without a deal --- Both sides left."]


def test_a_line_then_a_delimiter_row_is_no_table() -> None:
    assert shown_text(html_to_markdown("a | b\n:---")) == ["a | b :---"]


@pytest.mark.parametrize("mark", ["1994. ", "- ", "# "])
def test_words_opening_a_list_item_stay_text_in_the_item(mark: str) -> None:
    markdown = html_to_markdown(f"<ul><li>{mark}words</li></ul>")
    assert MD.render(markdown) == f"<ul>\n<li>{mark}words</li>\n</ul>\n"


def test_a_line_separator_in_plain_text_is_a_line_break() -> None:
    assert html_to_markdown("line\u2028sep\u2029next") == "line\nsep\n\nnext"


def test_markup_the_slide_means_stays_markdown() -> None:
    markdown = html_to_markdown('<p>See <a href="https://example.org/x">the *report*</a>, <b>1994.</b></p>')
    assert markdown == "See [the \\*report\\*](https://example.org/x), **1994.**"


# A slide's bold, italic and links as HTML, and the HTML the site then shows (the sheet's
# markup, markdown's emphasis rules applied: a marker flanks a word, never a space).
MARKUP = [
    ("<b>Note: </b>the meeting", "<p><strong>Note:</strong> the meeting</p>\n"),
    ("<i>word </i>next", "<p><em>word</em> next</p>\n"),
    ("a<b> b</b>", "<p>a <strong>b</strong></p>\n"),
    ("<b>a</b><b>b</b>", "<p><strong>ab</strong></p>\n"),
    ("x<b></b>y<i> </i>z", "<p>xy z</p>\n"),
    ("In 2024<b>.</b>", "<p>In 2024.</p>\n"),
    ("<b>bold<i>both</b> it</i>", "<p><strong>bold<em>both</em></strong> <em>it</em></p>\n"),
    ("<b>one<br>two</b>", "<p><strong>one</strong>\n<strong>two</strong></p>\n"),
    ("<p><b>one</p><p>two</b></p>", "<p><strong>one</strong></p>\n<p><strong>two</strong></p>\n"),
]


@pytest.mark.parametrize(("slide", "shown"), MARKUP, ids=[slide for slide, _ in MARKUP])
def test_bold_and_italic_show_as_the_slide_shows_them_without_stray_asterisks(slide: str, shown: str) -> None:
    assert MD.render(html_to_markdown(slide)) == shown


LINKS = [
    "https://en.wikipedia.org/wiki/Treaty_(2024)",
    "https://example.org/a)b",
    "https://example.org/a(b",
    "https://example.org/a\\",
]


@pytest.mark.parametrize("address", LINKS)
def test_a_links_address_is_kept_whole_whatever_its_brackets(address: str) -> None:
    rendered = MD.parse(html_to_markdown(f'<a href="{html.escape(address)}">the page</a> after'))
    (inline,) = [token for token in rendered if token.type == "inline"]
    children = inline.children or []
    assert [child.type for child in children] == ["link_open", "text", "link_close", "text"]
    assert MD.normalizeLinkText(str(children[0].attrs["href"])) == address
    assert children[3].content == " after"


def test_a_link_inside_a_link_is_its_words() -> None:
    slide = '<a href="https://a.example/">x <a href="https://b.example/">y</a></a>'
    assert html_to_markdown(slide) == "[x y](https://a.example/)"


def test_a_dropped_marker_at_a_lines_start_leaves_its_words_no_list() -> None:
    assert shown_text(html_to_markdown("<b></b>1994. Something")) == ["1994. Something"]
    assert shown_text(html_to_markdown("2024<b>.</b>")) == ["2024."]
