"""Table rows with more cells than their header: markdown makes as many cells as the header
has and leaves out the rest of the row without a word ("| Seoul | 600 | disputed by Kyiv |"
under a header of two), so such a row is refused where it is written."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import escapedSplit, getLine, table

from chronicle.source.load import shown


class LongRow(NamedTuple):
    line: int
    """The row's line in the text, from 0."""
    header: int
    """The cells of the table's header: those the row shows."""
    left_out: tuple[str, ...]


def first_long_row(source: str) -> LongRow | None:
    """The first table row of `source` with more cells than its table's header; None if none."""
    if "|" not in source:  # every table row holds one: almost every text
        return None
    env: dict[str, list[LongRow]] = {}
    _counting_parser().parse(source, env)
    rows = env.get("long_rows")
    return min(rows) if rows else None


def long_row_problem(source: str, whose: str) -> tuple[int, str, str] | None:
    """(line from 0, message, hint) of the first table row of `source` that markdown would cut
    short; `whose` table it is ("the summary's")."""
    row = first_long_row(source)
    if row is None:
        return None
    left_out = " | ".join(row.left_out)
    message = (
        f"this row of {whose} table has {row.header + len(row.left_out)} cells and the table's header "
        f"{row.header}: markdown shows the first {row.header} and leaves out '{shown(left_out)}'"
    )
    hint = (
        "add the column to the header (and to its --- line), or join the cells; a | that parts "
        "no cells, in code or an address too, is written \\|"
    )
    return row.line, message, hint


def _cells(state: StateBlock, line: int) -> list[str]:
    # As markdown-it's table rule splits a row: an empty cell before the first | and after the
    # last one is no cell.
    cells = escapedSplit(getLine(state, line).strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table_noting_long_rows(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = table(state, start, end, silent)
    if not found or silent:
        return found
    header = len(_cells(state, start))
    for line in range(start + 2, state.line):
        left_out = tuple(cell.strip() for cell in _cells(state, line)[header:])
        if any(left_out):  # empty cells past the header's (`| 600 ||`) lose nothing
            state.env.setdefault("long_rows", []).append(LongRow(line, header, left_out))
    return True


@cache
def _counting_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("inline")
    md.block.ruler.at("table", _table_noting_long_rows, {"alt": ["paragraph", "reference"]})
    return md
