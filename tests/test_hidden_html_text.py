"""Text an HTML document hides from its readers (`hidden`, `aria-hidden="true"`, `display:
none`, `visibility: hidden`) is not part of its text: a quote cannot verify words no reader
of the original saw."""

from __future__ import annotations

import pytest

from chronicle.source.documents import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>The army did <span hidden>not</span> withdraw.</p>", "The army did withdraw.\n"),
        ('<p>A<b aria-hidden="true">icon</b>B</p>', "AB\n"),
        ('<p style="display:none">The president admitted it.</p><p>Shown.</p>', "Shown.\n"),
        ('<div style="visibility: hidden"><div>a</div><div>b</div></div><p>c</p>', "c\n"),
        ("<p hidden>not closed<p>Shown after it.</p>", "Shown after it.\n"),
        ('<span hidden>a <span>b</span> c</span>d', "d\n"),
    ],
)
def test_hidden_elements_are_left_out_of_the_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    "html",
    ['<p aria-hidden="false">Shown.</p>', '<p style="color: red">Shown.</p>', "<p><del>Shown.</del></p>"],
)
def test_elements_shown_to_readers_keep_their_text(html: str) -> None:
    assert html_to_text(html) == "Shown.\n"
