"""verify_quote: ignores whitespace, case and typographic marks only; a miss shows the closest passage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronicle.model.records import QuoteSpan
from chronicle.source.quotes import QuoteMiss, fold, normalise, verify_quote

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
        ('said:\t"We', "said:  “We"),
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
    ("article", "quote", "passage"),
    [
        ("Die Straße ist  lang.", "STRASSE IST LANG", "Straße ist  lang"),
        ("  \n Leading  space", "leading space", "Leading  space"),
        ("İstanbul  is big", "i̇stanbul is", "İstanbul  is"),
    ],
    ids=["letter-folding-to-two", "leading-whitespace", "dotted-capital-i"],
)
def test_span_covers_the_original_characters_whatever_folding_did(
    article: str, quote: str, passage: str
) -> None:
    assert found_text(quote, article) == passage


ARTICLE_CHARACTERS = st.sampled_from(list("abcXYZ é  \n\t\u00a0'’\"“”-—."))


@given(article=st.text(ARTICLE_CHARACTERS, max_size=60), data=st.data())
def test_any_passage_of_the_article_is_found_at_text_that_folds_to_it(
    article: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(article)))
    end = data.draw(st.integers(start, len(article)))
    quote = article[start:end]
    found = verify_quote(quote, normalise(article))
    if not fold(quote):
        assert found == QuoteMiss("", 0.0)
    else:
        assert isinstance(found, QuoteSpan)
        assert fold(article[found.start : found.end]) == fold(quote)


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


def test_a_missed_long_quote_is_matched_by_its_beginning_and_shown_shortened() -> None:
    article = normalise("word " * 5_000 + "the start of a long passage " + "that goes on and on " * 100)
    quote = "the start of a long passage " + "that goes on and ON " * 100 + "with more"
    miss = verify_quote(quote, article)
    assert isinstance(miss, QuoteMiss)
    assert miss.closest.startswith("the start of a long passage")
    assert len(miss.closest) <= 301
