"""Where a link of a summary, a caption or a page is written: the line and column of its
target in the file, for a diagnostic about it.

A value's mark is where it starts (a block scalar's `|`); a link inside it is found by its
target's text from there on. A target the file writes otherwise than markdown gives it back
(escaped in a quoted YAML string, say) is located at the value itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from markdown_it.common.utils import unescapeAll

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.load import (
    MAX_YAML_BYTES,
    UnreadableFile,
    YamlMap,
    YamlNode,
    YamlSeq,
    parse_yaml,
    read_bounded,
)

Field = tuple[str | int, ...]
"""The way to a value in a YAML file: ("summary",), ("media", 0, "caption")."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def link_mark(root: Path, relpath: str, field: Field, target: str, nth: int = 0) -> Mark:
    """Where the `nth` link to `target` (as markdown gives it, `href`) is written in the value
    at `field` of the YAML file `relpath`, or in the body of the page `relpath` (field ())."""
    try:
        text = read_bounded(root, relpath, MAX_YAML_BYTES).decode("utf-8-sig")
    except (UnreadableFile, UnicodeDecodeError):  # it changed since it was read
        return Mark(relpath)
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    start = _value_start(text, relpath, field, starts)
    if start is None:
        return Mark(relpath)
    offset = _written_at(text, start.offset, _forms(target), nth)
    if offset is None:
        return start.mark
    line = bisect_right(starts, offset) - 1
    return Mark(relpath, line + 1, offset - starts[line] + 1)


def value_mark(root: Path, relpath: str, field: Field) -> Mark:
    """Where the value at `field` of the YAML file `relpath` starts (the file's start if it
    has no such value, or cannot be read again)."""
    try:
        text = read_bounded(root, relpath, MAX_YAML_BYTES).decode("utf-8-sig")
    except (UnreadableFile, UnicodeDecodeError):
        return Mark(relpath)
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    start = _value_start(text, relpath, field, starts) if field else None
    return start.mark if start is not None else Mark(relpath)


class _Start(NamedTuple):
    mark: Mark
    offset: int


def _value_start(text: str, relpath: str, field: Field, starts: list[int]) -> _Start | None:
    if not field:  # a page: its body, after the front matter's closing `---`
        lines = _LINE_BREAK.split(text)
        close = next((i for i, line in enumerate(lines) if i > 0 and line.strip() == "---"), None)
        if close is None or close + 1 >= len(starts):
            return None
        return _Start(Mark(relpath, close + 2, 1), starts[close + 1])
    node: YamlNode | None = parse_yaml(text, relpath, Diagnostics())
    for step in field:
        if isinstance(step, int):
            node = node.items[step] if isinstance(node, YamlSeq) and step < len(node.items) else None
        else:
            node = node.get(step) if isinstance(node, YamlMap) else None
    if node is None or not 1 <= node.mark.line <= len(starts):
        return None
    return _Start(node.mark, starts[node.mark.line - 1] + node.mark.col - 1)


def _forms(target: str) -> list[str]:
    """How the file may write a target markdown gives back: as it is, or with the percent
    escapes markdown added decoded (`#été` for `#%C3%A9t%C3%A9`)."""
    forms = [target]
    decoded = unquote(target)
    if decoded != target:
        forms.append(decoded)
    return forms


def _written_at(text: str, start: int, forms: Sequence[str], nth: int) -> int | None:
    """The offset of the `nth` place from `start` on where one of `forms` is written as a
    link's target (before `)`, `>`, a space or a quote): after `](`, `<` or a reference's
    `]: ` where it is so written, as it is or spelled otherwise (the same address may also
    stand in the text), else after `(` or a space."""
    written = _literally_at(text, start, forms, nth, _AS_TARGET)
    if written is None:
        written = _spelled_at(text, start, forms, nth)
    if written is None:
        written = _literally_at(text, start, forms, nth, _LOOSELY)
    return written


def _literally_at(text: str, start: int, forms: Sequence[str], nth: int, lead: str) -> int | None:
    for form in forms:
        pattern = re.compile(lead + re.escape(form) + r"(?=[)>\s\"']|$)")
        found = [match.start() for match in pattern.finditer(text, start)]
        if found:
            return found[nth] if len(found) > nth else found[-1]
    return None


def _spelled_at(text: str, start: int, forms: Sequence[str], nth: int) -> int | None:
    """The offset of the `nth` link target from `start` on that markdown reads as one of
    `forms` though written otherwise: with character references (`&#46;&#46;/`) or
    backslash escapes, which markdown decodes before it makes the link. The text is decoded
    once, each character keeping the offset it is written at."""
    if "&" not in text and "\\" not in text:
        return None
    decoded, offsets = _decoded(text, start)
    found = _literally_at(decoded, 0, forms, nth, _AS_TARGET)
    return None if found is None else offsets[found]


_SPELLING = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});|\\[!-/:-@\[-`{-~]")


def _decoded(text: str, start: int) -> tuple[str, list[int]]:
    """`text` from `start` on with its character references and escapes decoded, and the
    offset in `text` of each character of it."""
    pieces: list[str] = []
    offsets: list[int] = []
    at = start
    for match in _SPELLING.finditer(text, start):
        pieces.append(text[at : match.start()])
        offsets.extend(range(at, match.start()))
        spelled = unescapeAll(match.group())
        pieces.append(spelled)
        offsets.extend([match.start()] * len(spelled))
        at = match.end()
    pieces.append(text[at:])
    offsets.extend(range(at, len(text)))
    return "".join(pieces), offsets


_AS_TARGET = r"(?:(?<=\]\()|(?<=<)|(?<=\]:[ \t]))"
_LOOSELY = r"(?<=[(<\s])"
