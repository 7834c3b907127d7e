"""The elements of an HTML document that its page hides from its readers (`hidden`, a closed
`<dialog>`, and what the page's own CSS hides: `style="display: none"`, a rule of its
`<style>` elements, source.css_hiding): their text is no text a reader saw, so a quote cannot
verify against it. Tracked tag by tag as an HTML parser meets them, with HTML's
implied ends (a `<p>` ends at the next block, an `<li>` at the next item of its list, a `<td>`
at the next cell) and an inline element closed by the end of the block holding it.

`aria-hidden` hides an element from screen readers only: its text is on the screen, and stays.
Hiding by a class name that only a linked stylesheet hides (`class="d-none"`, with the rule in
a `.css` file) needs that stylesheet, which the build does not fetch: such text stays too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from chronicle.source.css_hiding import PageStyles, style_hides

VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())

_CELLS = frozenset({"td", "th", "tr"})
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot"})
_ENDED_BY_START: Mapping[str, Collection[str]] = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": _CELLS,
    "th": _CELLS,
    "option": {"option", "optgroup"},
}
"""An element ended by a sibling's start tag (HTML's implied end tags); `<p>`: by any block."""
_ENDED_BY_END: Mapping[str, Collection[str]] = {
    "li": {"ul", "ol", "menu"},
    "dt": {"dl"},
    "dd": {"dl"},
    "tr": _TABLE_PARTS,
    "td": {"tr", *_TABLE_PARTS},
    "th": {"tr", *_TABLE_PARTS},
    "option": {"select", "datalist", "optgroup"},
}
"""An element ended by the end tag of what holds it."""


def hides(tag: str, attrs: list[tuple[str, str | None]], styles: PageStyles) -> bool:
    """Whether an element's attributes, or the page's rules for it, hide it from its readers."""
    names = {name for name, _ in attrs}
    if "hidden" in names or (tag == "dialog" and "open" not in names):
        return True
    said = None
    for name, value in attrs:
        if name == "style" and value:
            said = style_hides(value)
    return said if said is not None else styles.hide(tag, attrs)


class HiddenElements:
    """Whether the parser is inside an element the page hides (`hidden`)."""

    def __init__(self, blocks: Collection[str], styles: PageStyles | None = None) -> None:
        self.blocks = blocks
        self.styles = styles or PageStyles()
        self.element: str | None = None
        """The hidden element the parser is in (the outermost), or None."""
        self.inside: list[str] = []
        """The elements opened inside it and not yet closed."""

    @property
    def hidden(self) -> bool:
        return self.element is not None

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.element is not None and self._ended_by_start(tag):
            self.element, self.inside = None, []
        if self.element is not None:
            if tag not in VOID_TAGS:
                self.inside.append(tag)
        elif tag not in VOID_TAGS and hides(tag, attrs, self.styles):
            self.element = tag

    def end(self, tag: str) -> None:
        element = self.element
        if element is None:
            return
        if tag in self.inside:
            del self.inside[len(self.inside) - 1 - self.inside[::-1].index(tag) :]
        elif tag == element or tag in _ENDED_BY_END.get(element, ()) or (
            element not in self.blocks and tag in self.blocks
        ):
            self.element, self.inside = None, []

    def _ended_by_start(self, tag: str) -> bool:
        """Whether `tag`, starting now, implies the end of the hidden element (only when
        nothing but paragraphs or inline elements were opened in it since)."""
        element = self.element
        assert element is not None
        if any(opened in self.blocks and opened != "p" for opened in self.inside):
            return False
        if element == "p":
            return tag in self.blocks
        return tag in _ENDED_BY_START.get(element, ())
