"""What a page's own CSS hides from its readers: a `style` attribute, and the rules of its
`<style>` elements, read with tinycss2 as browsers read CSS (comments, escapes such as
`d\\69splay`, case and `!important` are CSS's own, not a pattern's).

A declaration hides when it is `display: none`, `visibility: hidden` or `collapse`, or
`content-visibility: hidden`. A rule of a `<style>` element hides the elements its selector
names when the selector is one compound selector (`p`, `#box`, `.note`, `span.note#box`);
selectors with combinators, attributes or pseudo-classes are not matched, and neither are
rules inside `@media` and other at-rules, nor stylesheets the page links to (the build does not
fetch them). A rule anywhere in the page that shows such an element again (`display: block`,
in `@media` too) keeps its text: the build refuses no quote a reader may see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tinycss2

_HIDING: dict[str, tuple[str, ...]] = {
    "display": ("none",),
    "visibility": ("hidden", "collapse"),
    "content-visibility": ("hidden",),
}
"""Property -> the values of it that hide an element and its text."""

_STYLE_ELEMENTS = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_MEDIA = re.compile(r"""\bmedia\s*=\s*["']?\s*([^"'>\s]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Selector:
    """A compound selector: an element's tag (None: any), ids and classes, all to match."""

    tag: str | None
    ids: frozenset[str]
    classes: frozenset[str]

    def matches(self, tag: str, ids: frozenset[str], classes: frozenset[str]) -> bool:
        return (self.tag is None or self.tag == tag) and self.ids <= ids and self.classes <= classes


@dataclass(frozen=True)
class PageStyles:
    """The selectors of a page's rules that hide, and of those that set the same properties
    to a value that shows."""

    hiding: tuple[Selector, ...] = ()
    showing: tuple[Selector, ...] = ()

    def hide(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> bool:
        """Whether the page's rules hide the element, and none shows it again."""
        if not self.hiding:
            return False
        ids = frozenset(value for name, value in attrs if name == "id" and value)
        classes = frozenset(
            word for name, value in attrs if name == "class" and value for word in value.split()
        )
        return any(selector.matches(tag, ids, classes) for selector in self.hiding) and not any(
            selector.matches(tag, ids, classes) for selector in self.showing
        )


def style_hides(style: str) -> bool | None:
    """Whether a `style` attribute hides its element (True), shows it whatever a rule says
    (False: it sets a hiding property to another value), or says nothing of it (None)."""
    return _declared(tinycss2.parse_declaration_list(style, skip_comments=True, skip_whitespace=True))


def page_styles(html: str) -> PageStyles:
    """The rules of the page's `<style>` elements (those for every medium or the screen)."""
    hiding: list[Selector] = []
    showing: list[Selector] = []
    for attributes, css in _STYLE_ELEMENTS.findall(_COMMENTS.sub("", html)):
        media = _MEDIA.search(attributes)
        if media is not None and media.group(1).lower() not in ("all", "screen"):
            continue
        _read_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), hiding, showing)
    return PageStyles(tuple(hiding), tuple(showing))


def _read_rules(
    rules: Iterable[Any], hiding: list[Selector], showing: list[Selector], nested: bool = False
) -> None:
    for rule in rules:
        if rule.type == "at-rule" and rule.content is not None:
            # Shown in some media (`@media (max-width: 600px)`): counted as showing, never as hiding.
            inner = _contents(rule.content)
            _read_rules((item for item in inner if item.type == "qualified-rule"), hiding, showing, True)
        elif rule.type == "qualified-rule":
            said = _declared(item for item in _contents(rule.content) if item.type == "declaration")
            if said is not None:
                selectors = _selectors(rule.prelude)
                (showing if nested or not said else hiding).extend(selectors)


def _contents(block: Sequence[Any]) -> list[Any]:
    return list(tinycss2.parse_blocks_contents(block, skip_comments=True, skip_whitespace=True))


def _declared(declarations: Iterable[Any]) -> bool | None:
    """Whether the declarations hide (True), set a hiding property to a value that shows
    (False), or set none (None): the last declaration of a property counts, an important
    one over those that are not."""
    found: dict[str, tuple[bool, bool]] = {}
    for declaration in declarations:
        if declaration.type != "declaration" or declaration.lower_name not in _HIDING:
            continue
        important = bool(declaration.important)
        if found.get(declaration.lower_name, (False, False))[1] and not important:
            continue
        values = [token for token in declaration.value if token.type not in ("whitespace", "comment")]
        hides = (
            len(values) == 1
            and values[0].type == "ident"
            and values[0].lower_value in _HIDING[declaration.lower_name]
        )
        found[declaration.lower_name] = (hides, important)
    if not found:
        return None
    return any(hides for hides, _ in found.values())


def _selectors(prelude: Sequence[Any]) -> list[Selector]:
    """The compound selectors of a rule's selector list; any other selector is left out."""
    found: list[Selector] = []
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    for part in parts:
        selector = _compound(part)
        if selector is not None:
            found.append(selector)
    return found


def _compound(tokens: list[Any]) -> Selector | None:
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    tag, ids, classes, index = None, set(), set(), 0
    if tokens and tokens[0].type == "ident":
        tag, index = tokens[0].lower_value, 1
    elif tokens and tokens[0].type == "literal" and tokens[0].value == "*":
        index = 1
    while index < len(tokens):
        token = tokens[index]
        if token.type == "hash" and token.is_identifier:
            ids.add(token.value)
            index += 1
        elif (
            token.type == "literal"
            and token.value == "."
            and index + 1 < len(tokens)
            and tokens[index + 1].type == "ident"
        ):
            classes.add(tokens[index + 1].value)
            index += 2
        else:
            return None  # a combinator, an attribute, a pseudo-class: not matched
    if index == 0:
        return None
    return Selector(tag, frozenset(ids), frozenset(classes))
