"""Bounds on what one expression of a site's own template may build: the sandbox refuses a
`range` of more than 100,000 items, and this refuses the other ways a line of a theme could
take all the memory or CPU of the build, or of a CI runner (`{{ "a" * 10**10 }}`,
`{{ 10 ** 10 ** 10 }}`, `{{ "%999999999s" % x }}`, `"x" | center(10**9)`,
`"x".ljust(10**9)`, `"a" | replace("a", "b" * 10**6)` ...): every method and filter whose
result a number or a repeated argument makes large is sized before it runs.
"""

from __future__ import annotations

import inspect
import json
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sized
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


def bounded_plus(left: Any, right: Any) -> Any:
    """`left + right`, refused when joining two texts or lists makes more than MAX_BUILT items:
    `{% set a = a + a %}` thirty times would double a text to gigabytes."""
    if isinstance(left, Sized) and isinstance(right, Sized) and len(left) + len(right) > MAX_BUILT:
        raise _refused(f"joining {len(left):,} and {len(right):,} items")
    return operator.add(left, right)


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

def bound_theme(env: jinja2.Environment) -> None:
    """Bound `env`'s filters and globals that build text or lists of a size the template gives."""
    for name, positions in (("center", (1,)), ("truncate", (2,)), ("batch", (1,)), ("slice", (1,))):
        env.filters[name] = bounded(env.filters[name], name, MAX_BUILT, *positions)
    env.filters["format"] = bounded_format(env.filters["format"])
    for name, size in FILTER_SIZES.items():
        env.filters[name] = sized(env.filters[name], name, size)


def sized(function: Callable[..., Any], what: str, size: Callable[..., int]) -> Callable[..., Any]:
    """`function`, refused when `size` (given its arguments by name, defaults filled) says its
    result would hold more than MAX_BUILT items."""
    signature = inspect.signature(function)

    def call(*args: Any, **kwargs: Any) -> Any:
        given = signature.bind(*args, **kwargs)
        given.apply_defaults()
        value = given.arguments.get("value")
        if value is not None and not isinstance(value, Sized):  # a generator, read once: listed
            given.arguments["value"] = list(value)
        if size(**given.arguments) > MAX_BUILT:
            raise _refused(what)
        return function(*given.args, **given.kwargs)

    if hasattr(function, "jinja_pass_arg"):
        call.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return call


def replaced_size(s: Any, old: Any, new: Any, count: Any = None, **_: Any) -> int:
    """The length of `s` with `old` replaced by `new` (at most `count` times)."""
    text, old, new = str(s), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * len(new)


def joined_size(
    value: Iterable[Any], d: Any = "", attribute: Any = None, eval_ctx: Any = None, **_: Any
) -> int:
    """The length of the items of `value` joined by `d`, as far as the texts among them tell
    (a list may repeat one long text many times: `[t] * 1000`)."""
    items = list(value) if isinstance(value, Sized) else []
    if attribute is not None and eval_ctx is not None:
        items = list(map(jinja2.filters.make_attrgetter(eval_ctx.environment, attribute), items))
    texts = sum(len(item) for item in items if isinstance(item, (str, bytes)))
    return texts + len(str(d)) * max(len(items) - 1, 0)


def indented_size(s: Any, width: Any = 4, **_: Any) -> int:
    text = str(s)
    return len(text) + (text.count("\n") + 1) * (width if isinstance(width, int) else len(str(width)))


def wrapped_size(s: Any, width: Any = 79, wrapstring: Any = None, **_: Any) -> int:
    text = str(s)
    breaks = len(text) + 1 if wrapstring is not None else 0  # at most a break after every character
    return max(width if isinstance(width, int) else 0, len(text) + breaks * len(str(wrapstring or "")))


def json_size(value: Any, indent: Any = None, **_: Any) -> int:
    """The length of `value` as JSON, indented by `indent` at every level of nesting."""
    if indent is None:
        return 0  # as long as the data it writes out, which is bounded already
    flat = json.dumps(value, default=str)
    step = indent if isinstance(indent, int) else len(str(indent))
    return len(flat) * (1 + max(step, 0) * _nesting(flat))


def _nesting(flat: str) -> int:
    """The deepest nesting of `[` and `{` in JSON text (strings skipped)."""
    deepest = depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', flat):
        mark = token.group()[0]
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


FILTER_SIZES: dict[str, Callable[..., int]] = {
    "replace": replaced_size,
    "join": joined_size,
    "indent": indented_size,
    "wordwrap": wrapped_size,
    "tojson": json_size,
}
"""The filters whose result an argument may make large, with what each would build."""


def method_size(method: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> int:
    """What a call of a text's method would build: `"x".ljust(10**9)` a billion characters.
    Nought for any other call (a list's or dict's methods a theme may call build nothing
    larger than the list or dict: the sandbox refuses those that change it)."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(owner, (str, bytes, bytearray)):
        return 0
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("ljust", "rjust", "center", "zfill"):
        return first if isinstance(first, int) else 0
    if name == "expandtabs":
        tabsize = first if isinstance(first, int) else 8
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        return len(owner) + tabs * tabsize
    if name == "replace" and isinstance(owner, str) and len(args) >= 2:
        return replaced_size(owner, *args[:3])
    if name == "replace" and len(args) >= 2:
        return len(owner) + (owner.count(args[0]) if args[0] else len(owner) + 1) * len(args[1])
    if name == "join" and isinstance(first, Sized) and isinstance(first, Iterable):
        return joined_size(first, owner)
    if name == "translate" and isinstance(first, Mapping):
        longest = max((len(item) for item in first.values() if isinstance(item, (str, bytes))), default=1)
        return len(owner) * longest
    return 0
