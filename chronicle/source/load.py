"""Read site files into raw YAML nodes that keep their marks; every scalar stays text.

PyYAML's parser (the C one when present) produces events; this module composes them
itself instead of using PyYAML's composer so that aliases are refused before they can
expand ("billion laughs"), duplicate keys are caught, and no implicit typing happens.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.written import written_scalar

MAX_YAML_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000
# Above this many flow brackets, compose event by event: its depth limit stops deep nesting
# before any recursion does.
MAX_FLOW_BRACKETS = 2_000
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

try:
    # The base loader resolves no implicit types: every scalar stays the text it is.
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.BaseLoader


# Raw nodes are NamedTuples: a site has hundreds of thousands of them, and tuples are the
# cheapest immutable records to create.
class YamlScalar(NamedTuple):
    """A scalar exactly as written; `plain` is False for quoted and block scalars. `written`: the
    scalar as the file writes it (quotes, `|`, indentation), kept when its value holds `&` or a
    character a text may not hold, to locate one inside it (source.written)."""

    value: str
    mark: Mark
    plain: bool
    written: str | None = None

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULL_WORDS


class YamlSeq(NamedTuple):
    items: tuple[YamlNode, ...]
    mark: Mark


class YamlMap(NamedTuple):
    """Entries in file order; keys are scalars, unique (duplicates were reported)."""

    entries: tuple[tuple[YamlScalar, YamlNode], ...]
    mark: Mark

    def get(self, key: str) -> YamlNode | None:
        for key_node, value in self.entries:
            if key_node.value == key:
                return value
        return None


YamlNode = YamlScalar | YamlSeq | YamlMap


class _ComposeError(Exception):
    def __init__(self, mark: Mark, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


class UnreadableFile(Exception):
    """A site file that is not read: a link leading outside the site folder, not a regular
    file, too large, or failing to read."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_bounded(root: Path, relpath: str, limit: int) -> bytes:
    """A site file's bytes, checked before a byte is read: inside the site folder (links
    resolved), a regular file, at most `limit` bytes; and never more than that is read."""
    path = root / relpath
    if not plainly_below(root, path):  # (most files are: no link to follow, nothing to check)
        _check_links(root, path)
    try:
        # O_NONBLOCK: opening a FIFO would otherwise wait for a writer before the checks.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb", buffering=0) as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise UnreadableFile("this is not a regular file", "replace it with a plain file")
            if status.st_size > limit:
                raise UnreadableFile(f"file is too large ({status.st_size:,} bytes; the limit is {limit:,})")
            data = stream.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot read this file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UnreadableFile(f"file is too large (more than {limit:,} bytes)")
    return data


def _check_links(root: Path, path: Path) -> None:
    """Refuses a file that is a link leading back to itself, out of the site folder or into
    one of its hidden folders."""
    try:
        path.resolve()
    except (RuntimeError, OSError):  # Python's word for a loop of links
        raise UnreadableFile("this file is a link that leads back to itself (a loop of links)") from None
    if not is_inside(root, path):
        raise UnreadableFile(
            "this file is a link to a place outside the site folder",
            "copy the file into the site folder instead of linking to it",
        )
    if _into_hidden_folder(root, path):
        raise UnreadableFile(
            "this file is a link into a hidden folder of the site (such as .git), which is never published",
            "copy the text into the file instead of linking to it",
        )


def read_bytes(
    root: Path, relpath: str, diagnostics: Diagnostics, limit: int, data: bytes | None = None
) -> bytes | None:
    """The file's bytes within `limit` (`data`: those a caller keys its result on), else None."""
    try:
        if data is None:
            return read_bounded(root, relpath, limit)
        if len(data) > limit:  # read under another file kind's limit
            raise UnreadableFile(f"file is too large ({len(data):,} bytes; the limit is {limit:,})")
    except UnreadableFile as problem:
        diagnostics.error(Mark(relpath), problem.message, problem.hint)
        return None
    return data


def read_text_file(
    root: Path, relpath: str, diagnostics: Diagnostics, limit: int, data: bytes | None = None
) -> str | None:
    """The file's text as UTF-8 (a BOM is allowed); a located error for anything else."""
    if (data := read_bytes(root, relpath, diagnostics, limit, data)) is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at line {data.count(10, 0, exc.start) + 1}"
        diagnostics.error(
            Mark(relpath), f"file is not valid UTF-8 ({where})", "save the file with UTF-8 encoding"
        )
        return None


