"""An HTML document is read in time linear in its length on every Python 3.11: one that opens
tags and never closes them (`<a<a<a...`) took minutes for 320 KB on Python before 3.11.14
(CVE-2025-6069), and its text is what that parser made of it."""

from __future__ import annotations

import time

from chronicle.authoring.slide_markdown import html_to_markdown
from chronicle.source.documents import MAX_UNCLOSED_TAIL, html_to_text


def test_an_html_document_ending_in_unclosed_tags_is_read_quickly() -> None:
    started = time.monotonic()
    text = html_to_text("<p>Hello</p>" + "<a" * 100_000)
    assert time.monotonic() - started < 10  # 30 s and more before, in the parser's close
    assert text == "Hello\n\n" + "<a" * 100_000 + "\n"


def test_a_long_unclosed_end_reads_as_text_as_a_short_one_does() -> None:
    def tail(count: int) -> str:
        return html_to_text("<p>a &amp; b</p>" + "<!--<a &lt; " * count)

    assert tail(10) == "a & b\n\n" + ("<!--<a < " * 10).strip() + "\n"
    assert tail(MAX_UNCLOSED_TAIL) == "a & b\n\n" + ("<!--<a < " * MAX_UNCLOSED_TAIL).strip() + "\n"


def test_a_slide_ending_in_unclosed_tags_is_imported_quickly() -> None:
    # `import` turns a TimelineJS slide's HTML into markdown with a parser of its own.
    started = time.monotonic()
    html_to_markdown("<p>Hello</p>" + "<a" * 100_000)
    assert time.monotonic() - started < 10  # 30 s and more before, in the parser's close
