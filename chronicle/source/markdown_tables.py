"""Markdown tables, bounded before anything renders them.

A table's rows are given as many cells as its header has, whatever each row writes: a header
of a thousand short columns over a thousand one-letter rows is 6 KB of markdown and a million
cells of HTML, copied onto every page and into every feed showing the text. The cells are
counted from the block structure (where markdown-it makes them, padding included), and a text
whose tables hold more than MAX_TABLE_CELLS is refused where the largest table starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.source.markdown_references import block_tokens

MAX_TABLE_CELLS = 2_000
"""Cells the tables of one text may hold in all: a table of fifty rows of ten columns is a
quarter of it."""


@dataclass(frozen=True)
class TableSize:
    cells: int
    """The cells of every table of the text, as rendered."""
    largest_line: int
    """The line of the largest table in the text, from 0."""
    largest_rows: int
    largest_columns: int


def table_size(source: str) -> TableSize | None:
    """The cells `source`'s tables render to; None: it has no table."""
    if "|" not in source:  # every table row holds one: almost every text
        return None
    total, largest = 0, (0, 0, 0, 0)  # cells, line, rows, columns
    cells = rows = columns = line = 0
    for token in block_tokens(source):
        if token.type == "table_open":
            cells = rows = columns = 0
            line = (token.map or [0])[0]
        elif token.type in ("th_open", "td_open"):
            cells += 1
            columns += token.type == "th_open"
        elif token.type == "tr_open":
            rows += 1
        elif token.type == "table_close":
            total += cells
            largest = max(largest, (cells, line, rows, columns))
    if total == 0:
        return None
    return TableSize(total, largest[1], largest[2], largest[3])


def table_problem(source: str, whose: str) -> tuple[TableSize, str, str] | None:
    """The size of `source`'s tables, with a message about `whose` tables ("the summary's")
    and a hint in editors' words, when they hold more cells than the bound."""
    size = table_size(source)
    if size is None or size.cells <= MAX_TABLE_CELLS:
        return None
    message = (
        f"{whose} tables hold {size.cells:,} cells, more than the {MAX_TABLE_CELLS:,} a text may hold (the "
        f"largest has {size.largest_rows:,} rows of {size.largest_columns:,} columns: every row gets "
        "as many cells as the table's first row, written or not)"
    )
    hint = "keep tables small; a long list of figures belongs in a file the text links to"
    return size, message, hint
