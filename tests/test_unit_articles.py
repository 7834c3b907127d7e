"""articles: a source document (.txt, .md, .html) -> the plain text that quotes are checked against."""

from __future__ import annotations

import pytest

from chronicle.source.documents import document_text, html_to_text, markdown_to_text


def test_html_entities_are_decoded() -> None:
    assert html_to_text("<p>Tom &amp; Jerry &mdash; &#8220;hi&#8221; &lt;tag&gt;</p>") == (
        "Tom & Jerry — “hi” <tag>\n"
    )


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var s = '<p>hidden</p>';</script>",
        "<style>p { color: red }</style>",
        "<template><p>hidden</p></template>",
    ],
    ids=["script", "style", "template"],
)
def test_content_a_reader_never_sees_is_dropped(hidden: str) -> None:
    assert html_to_text(f"<p>Before</p>{hidden}<p>After</p>") == "Before\n\nAfter\n"


def test_head_is_dropped() -> None:
    html = "<html><head><title>Page title</title></head><body><p>Body text</p></body></html>"
    assert html_to_text(html) == "Body text\n"


def test_body_after_an_unclosed_head_is_kept() -> None:
    html = "<html><head><title>Page title</title><body><p>Body text</p></body></html>"
    assert html_to_text(html) == "Body text\n"


def test_blocks_become_paragraphs_separated_by_a_blank_line() -> None:
    html = "<h1>Title</h1><p>First\n   paragraph</p><div>Second</div><ul><li>a</li><li>b</li></ul>"
    assert html_to_text(html) == "Title\n\nFirst paragraph\n\nSecond\n\na\n\nb\n"


def test_line_break_stays_a_line_break_inside_its_paragraph() -> None:
    assert html_to_text("<p>One<br>two<br/>three</p>") == "One\ntwo\nthree\n"


def test_inline_markup_does_not_separate_words() -> None:
    assert html_to_text("<p>An <b>important</b> <a href='#'>link</a>s</p>") == "An important links\n"


def test_markdown_is_reduced_to_its_words() -> None:
    source = "# Title\n\nSome *emphasis*, a [link](https://example.org/) and `code`.\n\n- one\n- two\n"
    assert markdown_to_text(source) == "Title\n\nSome emphasis, a link and code.\n\none\n\ntwo\n"


def test_raw_html_in_markdown_is_kept_as_the_text_written() -> None:
    assert markdown_to_text("Say <b>hi</b>\n") == "Say <b>hi</b>\n"


def test_plain_text_is_unchanged_but_for_line_endings() -> None:
    assert document_text("  keep   spaces\r\n\r\n\r\nand\rlines\n", ".txt") == (
        "  keep   spaces\n\n\nand\nlines\n"
    )


@pytest.mark.parametrize(
    ("raw", "suffix", "text"),
    [
        ("<p>a</p>\r\n<p>b</p>", ".html", "a\n\nb\n"),
        ("a *b*\r\n\r\nc", ".md", "a b\n\nc\n"),
    ],
    ids=["html", "markdown"],
)
def test_document_text_reads_by_suffix(raw: str, suffix: str, text: str) -> None:
    assert document_text(raw, suffix) == text


def test_the_text_of_a_text_area_or_a_preformatted_listing_stands_apart() -> None:
    text = html_to_text("<p>Minutes.</p><textarea>Draft.</textarea><xmp>Code.</xmp><plaintext>Rest.")
    assert text == "Minutes.\n\nDraft.\n\nCode.\n\nRest.\n"
