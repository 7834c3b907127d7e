"""Text an HTML document hides from its readers (`hidden`, a closed `<dialog>`, `<noscript>`,
and what the page's own CSS hides: `display: none`, `visibility: hidden` in a style attribute
or a rule of its `<style>` elements, read as CSS reads them) is not part of its text: a quote
cannot verify words no reader of the original saw. HTML's implied end tags are followed;
`aria-hidden` text, on the screen, stays, and so does text any rule may show."""

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


@pytest.mark.parametrize(
    "html",
    [
        '<p><span style="display:/**/none">SECRET</span>Shown.</p>',
        '<p><span style="d\\69splay:none">SECRET</span>Shown.</p>',
        '<p><span style="display:n\\6f ne">SECRET</span>Shown.</p>',
        '<p><span style="visibility:collapse">SECRET</span>Shown.</p>',
        '<p><span style="content-visibility: hidden">SECRET</span>Shown.</p>',
        '<p><span style="display: block; display: none">SECRET</span>Shown.</p>',
        '<p><span style="display: none !important; display: inline">SECRET</span>Shown.</p>',
        "<p><noscript>SECRET</noscript>Shown.</p>",
        "<p><noframes>SECRET</noframes>Shown.</p>",
        "<dialog>SECRET</dialog><p>Shown.</p>",
        "<p><datalist><option>SECRET</option></datalist>Shown.</p>",
    ],
)
def test_what_css_and_closed_elements_hide_is_left_out_however_it_is_written(html: str) -> None:
    assert html_to_text(html) == "Shown.\n"


@pytest.mark.parametrize(
    "rule",
    [
        "#zz { display: none }",
        ".gone { display: none }",
        "span.gone#zz { visibility: hidden }",
        "p, .gone { display: none }",
        "SPAN { display: none }",
        ".g\\6f ne { display: none }",
        "/* a comment */ .gone { display : none !important }",
    ],
)
def test_a_rule_of_the_pages_own_stylesheet_hides_what_it_names(rule: str) -> None:
    html = f'<style>{rule}</style><div><span id="zz" class="gone">SECRET</span>Shown.</div>'
    assert html_to_text(html) == "Shown.\n"


@pytest.mark.parametrize(
    "styles",
    [
        "<style>.gone { display: none } .gone { display: inline }</style>",
        "<style>.gone { display: none } @media (max-width: 600px) { .gone { display: inline } }</style>",
        "<style>@media print { .gone { display: none } }</style>",
        '<style media="print">.gone { display: none }</style>',
        "<style>div .gone { display: none }</style>",
        "<style>.gone:hover { display: none }</style>",
        "<!-- <style>.gone { display: none }</style> -->",
    ],
)
def test_text_a_reader_may_see_whatever_the_rules_say_stays(styles: str) -> None:
    assert html_to_text(f'{styles}<div><span class="gone">Kept</span> too.</div>') == "Kept too.\n"


def test_an_elements_own_style_that_shows_it_overrides_a_rule_that_hides_it() -> None:
    html = (
        "<style>.gone { display: none }</style>"
        '<div><span class="gone" style="display: inline">Kept</span> too.</div>'
    )
    assert html_to_text(html) == "Kept too.\n"
