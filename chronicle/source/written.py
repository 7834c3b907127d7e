"""Where a character of a YAML value is written in its file: to locate a problem inside a value
(a character reference to an invisible character in the middle of a summary) at its line and
column, not at the value's start.

A value's mark is where the scalar starts (its quote, or a block scalar's `|`); the loader keeps
the scalar as the file writes it (`YamlScalar.written`) when its value may need this, and the
place is found there. What the file writes otherwise than the value holds it (an escape in a
double-quoted string, `\\u202e`) is located at the value itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from chronicle.model.diagnostics import Mark
from chronicle.model.hidden_text import HIDDEN_CHARACTERS

if TYPE_CHECKING:
    from chronicle.source.load import YamlScalar

# `&` (a character reference may follow) and the characters model.hidden_text refuses.
_WORTH_KEEPING = re.compile(f"[&{HIDDEN_CHARACTERS}]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def written_scalar(node: Any, text: str) -> str | None:
    """The scalar `node` (PyYAML's node or event) as `text`, its file, writes it; None (not
    kept) when its value holds nothing a problem could be located in: neither `&` nor a
    character a text may not hold, nor lines of markdown (a quoted or block scalar's)."""
    if not _WORTH_KEEPING.search(node.value) and not (node.style and "\n" in node.value):
        return None
    start, end = getattr(node.start_mark, "index", None), getattr(node.end_mark, "index", None)
    return text[start:end] if isinstance(start, int) and isinstance(end, int) else None


def mark_of_line(value: YamlScalar, line: int, column: int | None = None) -> Mark:
    """Where the file writes line `line` (from 0) of `value.value`, at `column` of it or its
    first character that is not a space; else the value's own mark."""
    lines = value.value.split("\n")
    if not 0 <= line < len(lines) or not lines[line].strip():
        return value.mark
    text = lines[line]
    start = len(text) - len(text.lstrip()) if column is None else min(column, len(text))
    written = text[start:].split()[0] if text[start:].split() else text.strip()
    return mark_in_value(value, sum(len(each) + 1 for each in lines[:line]) + start, written)


def mark_in_value(value: YamlScalar, offset: int, written: str) -> Mark:
    """Where the file writes `written`, found at `offset` of `value.value`: its line and column,
    else (written otherwise in the file) the value's own mark."""
    source = value.written
    if source is None or not written:
        return value.mark
    nth = _found_before(value.value, written, offset)
    # A block scalar's text starts on the line after its `|` or `>` (and any comment there).
    header = _LINE_BREAK.search(source) if source[:1] in "|>" else None
    at = header.end() - 1 if header is not None else -1
    for _ in range(nth + 1):
        at = source.find(written, at + 1)
        if at < 0:
            return value.mark
    breaks = list(_LINE_BREAK.finditer(source, 0, at))
    if not breaks:
        return Mark(value.mark.path, value.mark.line, value.mark.col + at)
    return Mark(value.mark.path, value.mark.line + len(breaks), at - breaks[-1].end() + 1)


def _found_before(text: str, part: str, offset: int) -> int:
    """How often `part` is found in `text` before `offset`, overlapping ones included (as
    `str.find` from each place on finds them)."""
    count, at = 0, text.find(part)
    while 0 <= at < offset:
        count += 1
        at = text.find(part, at + 1)
    return count