def _into_hidden_folder(root: Path, path: Path) -> bool:
    """Whether a link leads into a folder of the site whose name starts with a dot (.git,
    .chronicle-cache): what is there (a CI token in .git/config) is never content."""
    if plainly_below(root, path):
        return False
    relative = path.resolve().relative_to(root.resolve())
    return any(part.startswith(".") for part in relative.parts)


def is_inside(root: Path, path: Path) -> bool:
    """True when `path`, with every link followed, stays inside `root`."""
    if plainly_below(root, path):
        return True
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, RuntimeError, OSError):  # outside, or a loop of links
        return False
    return True


def plainly_below(root: Path, path: Path) -> bool:
    """True when `path` is spelled below `root` and no part of it below `root` is a link:
    a few `lstat` calls where resolving both paths takes one per part of each (most files)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    if not parts or ".." in parts:
        return False
    step = str(root)
    for part in parts:
        step = f"{step}/{part}"
        try:
            if stat.S_ISLNK(os.lstat(step).st_mode):
                return False
        except OSError:
            return False
    return True


def load_yaml_file(
    root: Path,
    relpath: str,
    diagnostics: Diagnostics,
    data: bytes | None = None,
    empty_hint: str = "add its fields, or delete the file",
) -> YamlNode | None:
    """Parse one YAML file (or its bytes `data`, see read_text_file); problems become located
    diagnostics, never exceptions. `empty_hint`: what to do with a file that holds nothing."""
    text = read_text_file(root, relpath, diagnostics, MAX_YAML_BYTES, data)
    if text is None:
        return None
    before = len(diagnostics.items)
    node = parse_yaml(text, relpath, diagnostics)
    if node is None and len(diagnostics.items) == before:
        said = "the file holds only comments" if text.strip() else "the file is empty"
        diagnostics.error(Mark(relpath), said, empty_hint)
    return node


# YAML counts these as line breaks, editors and GitHub do not: as spaces, every mark after
# them stays on the line an editor shows.
_UNUSUAL_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def parse_yaml(text: str, relpath: str, diagnostics: Diagnostics) -> YamlNode | None:
    text = text.translate(_UNUSUAL_BREAKS)
    try:
        if text.count("[") + text.count("{") < MAX_FLOW_BRACKETS and not _MAY_TAG_OR_ANCHOR.search(text):
            try:
                return _convert(yaml.compose(text, Loader=_Loader), relpath, diagnostics, text)
            except _AliasFound:
                pass  # the event-by-event composer below reports it where the alias is
        return _Composer(relpath, yaml.parse(text, Loader=_Loader), diagnostics, text).compose()
    except _ComposeError as exc:
        diagnostics.error(exc.mark, exc.message, exc.hint)
    except yaml.MarkedYAMLError as exc:
        from chronicle.source.yaml_syntax import syntax_error  # only a broken file needs it

        diagnostics.error(*syntax_error(exc, text, relpath))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at a position
        before = _LINE_BREAK.split(text[: exc.position])  # lines as YAML and editors count them
        line, col = len(before), len(before[-1]) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        diagnostics.error(
            Mark(relpath, line, col),
            f"the character U+{code:04X} is not allowed in YAML",
            "remove it (often an invisible character pasted from another program)",
        )
    except yaml.YAMLError as exc:
        diagnostics.error(Mark(relpath), f"YAML error: {shown(str(exc))}")
    return None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Where YAML may read a tag (`!note`) or an anchor (`&name`): at a value's start. A file with
# one is composed event by event, which sees them (PyYAML's composed nodes keep no anchor).
_MAY_TAG_OR_ANCHOR = re.compile(r"(?:^|[\s\[{,?:-])[&!]")


def shown(value: str, limit: int = 60) -> str:
    """A value quoted back in a message: its first line, shortened."""
    first = value.strip().split("\n", 1)[0]
    cut = len(first) > limit or "\n" in value.strip()
    return (first[:limit] + "…") if cut else first


def _mark(relpath: str, yaml_mark: Any) -> Mark:
    """PyYAML marks (Python or C) count from 0."""
    if yaml_mark is None:
        return Mark(relpath)
    return Mark(relpath, yaml_mark.line + 1, yaml_mark.column + 1)


class _AliasFound(Exception):
    """A node reached twice: the file uses an alias."""


def _convert(node: yaml.Node | None, relpath: str, diagnostics: Diagnostics, text: str) -> YamlNode | None:
    """PyYAML's (C) composed nodes -> YamlNodes; the fast path for files without aliases."""
    if node is None:
        return None
    # A module-level recursion, not a nested function that calls itself: that closure is a
    # reference cycle, and with the collector off during a build (build.heap) each file's
    # would stay, with its diagnostics, until a full collection.
    return _converted(node, 0, relpath, diagnostics, set(), text)


