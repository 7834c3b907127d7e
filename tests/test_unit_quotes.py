"""verify_quote: ignores whitespace, case and typographic marks only; a miss shows the closest passage."""

from __future__ import annotations

import pytest

from chronicle.model import QuoteSpan
from chronicle.quotes import QuoteMiss, normalise, verify_quote

ARTICLE = (
    "Officials said:  “We will  never\nback down” — and the talks—ended.\n"
    "Kim’s aides nodded. The meeting lasted three hours."
)


def found_text(quote: str, article: str = ARTICLE) -> str:
    """The passage of the original article that the quote was found at."""
    span = verify_quote(quote, normalise(article))
    assert isinstance(span, QuoteSpan), span
    return article[span.start : span.end]


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("We will never back down", "We will  never\nback down"),
        ("WE WILL NEVER BACK DOWN", "We will  never\nback down"),
        ('"We will never back down"', "“We will  never\nback down”"),
        ("Kim's aides", "Kim’s aides"),
        ("talks-ended", "talks—ended"),
        ('down" - and', "down” — and"),
        ("said:\t\"We", "said:  “We"),
    ],
    ids=[
        "whitespace-and-newline",
        "case",
        "typographic-double-quotes",
        "typographic-apostrophe",
        "em-dash",
        "dash-and-quote-with-spaces",
        "tab-for-spaces",
    ],
)
def test_quote_matches_ignoring_whitespace_case_and_typographic_marks(quote: str, passage: str) -> None:
    assert found_text(quote) == passage


def test_span_is_of_the_original_text_not_the_normalised_one() -> None:
    article = "A\n\n  long   preamble.  Then:   THE   Quoted   words   here."
    span = verify_quote("the quoted words", normalise(article))
    start = article.index("THE")
    assert span == QuoteSpan(start, start + len("THE   Quoted   words"))
    assert article[span.start : span.end] == "THE   Quoted   words"


@pytest.mark.parametrize(
    "quote",
    [
        "We will always back down",
        "Kim’s aides nodded…",
        "the talks ended",
        "We will never back down.",
    ],
    ids=["changed-word", "ellipsis-for-full-stop", "dash-dropped", "added-full-stop"],
)
def test_other_differences_are_not_ignored(quote: str) -> None:
    assert isinstance(verify_quote(quote, normalise(ARTICLE)), QuoteMiss)


def test_miss_shows_the_closest_passage_widened_to_whole_words() -> None:
    miss = verify_quote("We will always back down", normalise(ARTICLE))
    assert miss == QuoteMiss("“We will never back down”", 75.0)


def test_closest_passage_has_its_whitespace_collapsed() -> None:
    article = "Nothing here.\n\nThey agreed to share   river\ndata every week."
    miss = verify_quote("agreed to share river data every month", normalise(article))
    assert isinstance(miss, QuoteMiss)
    assert miss.closest == "They agreed to share river data every week."


def test_empty_quote_is_a_miss_without_passage() -> None:
    assert verify_quote("  \n ", normalise(ARTICLE)) == QuoteMiss("", 0.0)
