"""verify_quote: ignores whitespace, case, typographic marks, Unicode normalisation and characters
that never show, only; a miss shows the closest passage."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronicle.model.records import QuoteSpan
from chronicle.source.quotes import (
    QuoteMiss,
    first_difference,
    fold,
    normalise,
    unseen_differences,
    verify_quote,
)

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


def test_a_turkish_capital_dotted_i_matches_its_lowercase_i() -> None:
    article = "Talks opened in the city of İstanbul on Monday."
    assert found_text("the city of istanbul", article) == "the city of İstanbul"


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
        ("İstanbul  is big", "istanbul is", "İstanbul  is"),
    ],
    ids=["letter-folding-to-two", "leading-whitespace", "dotted-capital-i"],
)
def test_span_covers_the_original_characters_whatever_folding_did(
    article: str, quote: str, passage: str
) -> None:
    assert found_text(quote, article) == passage


ARTICLE_CHARACTERS = st.sampled_from(list("abcXYZ é  \n\t\u00a0'’\"“”-—."))


@given(article=st.text(ARTICLE_CHARACTERS, max_size=60), data=st.data())
def test_any_passage_of_whole_words_is_found_at_text_that_folds_to_it(
    article: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(article)))
    end = data.draw(st.integers(start, len(article)))
    # A quote begins and ends at whole words (test_quote_whole_words.py): widened to the spaces.
    while 0 < start < len(article) and not article[start - 1].isspace():
        start -= 1
    while 0 < end < len(article) and not article[end].isspace():
        end += 1
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
    assert miss.closest == "agreed to share river data every week."


def test_empty_quote_is_a_miss_without_passage() -> None:
    assert verify_quote("  \n ", normalise(ARTICLE)) == QuoteMiss("", 0.0)


def test_a_missed_long_quote_is_matched_by_its_beginning_and_shown_shortened() -> None:
    article = normalise("word " * 5_000 + "the start of a long passage " + "that goes on and on " * 100)
    quote = "the start of a long passage " + "that goes on and ON " * 100 + "with more"
    miss = verify_quote(quote, article)
    assert isinstance(miss, QuoteMiss)
    assert miss.closest.startswith("the start of a long passage")
    assert len(miss.closest) <= 301


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("article", "quote"),
    [
        (nfd("Le café de la Gare a fermé."), "café de la Gare a fermé"),
        ("Le café de la Gare a fermé.", nfd("café de la Gare a fermé")),
        (nfd("Der Rat will eine neue Brücke bauen."), "eine neue Brücke"),
        (nfd("회담은 평양에서 열렸다."), "회담은 평양에서"),
    ],
    ids=["decomposed-article", "decomposed-quote", "umlaut", "hangul-jamo"],
)
def test_quote_matches_canonically_equal_text_composed_or_decomposed(article: str, quote: str) -> None:
    assert isinstance(verify_quote(quote, normalise(article)), QuoteSpan)


@pytest.mark.parametrize(
    "invisible",
    ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"],
    ids=["soft-hyphen", "zero-width-space", "zwnj", "zwj", "word-joiner", "byte-order-mark", "lrm"],
)
def test_quote_matches_an_article_with_characters_that_never_show(invisible: str) -> None:
    article = f"They agreed to build a new bri{invisible}dge over the river."
    assert found_text("a new bridge over", article) == f"a new bri{invisible}dge over"


def test_characters_that_never_show_in_the_quote_do_not_matter() -> None:
    assert found_text("the\u200b talks\u00ad-ended") == "the talks—ended"


def test_span_over_a_decomposed_letter_ends_after_its_combining_marks() -> None:
    article = nfd("Er sagte: schöne Grüße.")
    assert found_text("schöne grüße", article) == nfd("schöne Grüße")


def test_span_starting_after_invisible_characters_starts_at_the_quoted_word() -> None:
    article = "\ufeffPreamble.\u200b \u00adThe quoted words."
    assert found_text("the quoted", article) == "The quoted"


INVISIBLE_OR_COMBINING = st.sampled_from(list("abé \n\u00ad\u200b\ufeff\u0301\u0308\u1100\u1161\u11a8ß"))


@given(text=st.text(INVISIBLE_OR_COMBINING, max_size=40))
def test_matching_form_is_the_same_composed_or_decomposed_and_with_or_without_invisibles(text: str) -> None:
    plain = unicodedata.normalize("NFC", "".join(c for c in text if c not in "\u00ad\u200b\ufeff"))
    assert fold(text) == fold(nfd(text)) == fold(plain) == normalise(text).text


def test_miss_hint_names_combining_marks_the_quote_and_passage_do_not_share() -> None:
    assert unseen_differences("q\u0307uite", "quite") == "U+0307 COMBINING DOT ABOVE only in the quote"
    assert unseen_differences("quite", "qu\u0331ite") == "U+0331 COMBINING MACRON BELOW only in the passage"


def test_miss_hint_names_nothing_for_differences_matching_ignores() -> None:
    assert unseen_differences("new bridge", "new bri\u00addge") is None
    assert unseen_differences("café", nfd("café")) is None


def test_first_difference_is_shown_with_a_word_either_side_as_each_text_writes_it() -> None:
    assert first_difference("Kim’s aides NODDED twice", "Kim's aides nodded once") == (
        "…NODDED twice",
        "…nodded once",
    )


def test_first_difference_skips_the_passage_words_before_and_after_the_quote() -> None:
    assert first_difference(
        "share river data every month", "They agreed to share river data every week."
    ) == (
        "…every month",
        "…every week.",
    )


def test_first_difference_of_long_runs_of_words_is_shortened() -> None:
    difference = first_difference("the " + "alpha " * 40 + "end", "the " + "beta " * 40 + "end")
    assert difference is not None
    ours, theirs = difference
    assert len(ours) <= 62 and ours.startswith("the alpha") and ours.endswith("…")
    assert len(theirs) <= 62 and theirs.startswith("the beta")


PIER_ARTICLE = (
    "The harbour council voted 7 to 2 on Thursday evening to approve the pier. "
    "A public meeting is scheduled for 2 April at the town hall. Residents may speak."
)


def test_closest_passage_keeps_the_quotes_first_words_where_the_article_says_more() -> None:
    miss = verify_quote("A public meeting was held on 2 April at the town hall.", normalise(PIER_ARTICLE))
    assert isinstance(miss, QuoteMiss)
    assert miss.closest == "A public meeting is scheduled for 2 April at the town hall."
    assert first_difference("A public meeting was held on 2 April at the town hall.", miss.closest) == (
        "…meeting was held…",
        "…meeting is scheduled…",
    )


def test_closest_passage_takes_in_a_word_the_quote_left_out() -> None:
    miss = verify_quote("The council voted 7 to 2 on Thursday evening", normalise(PIER_ARTICLE))
    assert isinstance(miss, QuoteMiss)
    assert miss.closest == "The harbour council voted 7 to 2 on Thursday evening"
