"""Verify a quote in an article's text, ignoring only whitespace, case and typographic marks."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from chronicle.model import QuoteSpan

_EQUIVALENT = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}


@dataclass(frozen=True)
class NormalisedText:
    """A text in matching form, with the offset in the original of every character."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> QuoteSpan:
        return QuoteSpan(self.offsets[start], self.offsets[end - 1] + 1)


def normalise(original: str) -> NormalisedText:
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(original):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            offsets.append(index - 1)
            pending_space = False
        for folded in _EQUIVALENT.get(char, char).casefold():
            chars.append(folded)
            offsets.append(index)
    return NormalisedText("".join(chars), tuple(offsets), original)


@dataclass(frozen=True)
class QuoteMiss:
    """A quote not found: the closest passage of the article, and how close it is (0-100)."""

    closest: str
    score: float


def verify_quote(quote: str, article: NormalisedText) -> QuoteSpan | QuoteMiss:
    """The quote's place in the article, or the closest passage when it is not there."""
    needle = normalise(quote).text
    if not needle:
        return QuoteMiss("", 0.0)
    found = article.text.find(needle)
    if found >= 0:
        return article.span(found, found + len(needle))
    return closest_passage(needle, article)


def closest_passage(needle: str, article: NormalisedText) -> QuoteMiss:
    if not article.text:
        return QuoteMiss("", 0.0)
    alignment = fuzz.partial_ratio_alignment(needle, article.text)
    if alignment is None:
        return QuoteMiss("", 0.0)
    span = article.span(alignment.dest_start, max(alignment.dest_end, alignment.dest_start + 1))
    start, end = _widen_to_words(article.original, span.start, span.end)
    passage = " ".join(article.original[start:end].split())
    return QuoteMiss(passage, round(alignment.score, 1))


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
