"""Where a link of a summary, a caption or a page is written: the line and column of its
target in the file, for a diagnostic about it.

A value's mark is where it starts (a block scalar's `|`); a link inside it is found by its
target's text from there on. A target the file writes otherwise than markdown gives it back
(escaped in a quoted YAML string, say) is located at the value itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
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
    YamlScalar,
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
    view = _file_view(root, relpath)
    value = view.value(field) if view is not None else None
    if view is None or value is None:
        return Mark(relpath)
    offset = _written_at(view.text, value, _forms(target), nth)
    if offset is None:
        return value.mark
    line = bisect_right(view.starts, offset) - 1
    return Mark(relpath, line + 1, offset - view.starts[line] + 1)


def value_mark(root: Path, relpath: str, field: Field) -> Mark:
    """Where the value at `field` of the YAML file `relpath` starts (the file's start if it
    has no such value, or cannot be read again)."""
    view = _file_view(root, relpath)
    value = view.value(field) if view is not None and field else None
    return value.mark if value is not None else Mark(relpath)


class _Value(NamedTuple):
    mark: Mark
    start: int
    end: int
    """Where the value is written in the file: it ends before the next key or item (or, for
    a text, after as many characters as the longest way to write it could take)."""


class _FileView:
    """A file's text as read again, its lines and (for YAML) its nodes, made once however many
    links of it are located."""

    def __init__(self, relpath: str, text: str) -> None:
        self.relpath, self.text = relpath, text
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        self._tree: YamlNode | None = None
        self._offsets: list[int] | None = None

    def value(self, field: Field) -> _Value | None:
        if not field:  # a page: its body, after the front matter's closing `---`
            lines = _LINE_BREAK.split(self.text)
            close = next((i for i, line in enumerate(lines) if i > 0 and line.strip() == "---"), None)
            if close is None or close + 1 >= len(self.starts):
                return None
            return _Value(Mark(self.relpath, close + 2, 1), self.starts[close + 1], len(self.text))
        if self._offsets is None:
            self._tree = parse_yaml(self.text, self.relpath, Diagnostics())
            self._offsets = sorted(self._offset(mark) for mark in _marks(self._tree))
        node = self._tree
        for step in field:
            if isinstance(step, int):
                node = node.items[step] if isinstance(node, YamlSeq) and step < len(node.items) else None
            else:
                node = node.get(step) if isinstance(node, YamlMap) else None
        if node is None or not 1 <= node.mark.line <= len(self.starts):
            return None
        start = self._offset(node.mark)
        end = next((offset for offset in self._offsets if offset > start), len(self.text))
        if isinstance(node, YamlScalar):  # at most each character escaped, each line indented
            end = min(end, start + _SPELLED_AT_MOST * len(node.value) + 200 * (node.value.count("\n") + 1))
        return _Value(node.mark, start, end)

    def _offset(self, mark: Mark) -> int:
        return self.starts[min(mark.line, len(self.starts)) - 1] + mark.col - 1


def _marks(node: YamlNode | None) -> Iterator[Mark]:
    """The marks of every key and value of a YAML tree."""
    if node is None:
        return
    yield node.mark
    if isinstance(node, YamlMap):
        for key, item in node.entries:
            yield key.mark
            yield from _marks(item)
    elif isinstance(node, YamlSeq):
        for item in node.items:
            yield from _marks(item)


_SPELLED_AT_MOST = 10
"""The most characters one character takes written otherwise (`&#x0002E;`, `\\U0001F600`)."""


def _file_view(root: Path, relpath: str) -> _FileView | None:
    try:
        status = (root / relpath).stat()
    except OSError:
        return None
    return _read_view(str(root), relpath, (status.st_size, status.st_mtime_ns, status.st_ino))


@lru_cache(maxsize=8)
def _read_view(root: str, relpath: str, _stamp: tuple[int, int, int]) -> _FileView | None:
    """The view of a file as it is now (`_stamp`: its size, time and inode, so that a file
    changed since is read again)."""
    try:
        text = read_bounded(Path(root), relpath, MAX_YAML_BYTES).decode("utf-8-sig")
    except (UnreadableFile, UnicodeDecodeError):  # it changed since it was read
        return None
    return _FileView(relpath, text)


def _forms(target: str) -> list[str]:
    """How the file may write a target markdown gives back: as it is, or with the percent
    escapes markdown added decoded (`#été` for `#%C3%A9t%C3%A9`)."""
    forms = [target]
    decoded = unquote(target)
    if decoded != target:
        forms.append(decoded)
    return forms


def _written_at(text: str, value: _Value, forms: Sequence[str], nth: int) -> int | None:
    """The offset of the `nth` place in `value` where one of `forms` is written as a link's
    target (before `)`, `>`, a space or a quote): after `](`, `<` or a reference's `]: `, as
    it is or spelled otherwise (`&#46;&#46;/` for `../`), in the order written; else after `(`
    or a space (the same address may also stand in the text as words)."""
    written, offsets = _decoded(text, value.start, value.end)
    # A code span's text is no link (`[text](../x/)` written as an example).
    written = _CODE_SPAN.sub(lambda span: " " * len(span.group()), written)
    found = _literally_at(written, forms, nth, _AS_TARGET)
    if found is not None:
        return offsets[found] if offsets is not None else value.start + found
    found = _literally_at(text[value.start : value.end], forms, nth, _LOOSELY)
    return None if found is None else value.start + found


def _literally_at(text: str, forms: Sequence[str], nth: int, lead: str) -> int | None:
    for form in forms:
        pattern = re.compile(lead + "(" + re.escape(form) + r")(?=[)>\s\"']|$)")
        found = [match.start(1) for match in pattern.finditer(text)]
        if found:
            return found[nth] if len(found) > nth else found[-1]
    return None


_SPELLING = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});|\\[!-/:-@\[-`{-~]")


def _decoded(text: str, start: int, end: int) -> tuple[str, list[int] | None]:
    """`text[start:end]` with its character references and escapes decoded, as markdown reads
    them, and the offset in `text` of each character (None: nothing to decode)."""
    part = text[start:end]
    if "&" not in part and "\\" not in part:
        return part, None
    pieces: list[str] = []
    offsets: list[int] = []
    at = start
    for match in _SPELLING.finditer(text, start, end):
        pieces.append(text[at : match.start()])
        offsets.extend(range(at, match.start()))
        spelled = unescapeAll(match.group())
        pieces.append(spelled)
        offsets.extend([match.start()] * len(spelled))
        at = match.end()
    pieces.append(text[at:end])
    offsets.extend(range(at, end))
    return "".join(pieces), offsets


# After `](` (spaces may follow), `<`, or a reference's `]:` (its address may be on the next line).
_AS_TARGET = r"(?:\]\([ \t]*|<|\]:[ \t]*(?:\r\n?|\n)?[ \t]*)"
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LOOSELY = r"(?<=[(<\s])"
