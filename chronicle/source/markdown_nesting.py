"""Markdown nested deeper than markdown-it reads: past its `maxNesting` (lists in lists, quotes
in quotes) it stops and leaves the rest of the text out without a word. An editor's text so
nested is refused where reading stops; a document is read deeper, and warned about past that.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

DOCUMENT_NESTING = 100
"""How deep a document's markdown is read (a summary's: markdown-it's own 20 levels, each
list two of them, each quote one)."""

# A line can open 20 levels only behind at least 16 columns of markers and indentation (each
# nested list needs two, a quote one): most texts are cleared by this alone, unparsed.
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]{4,}", re.MULTILINE)
_DEEP_COLUMNS = 16
_LINE_BREAKS = re.compile(r"\r\n?")


def unread_line(source: str, nesting: int | None = None) -> int | None:
    """The first line (from 0) of what markdown read with `nesting` levels (None: markdown-it's
    own) leaves out of `source`; None when it reads all of it."""
    source = _LINE_BREAKS.sub("\n", source)  # as markdown-it reads them: CR alone is a break too
    if not any(len(prefix.expandtabs(4)) >= _DEEP_COLUMNS for prefix in _DEEP_PREFIX.findall(source)):
        return None
    limit = nesting or _DEFAULT_NESTING
    # Read one level deeper, the blocks begun at the limit are what the limit leaves out (each
    # run at the first level markdown does not read, however deep it goes on). What a block
    # holds one or more levels below it (a paragraph's text, a table's rows and cells) is
    # read with the block.
    deeper = _blocks(limit + 1).parse(source)
    return next(
        (token.map[0] for token in deeper if token.level >= limit and token.type in _BEGUN and token.map),
        None,
    )


_BEGUN = frozenset(
    (
        "paragraph_open", "heading_open", "blockquote_open", "bullet_list_open", "ordered_list_open",
        "list_item_open", "table_open", "fence", "code_block", "hr", "html_block",
    )
)  # fmt: skip
"""The blocks markdown begins at a level of its own (the tokens it makes for each); a list's
item is one, its content read one level below it."""


def nesting_problem(source: str, whose: str) -> tuple[int, str, str] | None:
    """(line from 0, message, hint) when markdown would leave out part of `whose` text
    ("the summary's"), from that line; None when it reads all of it."""
    line = unread_line(source)
    if line is None:
        return None
    message = (
        f"{whose} lists or quotes are nested too deep to be read from here: markdown stops "
        "reading at this line, and would leave out what is nested here and what follows in it"
    )
    hint = "nest less deeply: at most 9 lists inside each other, or 19 quotes"
    return line, message, hint


_DEFAULT_NESTING = MarkdownIt("commonmark").options.maxNesting


@cache
def _blocks(nesting: int) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("inline")
    md.options.maxNesting = nesting
    return md
