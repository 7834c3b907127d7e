"""Bold and italic of a slide's line, written so that markdown reads them as the slide shows
them: CommonMark takes `**` for emphasis only where it flanks a word (`**Note:** the`, not
`**Note: **the`), so spaces move outside the markers, empty and back-to-back runs go, and a
run markdown could not read as emphasis (`2024**.**`) is written as plain words rather than
shown with its asterisks."""

from __future__ import annotations

import unicodedata
from typing import Literal

Kind = Literal["text", "mark", "open", "close"]
Piece = tuple[str, Kind]
"""What a line is made of: text (escaped or not yet), markup this writer made (a list item's
mark, a link's brackets), or an emphasis marker (`**`, `*`) that opens or closes a run."""


def settled(pieces: list[Piece]) -> list[Piece]:
    """Spaces moved outside the runs, empty runs and a run closed and opened again at once
    (`<b>a</b><b>b</b>`) removed."""
    pieces = _without_empty_runs(pieces)
    out: list[Piece] = []
    for piece in pieces:
        text, kind = piece
        if kind == "close" and out and out[-1][1] == "text" and out[-1][0] != out[-1][0].rstrip():
            out[-1] = (out[-1][0].rstrip(), "text")
            out.extend([piece, (" ", "text")])
        elif kind == "text" and out and out[-1][1] == "open" and text != text.lstrip():
            opened = []
            while out and out[-1][1] == "open":
                opened.append(out.pop())
            out.append((" ", "text"))
            out.extend(reversed(opened))
            out.append((text.lstrip(), "text"))
        else:
            out.append(piece)
    return _without_rejoined_runs(out)


def _without_empty_runs(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    shown: list[int] = []
    """Where in `out` each piece that is not blank text is, in order."""
    for piece in pieces:
        if piece[1] == "close" and shown and out[shown[-1]] == (piece[0], "open"):
            del out[shown.pop()]  # the run held nothing but spaces, which stay
            continue
        if piece[1] != "text" or piece[0].strip():
            shown.append(len(out))
        out.append(piece)
    return out


def _without_rejoined_runs(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if piece[1] == "open" and out and out[-1] == (piece[0], "close"):
            out.pop()
            continue
        out.append(piece)
    return out


def readable(written: list[Piece]) -> tuple[list[Piece], bool]:
    """Each run whose markers markdown would not read as emphasis (a flanking rule fails: the
    marker sits between a letter and a punctuation mark) dropped, its words kept; and whether
    any was (the words around it then meet: `2024` and `.` may start a list). `written`: the
    line with its text escaped."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, (_, kind) in enumerate(written):
        if kind == "open":
            stack.append(index)
        elif kind == "close" and stack:
            pairs[stack.pop()] = index
    dropped = set(stack)  # (an opener left unclosed: none is)
    before, after = _neighbours(written)
    for start, end in pairs.items():
        if not _opens(before[start], after[start]) or not _closes(before[end], after[end]):
            dropped |= {start, end}
    kept = [piece for index, piece in enumerate(written) if index not in dropped]
    return kept, bool(dropped)


def _neighbours(written: list[Piece]) -> tuple[list[str], list[str]]:
    """For each piece, the character written just before it and just after it (a space at the
    line's ends), found in one pass each way."""
    before, last = [], " "
    for piece, _ in written:
        before.append(last)
        last = piece[-1] if piece else last
    after, first = [" "] * len(written), " "
    for index in range(len(written) - 1, -1, -1):
        after[index] = first
        first = written[index][0][0] if written[index][0] else first
    return before, after


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _opens(before: str, after: str) -> bool:
    """CommonMark's left-flanking rule (for `*`, the only one that applies)."""
    return not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))


def _closes(before: str, after: str) -> bool:
    """CommonMark's right-flanking rule."""
    return not before.isspace() and (not _punctuation(before) or after.isspace() or _punctuation(after))
