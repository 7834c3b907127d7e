"""A source document's text -> the pages it is shown on: one, or parts of at most
TEXT_PER_PAGE characters, cut between paragraphs (or, inside a paragraph longer than that,
after a space), so that a long report keeps every page within the reader's budget.

A quote is found on the part where it starts; its "in context" link goes there
(`text_path`). A pure function of the text, so an event's view can place its quotes without
looking at any other event.
"""

from __future__ import annotations

import functools
import re

TEXT_PER_PAGE = 50_000
"""Characters of a document per page: with its highlights (a quoted passage adds about 0.2 KB
of markup) a part stays near 60 KB, leaving room for the first page's citing list."""

_LINE_BREAK = re.compile(r"\n\s*")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@functools.lru_cache(maxsize=64)
def paragraph_break(text: str) -> re.Pattern[str]:
    """What ends a paragraph of `text`. A document with blank lines between its paragraphs
    may also break its lines within them (a wire story wrapped at 70 or 90 characters): its
    paragraphs end only at a blank line (a single line break in the page's HTML reads as a
    space). A document without any blank line has a paragraph per line."""
    return _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK


@functools.lru_cache(maxsize=64)  # every quote of a long document asks for its parts
def text_parts(text: str, limit: int = TEXT_PER_PAGE) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each part of `text`, in order, covering all of it."""
    if len(text) <= limit:
        return ((0, len(text)),)
    parts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        parts.append((start, end))
        start = end
    parts.append((start, len(text)))
    return tuple(parts)


def _cut(text: str, start: int, most: int) -> int:
    """Where a part beginning at `start` ends: after the last paragraph break before `most`,
    else after the last line break, else after the last space, else at `most`."""
    for pattern in (paragraph_break(text), _LINE_BREAK):
        breaks = [match.end() for match in pattern.finditer(text, start, most)]
        if breaks and breaks[-1] > start + (most - start) // 2:
            return breaks[-1]
    space = text.rfind(" ", start + 1, most)
    return space + 1 if space > start else most


def text_part_of(text: str, offset: int, limit: int = TEXT_PER_PAGE) -> int:
    """The number (from 1) of the part holding the character at `offset`."""
    if len(text) <= limit:
        return 1
    for number, (start, end) in enumerate(text_parts(text, limit), start=1):
        if start <= offset < end:
            return number
    return 1


def text_path(article_id: str, number: int) -> str:
    """The page of a document's part: its source page for the first, `text/N/` after it."""
    return f"sources/{article_id}/" if number == 1 else f"sources/{article_id}/text/{number}/"