def _converted(
    node: yaml.Node, depth: int, relpath: str, diagnostics: Diagnostics, seen: set[int], text: str
) -> YamlNode:
    if id(node) in seen:
        raise _AliasFound
    seen.add(id(node))
    mark = _mark(relpath, node.start_mark)
    if depth > MAX_DEPTH:
        raise _ComposeError(mark, "the YAML is nested too deeply")
    if isinstance(node, yaml.ScalarNode):
        return YamlScalar(node.value, mark, not node.style, written_scalar(node, text))
    if isinstance(node, yaml.SequenceNode):
        return YamlSeq(
            tuple(_converted(item, depth + 1, relpath, diagnostics, seen, text) for item in node.value), mark
        )
    entries: list[tuple[YamlScalar, YamlNode]] = []
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = _converted(key_node, depth + 1, relpath, diagnostics, seen, text)
        value = _converted(value_node, depth + 1, relpath, diagnostics, seen, text)
        if _keep_entry(key, first_line, diagnostics):
            assert isinstance(key, YamlScalar)
            entries.append((key, value))
    return YamlMap(tuple(entries), mark)


def _keep_entry(key: YamlNode, first_line: dict[str, int], diagnostics: Diagnostics) -> bool:
    """False (and reported) for a key that is a collection or repeats an earlier key."""
    if not isinstance(key, YamlScalar):
        diagnostics.error(key.mark, "a key must be a word, not a list or mapping")
        return False
    if key.value in first_line:
        diagnostics.error(
            key.mark,
            f"duplicate key '{key.value}'",
            f"first given at line {first_line[key.value]}; keep one of them",
        )
        return False
    first_line[key.value] = key.mark.line
    return True


class _Composer:
    """Builds YamlNodes from parser events, refusing aliases and duplicate keys."""

    def __init__(
        self, relpath: str, events: Iterator[yaml.Event], diagnostics: Diagnostics, text: str
    ) -> None:
        self.relpath = relpath
        self.text = text
        self.events = events
        self.diagnostics = diagnostics
        self.count = 0

    def _next(self) -> yaml.Event:
        return next(self.events)

    def compose(self) -> YamlNode | None:
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        node = self._node(self._next(), depth=0)
        self._next()  # DocumentEndEvent
        event = self._next()
        if isinstance(event, yaml.DocumentStartEvent):
            raise _ComposeError(
                _mark(self.relpath, event.start_mark),
                "a file holds one YAML document; remove the second `---`",
            )
        return node

    def _node(self, event: yaml.Event, depth: int) -> YamlNode:
        mark = _mark(self.relpath, event.start_mark)
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_NODES:
            raise _ComposeError(mark, "the YAML is nested too deeply or has too many values")
        if isinstance(event, yaml.AliasEvent):
            raise _ComposeError(
                mark, "YAML aliases (*name) are not allowed here", "write the value out in full"
            )
        if isinstance(event, yaml.NodeEvent) and (event.anchor is not None or getattr(event, "tag", None)):
            from chronicle.source.yaml_syntax import tag_or_anchor  # only a refused file needs it

            raise _ComposeError(mark, *tag_or_anchor(event))
        if isinstance(event, yaml.ScalarEvent):
            plain = event.style is None or event.style == ""
            return YamlScalar(event.value, mark, plain, written_scalar(event, self.text))
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(event := self._next(), yaml.SequenceEndEvent):
                items.append(self._node(event, depth + 1))
            return YamlSeq(tuple(items), mark)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(mark, depth)
        raise _ComposeError(mark, "unexpected YAML structure")

    def _mapping(self, mark: Mark, depth: int) -> YamlMap:
        entries: list[tuple[YamlScalar, YamlNode]] = []
        first_line: dict[str, int] = {}
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            key = self._node(event, depth + 1)
            value = self._node(self._next(), depth + 1)
            if _keep_entry(key, first_line, self.diagnostics):
                assert isinstance(key, YamlScalar)
                entries.append((key, value))
        return YamlMap(tuple(entries), mark)
