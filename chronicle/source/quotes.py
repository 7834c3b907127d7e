"""Verify a quote in an article's text, ignoring only whitespace, case, typographic marks,
Unicode normalisation (NFC) and characters that never show (soft hyphens, zero-width spaces)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import accumulate

from chronicle.model.records import QuoteSpan
from chronicle.source.word_bounds import find_whole

_EQUIVALENT = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    # Turkish capital dotted I: its lowercase is i, where casefold() gives i and a combining
    # dot above, which no quote typed in lowercase has ("İstanbul" and "istanbul").
    "\u0130": "i",
}


_FOLD = str.maketrans(_EQUIVALENT)
_WORD = re.compile(r"\S+")

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters that show
# nothing unless a font is broken, and that documents copied from the web are full of (soft
# hyphens, zero-width spaces and joiners, word joiners, byte order marks, direction marks,
# variation selectors). Matching drops them from the quote and from the article alike.
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


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
    ends: tuple[int, ...] = ()
    """Where each character of `text` ends in `original`, when mapped one by one (a character
    composed from several, as "e" and a combining accent, ends after the last of them)."""

    @cached_property
    def trigrams(self) -> frozenset[tuple[str, str, str]]:
        """Every run of three characters of the text: a quote with a run the text lacks is not
        in it, which is quicker to know than a search of a long text (made only when asked)."""
        return frozenset(zip(self.text, self.text[1:], self.text[2:], strict=False))

    def may_hold(self, needle: str) -> bool:
        """False when the needle is surely not in the text (`trigrams`)."""
        known = self.trigrams
        return all(run in known for run in zip(needle, needle[1:], needle[2:], strict=False))

    def offset(self, index: int) -> int:
        run = bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]

    def span(self, start: int, end: int) -> QuoteSpan:
        last = self.ends[end - 1] if self.ends else self.offset(end - 1) + 1
        return QuoteSpan(self.offset(start), last)


def normalise(original: str) -> NormalisedText:
    """Case folded, typographic quotes/dashes made plain, whitespace runs made one space,
    composed (NFC), characters that never show dropped."""
    folded = original.translate(_FOLD)
    lowered = folded.casefold()
    if not _mapped_one_to_one(folded, lowered):  # ß -> ss, "e" + accent -> é, soft hyphens
        return _normalise_each_character(original)
    # One run per word with the single space after it: that space sits where the word's
    # whitespace run began in the original, which is where the run's offsets lead.
    origins = [match.start() for match in _WORD.finditer(lowered)]
    words = _WORD.findall(lowered)
    starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))[:-1]
    return NormalisedText(" ".join(words), tuple(starts), tuple(origins), original)


def fold(text: str) -> str:
    """The matching form alone (no offsets): what `normalise(text).text` would be."""
    folded = text.translate(_FOLD)
    lowered = folded.casefold()
    if not _mapped_one_to_one(folded, lowered):
        return _normalise_each_character(text).text
    return " ".join(lowered.split())


def _mapped_one_to_one(folded: str, lowered: str) -> bool:
    """Whether each character of the text has one character of the matching form: no letter
    folds to several, nothing is to be composed, nothing is to be dropped."""
    return (
        len(lowered) == len(folded)
        and unicodedata.is_normalized("NFC", lowered)
        and IGNORABLE.search(lowered) is None
    )


def _normalise_each_character(original: str) -> NormalisedText:
    chars: list[str] = []
    origins: list[int] = []
    ends: list[int] = []
    pending_space = False
    for start, end, kept in _clusters(original):
        if kept.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origins.append(start - 1)
            ends.append(start)
            pending_space = False
        for folded in _fold_cluster(kept):
            chars.append(folded)
            origins.append(start)
            ends.append(end)
    return NormalisedText("".join(chars), tuple(range(len(chars))), tuple(origins), original, tuple(ends))


def _clusters(original: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and characters (those that show) of each run of the text that composes
    into one: a letter with its combining marks, Hangul jamo into a syllable; each
    whitespace character alone."""
    start = end = 0
    kept = ""
    for index, char in enumerate(original):
        if char >= "\u00ad" and IGNORABLE.match(char):
            continue
        if kept and _joins(kept, char):
            kept, end = kept + char, index + 1
            continue
        if kept:
            yield start, end, kept
        start, end, kept = index, index + 1, char
    if kept:
        yield start, end, kept


