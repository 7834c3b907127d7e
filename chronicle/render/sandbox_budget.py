"""A bound on the work of one render of a site's own template. Each expression is bounded
(render.sandbox_limits), but loops multiply: two nested `range(100000)` are 10^10 rounds,
hours of `check`. So every round of a `for` loop (those its `if` skips too), every call of
a macro or of a `{% call %}` body, and every item of a `range` draws from one budget per
page, shared by the templates it extends, includes and the cards it renders.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import jinja2.nodes as nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import safe_range

MAX_STEPS = 2_000_000
"""The most loop rounds, macro calls and `range` items one render of a page may take."""

_render = threading.local()  # `serve` renders pages in threads


@contextmanager
def render_budget() -> Iterator[None]:
    """A fresh budget for a render; a render inside it (a card) draws from the same one."""
    depth = getattr(_render, "depth", 0)
    if depth == 0:
        _render.left = MAX_STEPS
    _render.depth = depth + 1
    try:
        yield
    finally:
        _render.depth = depth


def take_steps(count: int = 1) -> bool:
    """Draw `count` steps from the render's budget; True, so that it may guard a loop's `if`."""
    left = getattr(_render, "left", MAX_STEPS) - count
    if left < 0:
        raise SecurityError(
            f"a page's templates may take at most {MAX_STEPS:,} steps (loop rounds, macro calls, "
            "range items) in one render"
        )
    _render.left = left
    return True


def counted_range(*args: int) -> range:
    """The sandbox's `range` (at most 100,000 items), each item a step of the budget."""
    numbers = safe_range(*args)
    take_steps(len(numbers))
    return numbers


def with_steps(tree: nodes.Template) -> nodes.Template:
    """`tree` with a step taken at the start of every loop round, macro and call body, and
    before every loop filter (`{% for x in xs if test %}`), at the line of that statement."""
    for node in tree.find_all((nodes.For, nodes.Macro, nodes.CallBlock)):
        assert isinstance(node, (nodes.For, nodes.Macro, nodes.CallBlock))
        node.body.insert(0, nodes.ExprStmt(_step(node.lineno), lineno=node.lineno))
        if isinstance(node, nodes.For) and node.test is not None:
            node.test = nodes.And(_step(node.lineno), node.test, lineno=node.lineno)
    return tree


def _step(line: int) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute("take_steps", lineno=line), [], [], None, None, lineno=line)
