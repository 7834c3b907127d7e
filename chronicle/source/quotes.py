"""Verify a quote in an article's text, ignoring only whitespace, case and typographic marks."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from chronicle.model.records import QuoteSpan

_EQUIVALENT = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}


_FOLD = str.maketrans(_EQUIVALENT)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class NormalisedText:
    """A text in matching form, and where each of its runs of characters sits in the original.

    Run `i` starts at `starts[i]` in `text` and at `origins[i]` in `original`; within a run
    characters correspond one to one (a collapsed whitespace run is a run of one space).
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    original: str

    def offset(self, index: int) -> int:
        run = bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]

    def span(self, start: int, end: int) -> QuoteSpan:
        return QuoteSpan(self.offset(start), self.offset(end - 1) + 1)


def normalise(original: str) -> NormalisedText:
    """Case folded, typographic quotes/dashes made plain, whitespace runs made one space."""
    folded = original.translate(_FOLD)
    lowered = folded.casefold()
    if len(lowered) != len(folded):  # a letter folds to several (ß -> ss): map one by one
        return _normalise_each_character(original)
    # One run per word with the single space after it: that space sits where the word's
    # whitespace run began in the original, which is where the run's offsets lead.
    origins = [match.start() for match in _WORD.finditer(lowered)]
    words = _WORD.findall(lowered)
    starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))[:-1]
    return NormalisedText(" ".join(words), tuple(starts), tuple(origins), original)


def fold(text: str) -> str:
    """The matching form alone (no offsets): what `normalise(text).text` would be."""
    return " ".join(text.translate(_FOLD).casefold().split())


def _normalise_each_character(original: str) -> NormalisedText:
    chars: list[str] = []
    origins: list[int] = []
    pending_space = False
    for index, char in enumerate(original):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origins.append(index - 1)
            pending_space = False
        for folded in char.translate(_FOLD).casefold():
            chars.append(folded)
            origins.append(index)
    return NormalisedText("".join(chars), tuple(range(len(chars))), tuple(origins), original)


@dataclass(frozen=True)
class QuoteMiss:
    """A quote not found: the closest passage of the article, and how close it is (0-100)."""

    closest: str
    score: float


def verify_quote(quote: str, article: NormalisedText) -> QuoteSpan | QuoteMiss:
    """The quote's place in the article, or the closest passage when it is not there."""
    needle = fold(quote)
    if not needle:
        return QuoteMiss("", 0.0)
    found = article.text.find(needle)
    if found >= 0:
        return article.span(found, found + len(needle))
    return closest_passage(needle, article)


# A missed quote is aligned by its beginning: aligning all of a long quote against a long
# article costs the product of their lengths (a 10 KB quote in a 260 KB article took 31 s).
ALIGNED_CHARACTERS = 200
SHOWN_CHARACTERS = 300


def closest_passage(needle: str, article: NormalisedText) -> QuoteMiss:
    """The passage of the article most like the quote: where its beginning aligns best, as
    long as the quote; a long quote is scored against that whole passage."""
    if not article.text:
        return QuoteMiss("", 0.0)
    from rapidfuzz import fuzz  # only a missed quote needs it: clean builds skip the import

    alignment = fuzz.partial_ratio_alignment(needle[:ALIGNED_CHARACTERS], article.text)
    if alignment is None:
        return QuoteMiss("", 0.0)
    start, end, score = alignment.dest_start, alignment.dest_end, alignment.score
    if len(needle) > ALIGNED_CHARACTERS:
        end = min(len(article.text), start + len(needle))
        score = fuzz.ratio(needle, article.text[start:end])
    span = article.span(start, max(end, start + 1))
    first, last = _widen_to_words(article.original, span.start, span.end)
    passage = " ".join(article.original[first:last].split())
    if len(passage) > SHOWN_CHARACTERS:
        passage = passage[:SHOWN_CHARACTERS] + "…"
    return QuoteMiss(passage, round(score, 1))


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
