"""Located problems (errors and warnings) as values, and their text and GitHub formats."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from chronicle.model.hidden_text import INVISIBLE_CHARACTERS

Severity = Literal["error", "warning", "notice"]
"""A notice tells what the build did with something it cannot do exactly; nothing to fix."""


class Mark(NamedTuple):
    """A position in a site file: the path relative to the site root (posix), 1-based line and column.

    A NamedTuple rather than a dataclass: every YAML value carries one.
    """

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content, located at the offending value."""

    mark: Mark
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.mark.path, self.mark.line, self.mark.col, self.severity != "error", self.message)

    def headline(self) -> str:
        return f"{self.mark}: {self.severity}: {self.message}"


@dataclass
class Diagnostics:
    """Collects the problems of one run; every stage appends, nothing stops at the first."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, mark: Mark, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(mark, "error", message, hint))

    def warning(self, mark: Mark, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(mark, "warning", message, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.mark, d.severity, d.message, d.hint): d for d in self.items}
        return sorted(unique.values(), key=lambda d: d.sort_key)


class SourceLines:
    """The lines of the site's files, each file read once (however many problems it has)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, list[str] | None] = {}

    def line(self, mark: Mark) -> str | None:
        if mark.path not in self.files:
            self.files[mark.path] = _file_lines(self.root / mark.path)
        lines = self.files[mark.path]
        if lines is None or not 1 <= mark.line <= len(lines):
            return None
        line = lines[mark.line - 1]
        return line if line.strip() and len(line) <= 300 else None


def format_text(diagnostic: Diagnostic, source: SourceLines | None = None) -> str:
    """`PATH:LINE:COL: error: MESSAGE`, then the source line with a caret, then the hint.

    No text of a file can drive the terminal or a CI log: the path, the message and each line
    shown have their control characters escaped, line breaks too (a file name with a newline
    stays on its line), and no line reads as a GitHub workflow command (`inert`)."""
    mark = diagnostic.mark
    headline = f"{one_line(mark.path)}:{mark.line}:{mark.col}: {diagnostic.severity}: "
    lines = [headline + one_line(diagnostic.message)]
    source_line = source.line(mark) if source is not None else None
    if source_line is not None:
        # A tab shows as \t like every control character: the caret counts what is shown.
        lines.append("  " + one_line(source_line))
        lines.append("  " + " " * len(one_line(source_line[: mark.col - 1])) + "^")
    if diagnostic.hint:
        for number, hint_line in enumerate(diagnostic.hint.splitlines()):
            lines.append(("  hint: " if number == 0 else "        ") + one_line(hint_line))
    return "\n".join(inert(line) for line in lines)


def format_github(diagnostic: Diagnostic, prefix: str = "") -> str:
    """A GitHub Actions workflow command, shown on the changed line of a pull request.

    `prefix` leads from where the command runs (the repository) to the site folder.
    """
    mark = diagnostic.mark
    properties = f"file={_escape_property(prefix + mark.path)},line={mark.line},col={mark.col}"
    message = diagnostic.message + (f"\n{diagnostic.hint}" if diagnostic.hint else "")
    return f"::{diagnostic.severity} {properties}::{_escape_data(message)}"


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    notices = len(diagnostics) - errors - warnings
    line = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    return line + (f", {_plural(notices, 'notice')}" if notices else "")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


EDITED_SUFFIXES = frozenset({".yaml", ".yml", ".md"})
"""Files editors write: a NUL byte in one is a mistake to show them, with its line."""


def _file_lines(path: Path) -> list[str] | None:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 2_000_000:
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "\x00" in text and path.suffix not in EDITED_SUFFIXES:
        return None  # a binary file (a PDF, an image) that happens to decode: no line to show
    # Lines as editors (and YAML's marks) count them: at LF, CRLF or CR, never at U+2028 ...
    return re.split(r"\r\n|\r|\n", text)


# C0 and C1 controls but tab and newline, and the characters that reorder text (bidi).
# What no message shows raw, besides control characters: those that reorder text or take no
# space (model.hidden_text), the soft hyphen and the direction marks. A zero-width space typed
# into a key made `unknown key 'tags'` name a key that looked right. The joiners (U+200C,
# U+200D) are left as they are: Persian and Indic scripts and emoji need them.
_UNSEEN = INVISIBLE_CHARACTERS + "\u00ad\u061c\u200e\u200f"
_UNSAFE_FOR_TERMINALS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_UNSEEN}]")


def shown_safely(text: str) -> str:
    """`text` with every control character written as an escape (ESC as \\x1b)."""
    return _UNSAFE_FOR_TERMINALS.sub(_escaped, text)


# Every control character, tab and line breaks included, the line and paragraph separators,
# and what no message shows raw (above).
_UNSAFE_ON_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_UNSEEN}]")


def one_line(text: str) -> str:
    """`text` (a path, a value, a message) on one line of a terminal or a log: every control
    character and line break written as an escape (a newline as \\n, ESC as \\x1b)."""
    return _UNSAFE_ON_ONE_LINE.sub(_escaped, text)


def inert(line: str) -> str:
    """`line` as no CI runner reads a command: GitHub Actions reads `::command::` at the start
    of a line (after spaces) and the older `##[command]` anywhere in it; their first character
    is then written as an escape (`\\x3a:error`, `##\\x5b`)."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line.replace("##[", "##\\x5b")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode()


def _escape_data(text: str) -> str:
    return shown_safely(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
