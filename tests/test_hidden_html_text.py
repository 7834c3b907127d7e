"""Text an HTML document hides from its readers (`hidden`, `display: none`, `visibility:
hidden`) is not part of its text: a quote cannot verify words no reader of the original saw.
HTML's implied end tags are followed; `aria-hidden` text, on the screen, stays."""

from __future__ import annotations

import pytest

from chronicle.source.documents import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>The army did <span hidden>not</span> withdraw.</p>", "The army did withdraw.\n"),
        ("<p>The army did <span hidden/>not</span> withdraw.</p>", "The army did withdraw.\n"),
        ("<table><tr hidden><td>SECRET row</td></tr><tr><td>shown</td></tr></table>", "shown\n"),
        ("<ul><li hidden>x<p>SECRET</p><li>shown</ul>", "shown\n"),
        ("<ul><li hidden><ul><li>SECRET</li></ul><li>shown</ul>", "shown\n"),
        ("<table><tr><td hidden><div>SECRET</div><td>shown</table>", "shown\n"),
        ('<dl><dd style="display:none"><p>SECRET</p><dt>shown</dl>', "shown\n"),
        ("<p>The army did <span hidden>not</p><p>VISIBLE</p>", "The army did\n\nVISIBLE\n"),
        ('<P HIDDEN>Upper</P><p style="DISPLAY : NONE !important">x</p><p>shown</p>', "shown\n"),
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
    [
        '<p aria-hidden="false">Shown.</p>',
        '<p aria-hidden="true">Shown.</p>',
        '<p style="color: red">Shown.</p>',
        "<p><del>Shown.</del></p>",
    ],
)
def test_elements_shown_to_readers_keep_their_text(html: str) -> None:
    assert html_to_text(html) == "Shown.\n"
