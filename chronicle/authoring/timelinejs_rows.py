"""A TimelineJS spreadsheet's header and rows, read cell by cell for `timelinejs_import`: each
column found once by its name, each problem located at its row and column, and each cell
without the characters no text of the site may hold.

A cell pasted from another program often holds characters nobody sees: control characters,
zero-width spaces, bidi overrides (which turn the text after them around), typed or as HTML
character references (`&#x202E;`: TimelineJS reads cells as HTML). `check` refuses them in
an event file (model.hidden_text), and in a spreadsheet they cannot be seen to be deleted, so
the import removes them and says where, each by its code point, in one warning per cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chronicle.model.diagnostics import one_line
from chronicle.model.hidden_text import Hidden, code_point, without_hidden

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
"""The columns of Knight Lab's TimelineJS Google Sheets template, in its order."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of the spreadsheet; formatted only when printed."""

    row: int
    """CSV line number where the record starts (1 is the header)."""
    column: int
    """1-based column of the offending field."""
    severity: Severity
    message: str

    def format(self, file: str) -> str:
        return f"{file}:{self.row}:{self.column}: {self.severity}: {one_line(self.message)}"


def column_names(header: Sequence[str], line: int, problems: list[Problem]) -> dict[str, int]:
    """Column name -> 0-based index; names matched ignoring case and spacing. A column named
    twice is an error naming both: which of them holds the row's value is not known."""
    known = {" ".join(name.split()).casefold(): name for name in COLUMNS}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = known.get(" ".join(cell.split()).casefold())
        if name is None:
            continue
        if name in found:
            first = found[name]
            problems.append(
                Problem(
                    line,
                    index + 1,
                    "error",
                    f"two columns are named '{name}': column {first + 1} ('{header[first]}') and column "
                    f"{index + 1} ('{cell}'); rename or remove one of them, so that it is clear which "
                    "one to read",
                )
            )
            continue
        found[name] = index
    return found


class Row:
    """One record's cells by column name, and the problems found in them."""

    def __init__(self, line: int, cells: list[str], columns: dict[str, int], problems: list[Problem]) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns
        self.problems = problems
        self.errors = 0
        self.read: dict[str, str] = {}
        """Column -> its cell as `get` gives it: read once."""
        self.removed: dict[str, dict[str, None]] = {}
        """Column -> what was removed from it (`kept`), in order, each once."""

    def get(self, name: str) -> str:
        """The cell, line ends as "\\n", without a character no text may hold (`kept`)."""
        found = self.read.get(name)
        if found is None:
            index = self.columns.get(name)
            text = self.cells[index] if index is not None and index < len(self.cells) else ""
            # A line or paragraph separator is a break, as TimelineJS shows it (a one-line field
            # then reads it as a space); left in, it would be removed as a hidden character.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
            found = self.read[name] = self.kept(name, text).strip()
        return found

    def kept(self, name: str, text: str) -> str:
        """`text`, read from the column `name`, without the characters no text may hold, typed or
        as a character reference (model.hidden_text); each noted for `report_removed`."""
        text, removed = without_hidden(text)
        for hidden in removed:
            self.removed.setdefault(name, {})[_described(hidden)] = None
        return text

    def column(self, name: str) -> int:
        index = self.columns.get(name)
        return index + 1 if index is not None else 1

    def error(self, name: str, message: str) -> None:
        self.errors += 1
        self.problems.append(Problem(self.line, self.column(name), "error", message))

    def warning(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.line, self.column(name), "warning", message))

    def report_removed(self) -> None:
        """A warning at each cell something was removed from, naming each character."""
        for name, removed in self.removed.items():
            self.warning(
                name,
                f"{name}: removed {', '.join(removed)}: "
                "characters that hide or reorder text, or control characters, which `check` refuses",
            )


def _described(hidden: Hidden) -> str:
    named = code_point(hidden.char)
    return f"{named} (written {hidden.written})" if hidden.is_reference else named
