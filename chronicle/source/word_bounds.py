"""A quote begins and ends at whole words: the place of a folded quote in a folded text.

A place inside a word is one between two of its letters or digits (a combining mark belongs
to the letter before it: Devanagari vowel signs, Arabic harakat), and also one inside a number
("10,000" in "10,000,000", "1" in "1.5", "5" after the sign of "-5") or a word joined by a
hyphen or an apostrophe ("binding" in "non-binding", "can" in "can't"). In scripts written
without spaces (Chinese, Japanese, Thai, ...) any letter may begin or end a word; their digits
do not. So may a Hangul letter: Korean writes spaces, but joins particles and endings to the
word they follow ("약 1만2천 명이": a quote may end at 명).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

_UNSPACED = re.compile(
    "[\u0e00-\u0e4f\u0e5a-\u0ecf\u0eda-\u0eff\u1000-\u103f\u104a-\u109f\u1780-\u17df\u17ea-\u17ff"
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]"
)
"""Letters of scripts written without spaces between words (their digits left out), and
Hangul's, whose particles join the word before them."""

_NUMBER_MARKS = ",."
"""What goes on inside a number between digits (folded text: spaces are word breaks)."""

_JOINERS = "-'"
"""A hyphen or an apostrophe between letters joins them into one word (in folded text)."""

_JOINING_ORIGINALS = frozenset("-'\u2010\u2011\u2019\u02bc")
"""The characters that fold to a joiner and join (an en or em dash, "Russia–North Korea", does not)."""


class Original(Protocol):
    """Where a folded text comes from (source.quotes.NormalisedText)."""

    @property
    def original(self) -> str: ...

    def offset(self, index: int) -> int: ...


def _letter(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _spaced_letter(char: str) -> bool:
    return _letter(char) and _UNSPACED.match(char) is None


def _inside(text: str, at: int, original: Original | None) -> bool:
    """Whether a quote may not begin or end at `at`, between text[at - 1] and text[at]."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if unicodedata.category(after)[0] == "M":  # a mark belongs to the letter before it
        return True
    if _spaced_letter(before) and _spaced_letter(after):
        return True
    next_one, last_one = text[at + 1 : at + 2], text[at - 2 : at - 1] if at >= 2 else ""
    if before.isdigit() and after in _NUMBER_MARKS and next_one.isdigit():
        return True
    if after.isdigit() and before in _NUMBER_MARKS and last_one.isdigit():
        return True
    if after.isdigit() and before in "-+" and not (last_one and _letter(last_one)):
        return True  # the sign of a number
    if _letter(before) and after in _JOINERS and next_one and _letter(next_one):
        return _joins(original, at)
    if _letter(after) and before in _JOINERS and last_one and _letter(last_one):
        return _joins(original, at - 1)
    return False


def _joins(original: Original | None, index: int) -> bool:
    """Whether the folded joiner at `index` stands for a hyphen or an apostrophe, not a dash."""
    if original is None:
        return True
    return original.original[original.offset(index)] in _JOINING_ORIGINALS


def find_whole(text: str, needle: str, original: Original | None = None) -> int:
    """Where `needle` first stands in `text` beginning and ending at whole words ("legal and
    void" is not in "illegal and void", nor "possible" in "impossible"), or -1. `original`:
    where `text` was folded from, to tell a hyphen from a dash."""
    found = text.find(needle)
    while found >= 0:
        if not _inside(text, found, original) and not _inside(text, found + len(needle), original):
            return found
        found = text.find(needle, found + 1)
    return -1
