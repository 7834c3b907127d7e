"""The characters no text the site publishes may hold, typed or written as a character
reference: control characters, and the characters that hide or reorder text.

One rule for the editors' text fields (`source.validate.text_problem`), the commit subjects the
site shows (`source.history`) and a spreadsheet's cells on import (`authoring`): what a text
means is checked, not only what is typed. Markdown (markdown-it, as the build renders
summaries, captions and pages) and HTML (a feed reader showing a title, TimelineJS showing a
headline) turn `&#x202E;` into U+202E, so a reference counts as the character it stands for.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters but tab, line feed and carriage return; the two noncharacters."""
INVISIBLE_CHARACTERS = (
    "\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff"
    "\u034f\u115f\u1160\u17b4\u17b5\u180e\u2061-\u2064\u3164\uffa0\U000e0000-\U000e007f"
)
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
"""Characters that reorder text (bidi embeddings, overrides, isolates) or take no space (zero
width space, word joiner, a byte order mark inside the text, the combining grapheme joiner,
the invisible operators, the Mongolian vowel separator, the Khmer inherent vowels), the
letters that show as blanks (the Hangul fillers), and the tag characters, each an invisible
copy of an ASCII character: a sentence written in them is read by programs (a search
engine, a language model reading the feed) and seen by no reviewer. The three flags written
with tag characters (England, Scotland, Wales) are refused with them. The zero width joiner
and non-joiner (U+200C, U+200D) and the direction marks (U+200E, U+200F) stay allowed:
scripts such as Persian, Arabic and Hebrew, and emoji, need them."""

_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
_SELECTOR = re.compile(f"[{_SELECTORS}]")
_PRESENTATION = "\ufe0e\ufe0f"


def loose_selector(text: str, at: int) -> bool:
    """Whether the variation selector at `at` modifies nothing: at the start, after a space or
    after another selector (a run of them can spell out any bytes, one each), or, but the
    emoji and text presentation selectors (U+FE0F, U+FE0E: `1️⃣`, `❤️`), after an ASCII
    character. One selector after the character it modifies (an emoji, an ideograph, a
    symbol) stays allowed."""
    before = text[at - 1] if at else " "
    return (
        before.isspace()
        or bool(_SELECTOR.match(before))
        or (before.isascii() and text[at] not in _PRESENTATION)
    )


# A character reference as HTML decodes it (decimal or hexadecimal, its `;` optional, any
# number of digits; or one of HTML5's names with its `;`). Markdown decodes a subset of these
# (`;` needed, at most 7 digits), so each reference markdown decodes is one of them.
_REFERENCE = r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]{1,31});)"
HIDDEN_CHARACTERS = f"\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff{INVISIBLE_CHARACTERS}{_SELECTORS}"
"""Every character a text may not hold, or may not hold everywhere (a variation selector), as
the inside of a regular expression's character class: for a first, quick search."""
_SCAN = re.compile(f"{_REFERENCE}|[{HIDDEN_CHARACTERS}]")


class Hidden(NamedTuple):
    """One character a text may not hold, where it is written in the text."""

    start: int
    end: int
    written: str
    """As the text writes it: the character itself, or a reference (`&#x202E;`)."""
    char: str
    """The character it is, or that the reference stands for."""

    @property
    def is_reference(self) -> bool:
        return self.written != self.char

    def named(self) -> str:
        """ "the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE), written as the character
        reference &#x202E;": what a message says of it."""
        if CONTROL.match(self.char):
            what = "a control character"
        else:
            what = f"the invisible character {code_point(self.char)}"
        return f"{what}, written as the character reference {self.written}" if self.is_reference else what


def code_point(char: str) -> str:
    """ "U+202E (RIGHT-TO-LEFT OVERRIDE)": a character named in a message."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


def refused(char: str, multiline: bool = False) -> bool:
    """Whether a text may not hold `char`; a one-line text no carriage return either."""
    return bool(CONTROL.match(char) or INVISIBLE.match(char)) or (char == "\r" and not multiline)


def hidden_characters(text: str, multiline: bool = False) -> Iterator[Hidden]:
    """Each character of `text` it may not hold, typed or as a character reference, in order."""
    if not _SCAN.search(text):  # (almost every text: one search)
        return
    for match in _SCAN.finditer(text):
        written = match.group()
        if _SELECTOR.match(written):  # refused only where it modifies nothing
            if loose_selector(text, match.start()):
                yield Hidden(match.start(), match.end(), written, written)
            continue
        meant = referenced(match) if written.startswith("&") else written
        found = next((char for char in meant or "" if refused(char, multiline)), None)
        if found is not None:
            yield Hidden(match.start(), match.end(), written, found)


def without_hidden(text: str, multiline: bool = True) -> tuple[str, list[Hidden]]:
    """`text` with each character it may not hold (and each reference to one) removed, and what
    was removed. Line breaks and tabs stay."""
    removed = list(hidden_characters(text, multiline))
    if not removed:
        return text, removed
    kept, at = [], 0
    for hidden in removed:
        kept.append(text[at : hidden.start])
        at = hidden.end
    kept.append(text[at:])
    return "".join(kept), removed


def referenced(match: re.Match[str]) -> str | None:
    """What a character reference stands for, as HTML decodes it (the WHATWG rules: NUL, a
    surrogate or a number past U+10FFFF is U+FFFD; 128-159 are Windows-1252's characters);
    None for a name HTML does not know (then it is no reference: markdown shows it as written).
    Where markdown decodes it differently, it gives U+FFFD (a control character, U+FFFF),
    which a text may hold: so what HTML makes of it is the stricter reading."""
    hexadecimal, decimal, name = match.groups()
    if name is not None:
        return html.entities.html5.get(name + ";")
    digits = (hexadecimal if hexadecimal is not None else decimal).lstrip("0") or "0"
    if len(digits) > 8:
        return "\ufffd"
    code = int(digits, 16 if hexadecimal is not None else 10)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # the five numbers Windows-1252 leaves out: HTML keeps them
            return chr(code)
    return chr(code)


_SHOWING = frozenset(("L", "M", "N", "P", "S"))


def shows_nothing(text: str) -> bool:
    """Whether `text` has no character a reader sees: only spaces, format characters, marks
    with nothing to mark, and the blanks (U+2800 BRAILLE PATTERN BLANK, U+00AD SOFT HYPHEN)."""
    return not any(
        unicodedata.category(char)[0] in _SHOWING
        and unicodedata.category(char) not in ("Mn", "Me")
        and char not in "\u2800\u00ad"
        for char in text
    )
