"""A site's own theme never writes a memory address into a page.

Python shows a function, a method or a plain object as `<function _ at 0x7f3a...>`: a text
that differs on every build, so two builds of the same site would differ and a cached
rebuild would not equal a cold one. `{{ value }}` of such a value is refused where it is
written (`shown_value`, the theme's finalize); so is each operand of `~`, which the theme's
code generator sends through the same check; and a list or mapping holding one. Any other
way a template could turn one into text (a filter such as `|upper` or `|join`) is caught
on the page itself (`address_problem`).
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat

# How Python ends what it shows of a value without text of its own, "<... at 0x7f3a...>",
# escaped or not, in any case (`|upper`).
ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}(?:>|&gt;)", re.IGNORECASE)

CONTAINERS = (list, tuple, dict, set, frozenset)


def shown_value(value: Any) -> Any:
    """What `{{ value }}` prints in a site's own theme: never a function, a class or a module,
    nor a list or mapping holding one."""
    if isinstance(value, jinja2.Undefined):  # callable, but says what is undefined when shown
        return value
    if callable(value) or isinstance(value, types.ModuleType):
        raise TypeError('a function cannot be shown; call it: {{ _("...") }}, {{ card(view, root) }}')
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