def _joins(kept: str, char: str) -> bool:
    if char.isascii() or char.isspace() or kept.isspace():
        return False  # nothing composes with a following ASCII character
    if unicodedata.combining(char):
        return True
    joined = kept + char
    if unicodedata.is_normalized("NFC", joined):
        return False
    nfc = partial(unicodedata.normalize, "NFC")
    return nfc(joined) != nfc(kept) + nfc(char)


def _fold_cluster(kept: str) -> str:
    if kept.isascii():
        return kept.translate(_FOLD).casefold()
    composed = unicodedata.normalize("NFC", kept)
    return unicodedata.normalize("NFC", composed.translate(_FOLD).casefold())


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
    found = find_whole(article.text, needle, article)
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
    else:
        start, end, score = _best_bounds(needle, article.text, start, end, score)
    span = article.span(start, max(end, start + 1))
    first, last = widen_to_words(article.original, span.start, span.end)
    passage = " ".join(article.original[first:last].split())
    if len(passage) > SHOWN_CHARACTERS:
        passage = passage[:SHOWN_CHARACTERS] + "…"
    return QuoteMiss(passage, round(score, 1))


# How far a short quote's passage may move its ends, in words, from the window aligned with it.
BOUND_WORDS = 12


def _best_bounds(needle: str, text: str, start: int, end: int, score: float) -> tuple[int, int, float]:
    """The passage around text[start:end] whose words are most like the quote. The aligned
    window is as long as the quote: where the article says more in other words ("is scheduled
    for" for "was held on"), it drops the quote's first words and takes the next ones in."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    starts = _bounds(text, start, _word_starts_at)
    ends = _bounds(text, end, _word_ends_at)
    # Fewest word edits, a word of the quote left out costing more than one of the article
    # taken in: the passage then reaches the quote's first and last words wherever the article
    # has them ("The harbour council voted" for "The council voted", not "council voted"), and
    # takes in no word beyond them for a letter it happens to share.
    words = _bare_words(needle)
    best = (Levenshtein.distance(words, _bare_words(text[start:end]), weights=_WEIGHTS), start, end)
    for first in starts:
        for last in ends:
            if last > first:
                edits = Levenshtein.distance(words, _bare_words(text[first:last]), weights=_WEIGHTS)
                if edits < best[0]:
                    best = (edits, first, last)
    if best[1:] == (start, end):
        return start, end, score
    return best[1], best[2], fuzz.ratio(needle, text[best[1] : best[2]])


def _bare_words(text: str) -> list[str]:
    """The words of a text without the punctuation they carry ("would," and "would" are one)."""
    return [_PUNCTUATION.sub("", word) for word in text.split(" ")]


_PUNCTUATION = re.compile(r"[^\w]+")

_WEIGHTS = (1, 3, 3)
"""Levenshtein's weights from the quote's words to a passage's: a word of the article the
quote lacks, one of the quote the article lacks, one for another."""


def _bounds(text: str, at: int, is_bound: Callable[[str, int], bool]) -> list[int]:
    """`at`, and up to BOUND_WORDS places either side of it where `is_bound`."""
    found = [at]
    for step in (-1, 1):
        position, count = at + step, 0
        while 0 <= position <= len(text) and count < BOUND_WORDS:
            if is_bound(text, position):
                found.append(position)
                count += 1
            position += step
    return found


def _word_starts_at(text: str, position: int) -> bool:
    return position < len(text) and text[position] != " " and (position == 0 or text[position - 1] == " ")


def _word_ends_at(text: str, position: int) -> bool:
    return position > 0 and text[position - 1] != " " and (position == len(text) or text[position] == " ")


# Where the two differ is shown with a word on either side, each side at most this long.
DIFFERENCE_CHARACTERS = 60


def first_difference(quote: str, passage: str) -> tuple[str, str] | None:
    """For a missed quote's hint: where the quote and its closest passage first differ, as an
    excerpt of each (the differing words with one word either side), in their own spelling.

    Differences matching ignores do not count; nor does the passage's text before and after
    the quote, which it has only for being widened to whole words."""
    found = differences(quote, passage)
    return None if found is None else found[0]


def differences(quote: str, passage: str) -> tuple[tuple[str, str], int] | None:
    """`first_difference`, and how many more places the two differ in (words that differ
    with no equal word between them are one place): a hint naming only the first would take
    an editor as many rounds as there are places."""
    from rapidfuzz.distance import Levenshtein

    ours, theirs = normalise(quote), normalise(passage)
    edits = [op for op in Levenshtein.opcodes(ours.text, theirs.text) if op.tag != "equal"]
    if edits and edits[0].tag == "insert" and edits[0].src_end == 0:
        edits.pop(0)
    if edits and edits[-1].tag == "insert" and edits[-1].src_start == len(ours.text):
        edits.pop()
    if not edits or (passage.endswith("…") and edits[0].dest_end == len(theirs.text)):
        return None  # the same as far as the shortened passage goes
    if passage.endswith("…"):  # what the shortened passage leaves out is no difference
        edits = [edit for edit in edits if edit.dest_end < len(theirs.text)]
    edit = edits[0]
    first = (_excerpt(ours, edit.src_start, edit.src_end), _excerpt(theirs, edit.dest_start, edit.dest_end))
    return first, _places(ours.text, [(edit.src_start, edit.src_end) for edit in edits]) - 1


def _places(text: str, spans: list[tuple[int, int]]) -> int:
    """How many runs of words the spans of `text` fall in, two runs apart when a whole word
    lies between them untouched."""
    spaces = [index for index, char in enumerate(text) if char == " "]
    places, last_word = 0, -2
    for start, end in spans:
        first_word = bisect_right(spaces, start - 1)
        if first_word > last_word + 1:
            places += 1
        last_word = max(last_word, bisect_right(spaces, max(end - 1, start)))
    return places


def _excerpt(text: NormalisedText, start: int, end: int) -> str:
    """The words of `text` from the one before `start` to the one after `end` (positions in
    its matching form), as the original writes them; an ellipsis where more text goes on."""
    words = text.text.split(" ")
    first_word = max(text.text.count(" ", 0, start) - 1, 0)
    last_word = min(text.text.count(" ", 0, max(end - 1, start)) + 1, len(words) - 1)
    first = sum(len(word) + 1 for word in words[:first_word])
    last = sum(len(word) + 1 for word in words[: last_word + 1]) - 1
    span = text.span(first, max(last, first + 1))
    shown = " ".join(text.original[span.start : span.end].split())
    if len(shown) > DIFFERENCE_CHARACTERS:
        shown, last_word = shown[:DIFFERENCE_CHARACTERS], -1
    before = "…" if first_word > 0 else ""
    after = "…" if last_word != len(words) - 1 else ""
    return before + shown + after


_TYPOGRAPHIC_QUOTES = frozenset("“”„‟«»‘’‚‛‹›")


def inside_typographic_quotes(quote: str) -> str | None:
    """The quote without its first and last characters when both are typographic quotation
    marks (“...”, ‘...’, «...», „...“): pasted as delimiters, YAML keeps them as text."""
    stripped = quote.strip()
    if len(stripped) > 2 and stripped[0] in _TYPOGRAPHIC_QUOTES and stripped[-1] in _TYPOGRAPHIC_QUOTES:
        return stripped[1:-1]
    return None


def widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] widened to the whitespace either side."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


_UNSEEN_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Co", "Cn"})


def unseen_differences(quote: str, passage: str) -> str | None:
    """For a missed quote's hint: the characters that may not show (combining marks, format,
    control and unassigned characters) and that matching does not ignore, which one of the
    quote and the passage has and the other has not, named (U+0301 COMBINING ACUTE ACCENT)."""
    ours, theirs = _unseen(quote), _unseen(passage)
    named = [f"{_name(char)} only in the quote" for char in sorted(ours - theirs)]
    named += [f"{_name(char)} only in the passage" for char in sorted(theirs - ours)]
    return "; ".join(named) if named else None


def _unseen(text: str) -> set[str]:
    return {char for char in fold(text) if unicodedata.category(char) in _UNSEEN_CATEGORIES}


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
