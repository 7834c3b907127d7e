"""Bounds on what one expression of a site's own template may build: the sandbox refuses a
`range` of more than 100,000 items, and this refuses the other ways a line of a theme could
take all the memory or CPU of the build, or of a CI runner (`{{ "a" * 10**10 }}`,
`{{ 10 ** 10 ** 10 }}`, `{{ "%999999999s" % x }}`, `lipsum(10**7)`, `"x" | center(10**9)`).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sized
from typing import Any

import jinja2
import jinja2.filters
import jinja2.sandbox
import jinja2.utils
from jinja2.exceptions import SecurityError

MAX_BUILT = 10_000_000
"""The most items (characters, list items) one operation of a theme may build."""
MAX_POWER_BITS = 100_000
"""The largest power a theme may compute, in bits (about 30,000 digits)."""


def _refused(what: str) -> SecurityError:
    return SecurityError(f"{what}: a theme may build at most {MAX_BUILT:,} items at once")


def bounded_times(left: Any, right: Any) -> Any:
    """`left * right`, refused when it would repeat a text or a list into more than MAX_BUILT items."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, Sized) and isinstance(count, int) and len(seq) * count > MAX_BUILT:
            raise _refused(f"repeating {len(seq):,} items {count:,} times")
    return operator.mul(left, right)


def bounded_power(left: Any, right: Any) -> Any:
    big = isinstance(left, int) and isinstance(right, int) and abs(left).bit_length() * right > MAX_POWER_BITS
    if big and abs(left) > 1:
        raise SecurityError(f"{left} ** {right} is too large a number for a theme")
    return operator.pow(left, right)


_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
"""A conversion of printf-style formatting, with its width and precision."""


def bounded_modulo(left: Any, right: Any) -> Any:
    """`text % values`: refused when a width or precision in the text asks for more than MAX_BUILT."""
    bounded_widths(left)
    return operator.mod(left, right)


def bounded(function: Callable[..., Any], what: str, most: int, *positions: int) -> Callable[..., Any]:
    """`function` refusing an int argument over `most` at any of `positions` or by keyword."""

    def call(*args: Any, **kwargs: Any) -> Any:
        given = [args[at] for at in positions if at < len(args)] + list(kwargs.values())
        too_many = [value for value in given if isinstance(value, int) and value > most]
        if too_many:
            raise SecurityError(f"{what}({too_many[0]:,}): a theme may ask for at most {most:,}")
        return function(*args, **kwargs)

    if hasattr(function, "jinja_pass_arg"):  # a filter's context or environment argument, kept
        call.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return call


def bounded_format(function: Callable[..., Any]) -> Callable[..., Any]:
    """The `format` filter, refusing a width or precision over MAX_BUILT as `%` does."""

    def call(value: Any, *args: Any, **kwargs: Any) -> Any:
        bounded_widths(value)
        return function(value, *args, **kwargs)

    return call


def bounded_widths(text: Any) -> None:
    """Refuse a `%` or `{}` format string whose width or precision asks for more than MAX_BUILT."""
    if not isinstance(text, str):
        return
    sizes = [int(run) for field in _FIELD.findall(text) for run in field if run]
    sizes += [int(run) for run in _BRACED.findall(text)]
    if sizes and max(sizes) > MAX_BUILT:
        raise _refused(f"a width of {max(sizes):,} in {text[:40]!r}")


_BRACED = re.compile(r"\{[^{}:]*:[^{}]*?(\d+)[^{}]*\}")
"""A replacement field of str.format with a number in its spec (a width or precision)."""

MAX_LIPSUM = 1_000
"""The most paragraphs `lipsum` may make."""


def bound_theme(env: jinja2.Environment) -> None:
    """Bound `env`'s filters and globals that build text or lists of a size the template gives."""
    env.globals["lipsum"] = bounded(jinja2.utils.generate_lorem_ipsum, "lipsum", MAX_LIPSUM, 0, 3, 4)
    for name, positions in (("center", (1,)), ("indent", (1,)), ("wordwrap", (2,)), ("truncate", (2,))):
        env.filters[name] = bounded(env.filters[name], name, MAX_BUILT, *positions)
    env.filters["format"] = bounded_format(env.filters["format"])
