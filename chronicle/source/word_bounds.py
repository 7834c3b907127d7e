"""A quote begins and ends at whole words: the place of a folded quote in a folded text."""

from __future__ import annotations

import re
import unicodedata

# Scripts written without spaces between words: within them any character may end a word.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)


def _one_word(before: str, after: str) -> bool:
    """Whether two adjacent characters belong to one word (letters or digits of a script
    written with spaces, or a mark on the letter before it, as in the "i̇" that "İ" folds to):
    a quote may not begin or end between them."""
    if unicodedata.category(after)[0] == "M":
        return True
    return (
        before.isalnum()
        and after.isalnum()
        and _UNSPACED.match(before) is None
        and _UNSPACED.match(after) is None
    )


def find_whole(text: str, needle: str) -> int:
    """Where `needle` first stands in `text` beginning and ending at whole words ("legal and
    void" is not in "illegal and void", nor "possible" in "impossible"), or -1."""
    found = text.find(needle)
    while found >= 0:
        end = found + len(needle)
        starts_inside = found > 0 and _one_word(text[found - 1], needle[0])
        ends_inside = end < len(text) and _one_word(needle[-1], text[end])
        if not starts_inside and not ends_inside:
            return found
        found = text.find(needle, found + 1)
    return -1
