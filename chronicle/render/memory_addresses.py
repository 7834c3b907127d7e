"""A site's own theme never writes a memory address into a page.

Python shows a function, a method or a plain object as `<function _ at 0x7f3a...>`: a text
that differs on every build, so two builds of the same site would differ and a cached
rebuild would not equal a cold one. `{{ value }}` of such a value is refused where it is
written (`shown_value`, the theme's finalize); so is each operand of `~`, which the theme's
code generator sends through the same check; and a list or mapping holding one. So is such
a value given to a filter that makes text of it (`|string`, `|pprint`, `|format`, `|join`,
`|upper`, ...: `text_filters_checked`), to a text's method (`"{}".format(x)`) or to `%`
(`shows_an_address`, from the theme's `call` and `call_binop`), so that no cut of the text
(`[:-1]`, `|truncate`) hides what it is. Anything else is caught on the page itself
(`address_problem`).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat

# How Python ends what it shows of a value without text of its own, "<... at 0x7f3a...>",
# escaped or not, in any case (`|upper`).
ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}(?:>|&gt;)", re.IGNORECASE)

CONTAINERS = (list, tuple, dict, set, frozenset)

TEXT_FILTERS = (
    *("capitalize", "center", "e", "escape", "forceescape", "format", "indent", "join", "lower"),
    *("pprint", "replace", "safe", "string", "striptags", "title", "trim", "truncate", "upper"),
    *("urlencode", "urlize", "wordcount", "wordwrap", "xmlattr"),
)
"""Jinja's filters that make text of the values they are given."""

_ADDRESS_ANYWHERE = re.compile(r" at 0x[0-9a-f]{6,}", re.IGNORECASE)


def shows_an_address(value: Any, depth: int = 0) -> bool:
    """Whether Python's text of `value` holds a memory address: an object without text of its
    own (jinja's `cycler()`), a function or a method (`<function _ at 0x...>`), or a list or
    mapping holding one."""
    if isinstance(value, (str, int, float)) or value is None or isinstance(value, jinja2.Undefined):
        return False
    if isinstance(value, CONTAINERS):
        items = value.values() if isinstance(value, dict) else value
        return depth < 8 and any(shows_an_address(item, depth + 1) for item in items)
    kind: Any = type(value)
    if kind.__repr__ is object.__repr__ and kind.__str__ is object.__str__:
        return True
    return callable(value) and _ADDRESS_ANYWHERE.search(repr(value)) is not None


def refuse_addresses(what: str, values: Iterable[Any]) -> None:
    """TypeError when one of `values` would show a memory address as text."""
    if any(shows_an_address(value) for value in values):
        raise TypeError(f"{what} cannot make text of a function or an object without text of its own")


def text_filters_checked(filters: dict[str, Callable[..., Any]]) -> None:
    """Each of TEXT_FILTERS refusing a value that would show a memory address."""
    for name in TEXT_FILTERS:
        filters[name] = _checked(filters[name], name)


def _checked(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    passed = 1 if hasattr(function, "jinja_pass_arg") else 0  # the context or environment first

    def call(*args: Any, **kwargs: Any) -> Any:
        if len(args) > passed and isinstance(args[passed], Iterator):
            args = (*args[:passed], list(args[passed]), *args[passed + 1 :])  # a generator: read once
        given = list(args[passed:]) + list(kwargs.values())
        if name == "join" and ("attribute" in kwargs or len(args) > passed + 2):
            given = given[1:]  # the items' attributes become text, not the items
        refuse_addresses(f"|{name}", given)
        return function(*args, **kwargs)

    if hasattr(function, "jinja_pass_arg"):
        call.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return call


def shown_value(value: Any) -> Any:
    """What `{{ value }}` prints in a site's own theme: never a function, a class or a module,
    nor a list or mapping holding one."""
    if isinstance(value, jinja2.Undefined):  # callable, but says what is undefined when shown
        return value
    if callable(value) or isinstance(value, types.ModuleType):
        raise TypeError('a function cannot be shown; call it: {{ _("...") }}, {{ card(view, root) }}')
    if shows_an_address(value) and not isinstance(value, CONTAINERS):
        raise TypeError("an object without text of its own cannot be shown (a cycler: show its next())")
    if isinstance(value, CONTAINERS) and ADDRESS.search(repr(value)):
        raise TypeError("a list or mapping holding a function cannot be shown: show its items one by one")
    return value


class ShownConcat(CodeGenerator):
    """Compiles `a ~ b` so that each operand is checked as `{{ a }}` would be (through the
    environment's finalize) before it is joined."""

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)((")
        else:
            self.write("markup_join((" if frame.eval_ctx.autoescape else "str_join((")
        for argument in node.nodes:
            self.write("environment.finalize(")
            self.visit(argument, frame)
            self.write("), ")
        self.write("))")


def address_problem(pieces: Iterable[str]) -> str | None:
    """The first memory address in a rendered page, as its text says it; None: none."""
    for piece in pieces:
        found = ADDRESS.search(piece)
        if found is not None:
            text = str(piece)  # (a Markup's replace would escape its "<")
            before = text[max(0, found.start() - 200) : found.start()]
            opening = min((at for at in (before.find("<"), before.find("&lt;")) if at >= 0), default=0)
            return (before[opening:] + found[0]).replace("&lt;", "<").replace("&gt;", ">")
    return None
