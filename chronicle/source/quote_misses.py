"""A quote checked against its article, and the hint for a quote the article does not have.

The closest passage of a missed quote is searched for through the whole document (rapidfuzz,
a fraction of a second for a document of a few megabytes): an event file's searches are
bounded (`QuoteSearches`), so that a file of thousands of missed quotes takes no longer to
check than a few. The bound is a count, never a time, so the same files give the same
messages; and it is the file's own, so an event's messages depend only on its file and what
it cites (the cache and the forked workers of `build.load` keep each event's result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.model.records import QuoteSpan
from chronicle.source.quotes import NormalisedText as NormalisedText  # with QuoteSearches
from chronicle.source.quotes import (
    closest_passage,
    differences,
    fold,
    inside_typographic_quotes,
    unseen_differences,
    widen_to_words,
)
from chronicle.source.word_bounds import find_whole
from chronicle.source.yaml_quoting import quoted_for_yaml

MOST_QUOTE_SEARCHES = 20
"""Missed quotes of one event file whose closest passage is searched for."""

MISSES_BEFORE_SIFTING = 100
SIFTED_CHARACTERS = 1_000_000
"""A document this long is sifted (`NormalisedText.may_hold`) for a file that has missed
MISSES_BEFORE_SIFTING quotes: sifting costs the time of some hundred plain searches once."""

MOST_SEARCHED_CHARACTERS = 10_000_000
"""Characters of documents the searches of one event file may read (about two documents of
the largest size, 5 MB): a search reads its whole document."""

MOST_CHARACTERS_ELSEWHERE = 100_000_000
"""Characters of other articles one event file's missed quotes may be looked for in (a tenth
of a second of plain searches): a file of thousands of misses in a site of large documents
gets the hint for its first ones."""


@dataclass
class QuoteSearches:
    """The closest-passage searches one event file has made: give each file its own."""

    searches: int = 0
    characters: int = 0
    misses: int = 0
    looked_elsewhere: int = 0
    """Characters of other articles read for quotes pasted under the wrong one (`look_elsewhere`)."""

    def first_sifts(self, article: NormalisedText) -> bool:
        """Whether a quote is sifted through the article's runs of characters before it is
        looked for: once a file has missed many quotes of a long document, each search of
        which reads all of it."""
        return self.misses >= MISSES_BEFORE_SIFTING and len(article.text) >= SIFTED_CHARACTERS

    def allow(self, article: NormalisedText) -> bool:
        """Whether a search of `article` is within the bound; if so, it is counted."""
        if self.searches >= MOST_QUOTE_SEARCHES or self.characters >= MOST_SEARCHED_CHARACTERS:
            return False
        self.searches += 1
        self.characters += len(article.text)
        return True

    def look_elsewhere(self, article: NormalisedText) -> bool:
        """Whether a missed quote may be looked for in `article`, another than its own; if so,
        it is counted. A plain search, far quicker than a closest passage's: its own bound."""
        if self.looked_elsewhere >= MOST_CHARACTERS_ELSEWHERE:
            return False
        self.looked_elsewhere += len(article.text)
        return True


@dataclass(frozen=True)
class MissedQuote:
    """A quote its article does not have, and what the error's hint says about it."""

    hint: str | None


def locate_quote(quote: str, article: NormalisedText, searches: QuoteSearches) -> QuoteSpan | MissedQuote:
    """The quote's place in the article, or the hint for its miss."""
    needle = fold(quote)
    sifted_out = searches.first_sifts(article) and not article.may_hold(needle)
    found = find_whole(article.text, needle, article) if needle and not sifted_out else -1
    if found >= 0:
        return article.span(found, found + len(needle))
    searches.misses += 1
    if needle and not sifted_out and needle in article.text:
        return MissedQuote(_inside_words_hint(needle, article))
    return MissedQuote(miss_hint(quote, article, searches) if needle else None)


def _inside_words_hint(needle: str, article: NormalisedText) -> str:
    """The quote's text stands in the article only as part of longer words."""
    found = article.text.find(needle)
    span = article.span(found, found + len(needle))
    first, last = widen_to_words(article.original, span.start, span.end)
    passage = " ".join(article.original[first:last].split())
    return (
        f'the article has these words only as part of longer ones ("{passage}"): a quote begins and '
        "ends at whole words, so that it cannot turn “illegal” into “legal”; quote the whole words"
    )


# What a writer puts for words left out: "...", "…", "[…]", "[...]", ". . .".
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|…|\.\s?\.\s?\.")


def miss_hint(quote: str, article: NormalisedText, searches: QuoteSearches) -> str | None:
    """Typographic quotes pasted as delimiters when the quote is found without them; that a
    quote cannot skip words when it has an ellipsis; then the closest passage (within the
    file's searches) and where the two differ."""
    inside = inside_typographic_quotes(quote)
    if inside is not None and fold(inside) and fold(inside) in article.text:
        marks = quote.strip()
        return (
            f"the value starts and ends with typographic quotes ({marks[0]} {marks[-1]}), which YAML "
            'keeps as part of the quote; without them it is found: write straight quotes "..." around '
            "the value"
        )
    notes = [_ellipsis_note(quote, article)] if _ELLIPSIS.search(quote) else []
    if not article.text:
        return "; ".join(notes) or None
    if not searches.allow(article):
        notes.append(
            f"the search for the closest passage was skipped after {searches.searches} misses in this "
            f"file (each reads the whole document): fix the ones above first, then check again"
        )
        return "; ".join(notes)
    closest = _closest_hint(quote, article)
    return "; ".join([*notes, closest] if closest else notes) or None


def _ellipsis_note(quote: str, article: NormalisedText) -> str:
    parts = [fold(part) for part in _ELLIPSIS.split(quote)]
    parts = [part for part in parts if part]
    if len(parts) > 1 and all(part in article.text for part in parts):
        return (
            f"a quote cannot skip words, and each of its {len(parts)} parts around the ellipsis is "
            "in the article: cite each part as its own source entry (the same `article`, one `quote` each)"
        )
    return (
        "a quote cannot skip words (its ellipsis is matched as text): quote one unbroken passage, "
        "or cite each passage as its own source entry (the same `article`, one `quote` each)"
    )


def _closest_hint(quote: str, article: NormalisedText) -> str | None:
    """The closest passage, where the quote first differs from it (and in how many more
    places), and the characters that may not show in which they differ."""
    miss = closest_passage(fold(quote), article)
    if not miss.closest:
        return None
    hint = f"closest passage ({miss.score:.0f}% similar): {quoted_for_yaml(miss.closest)}"
    found = differences(quote, miss.closest)
    if found is not None:
        (ours, theirs), more = found
        hint += f'; the quote has "{ours}" where the passage has "{theirs}"'
        if more:
            hint += f" (and {more} more difference{'s' if more > 1 else ''})"
    unseen = unseen_differences(quote, miss.closest)
    return hint if unseen is None else f"{hint}; they differ in characters that may not show: {unseen}"
