"""A quote shown inside quotation marks: its own double quotation marks become single ones,
as style guides set a quotation within a quotation (“He added, ‘Behind you are …’”)."""

from __future__ import annotations

_CURLY = str.maketrans({"“": "‘", "”": "’"})
_OPENS_AFTER = frozenset(" \t\n([{—–-/‘“")
"""A straight quotation mark after one of these (or at the start) opens a quotation."""


def within_quotes(text: str) -> str:
    """`text` with its double quotation marks made single: curly ones by their direction,
    straight ones by where they stand (opening at the start or after a space or bracket)."""
    text = text.translate(_CURLY)
    if '"' not in text:
        return text
    marks = [
        ("‘" if index == 0 or text[index - 1] in _OPENS_AFTER else "’") if char == '"' else char
        for index, char in enumerate(text)
    ]
    return "".join(marks)
