"""A quote begins and ends at whole words: letters cut from a longer word ("legal" from
"illegal") never verify, in scripts written with spaces; a quote too short to show anything
is warned about."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.model.records import QuoteSpan
from chronicle.source.quote_misses import MissedQuote, QuoteSearches, locate_quote
from chronicle.source.quotes import normalise

RULING = "The court found the merger illegal and void. Officials said the plan was impossible to carry out."


def located(quote: str, article: str = RULING) -> QuoteSpan | MissedQuote:
    return locate_quote(quote, normalise(article), QuoteSearches())


@pytest.mark.parametrize(
    "quote",
    ["legal and void", "possible to carry out", "The court found the merger ill", "rt found", "10,000"],
)
def test_a_quote_cut_from_inside_a_word_is_not_found(quote: str) -> None:
    assert isinstance(located(quote, RULING + " About 110,0000 attended."), MissedQuote)


def test_the_hint_shows_the_whole_words_the_quote_was_cut_from() -> None:
    missed = located("legal and void")
    assert isinstance(missed, MissedQuote) and missed.hint is not None
    assert '"illegal and void."' in missed.hint


@pytest.mark.parametrize("quote", ["illegal and void", "the merger illegal", "void. Officials", "impossible"])
def test_a_quote_of_whole_words_is_found(quote: str) -> None:
    assert isinstance(located(quote), QuoteSpan)


def test_a_later_place_at_whole_words_is_found_after_one_inside_a_word() -> None:
    article = "It was illegal, then legal and void."
    span = located("legal and void", article)
    assert isinstance(span, QuoteSpan)
    assert article[span.start : span.end] == "legal and void"


@pytest.mark.parametrize(
    ("article", "quote"),
    [("北朝鮮はロシアに兵士を派遣した。", "ロシアに兵士"), ("กองทัพถอนกำลังออกจากเมือง", "ถอนกำลัง")],
)
def test_a_quote_in_a_script_without_spaces_may_begin_at_any_character(article: str, quote: str) -> None:
    assert isinstance(located(quote, article), QuoteSpan)


@pytest.mark.parametrize("quote", ["북한군 약 1만2천 명", "1만2천 명"])
def test_a_korean_quote_may_end_before_the_particle_joined_to_its_last_word(quote: str) -> None:
    assert isinstance(located(quote, "국가정보원은 북한군 약 1만2천 명이 파병됐다고 밝혔다."), QuoteSpan)


@pytest.mark.parametrize(
    ("quote", "article"),
    [
        ("binding agreement", "a non-binding agreement"),
        ("we can", "we can't"),
        ("we can", "we can’t"),
        ("killed 10,000", "killed 10,000,000 people"),
        ("rose 1", "prices rose 1.5 percent"),
        ("5 degrees", "fell to −5 degrees"),
        ("ताब", "किताब"),
        ("legal and void", "x\u0301legal and void"),
        ("๐,๐๐๐ คน", "๑๐,๐๐๐ คน"),
    ],
)
def test_a_quote_cut_from_a_number_or_a_joined_word_is_not_found(quote: str, article: str) -> None:
    assert isinstance(located(quote, article), MissedQuote)


@pytest.mark.parametrize(
    ("quote", "article"),
    [
        ("North Korea military alliance", "the Russia–North Korea military alliance"),
        ("North Korea", "Russia — North Korea"),
        ("10,000 soldiers", "more than 10,000 soldiers."),
        ("किताब", "यह किताब है"),
        ("in 2024", "in 2024, 10,000 soldiers"),
    ],
)
def test_a_quote_after_a_dash_or_before_punctuation_is_found(quote: str, article: str) -> None:
    assert isinstance(located(quote, article), QuoteSpan)


def quoting(tmp_path: Path, quote: str) -> list[tuple[str, str, str | None]]:
    sources = f"sources:\n  - article: one\n    quote: {quote!r}\n"
    text = f"title: T\ndate: 2025\nsummary: S\n{sources}added: 2026-01-02\n"
    return reported(write_site(tmp_path, {"content/events/first-event.yaml": text}))


def test_a_quote_too_short_to_show_anything_is_warned_about(tmp_path: Path) -> None:
    ((where, message, _),) = quoting(tmp_path, "to")
    assert (where, message) == (
        "content/events/first-event.yaml:6:12",
        "warning: the quote 'to' is too short to show what article 'one' says",
    )


def test_a_quote_cut_from_a_word_is_an_error_at_the_quote(tmp_path: Path) -> None:
    ((where, message, hint),) = quoting(tmp_path, "greed to share river data")
    assert where == "content/events/first-event.yaml:6:12"
    assert message == "error: quote not found in article 'one'"
    assert hint is not None and '"agreed to share river data' in hint


def test_a_quote_pasted_under_the_wrong_article_names_the_article_holding_it(tmp_path: Path) -> None:
    other = {
        "content/articles/two.yaml": "title: Second report\npublisher: Test Wire\npublished: 2025-06-04\n",
        "seeds/two.txt": "The strikers said: We have not had a raise since 2019.\n",
    }
    text = (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\n"
        "    quote: We have not had a raise since 2019\nadded: 2026-01-02\n"
    )
    root = write_site(tmp_path, {**other, "content/events/first-event.yaml": text})
    ((where, message, hint),) = reported(root)
    assert where == "content/events/first-event.yaml:6:12"
    assert message == "error: quote not found in article 'one'"
    assert hint == "the passage is in article 'two': cite that article (`article: two`)"
