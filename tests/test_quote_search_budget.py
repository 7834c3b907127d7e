"""A missed quote: its hint, and the bound on the searches for its closest passage. Each search
reads the whole document, so an event file's searches are bounded by a count (never a time:
the same files give the same messages); a quote missed past the bound is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.source import quote_misses
from chronicle.source.quote_misses import MissedQuote, QuoteSearches, locate_quote
from chronicle.source.quotes import normalise

EVENT = "content/events/first-event.yaml"
ARTICLE = normalise("Police blocked the road to the harbour on Monday, and the council met on Friday.")


def hint(quote: str, searches: QuoteSearches | None = None) -> str | None:
    found = locate_quote(quote, ARTICLE, searches or QuoteSearches())
    assert isinstance(found, MissedQuote)
    return found.hint


def event_citing(quotes: list[str]) -> str:
    sources = "".join(f"  - article: one\n    quote: {quote}\n" for quote in quotes)
    return f"title: T\ndate: 2025\nsummary: S\nsources:\n{sources}added: 2026-01-02\n"


def test_a_found_quote_is_its_place_in_the_article() -> None:
    assert not isinstance(locate_quote("the ROAD to the harbour", ARTICLE, QuoteSearches()), MissedQuote)


def test_a_miss_within_the_bound_shows_the_closest_passage() -> None:
    found = hint("Police blocked the road to the harbor")
    assert found is not None and found.startswith("closest passage")


def test_past_the_bound_a_miss_says_its_search_was_skipped_and_to_fix_the_ones_above() -> None:
    searches = QuoteSearches()
    hints = [hint(f"not said {number}", searches) for number in range(quote_misses.MOST_QUOTE_SEARCHES + 2)]
    assert all(text is not None and "closest passage" in text for text in hints[:-2])
    assert hints[-1] == (
        f"the search for the closest passage was skipped after {quote_misses.MOST_QUOTE_SEARCHES} "
        "misses in this file (each reads the whole document): fix the ones above first, then check again"
    )


def test_the_bound_counts_the_characters_searched_too() -> None:
    searches = QuoteSearches(characters=quote_misses.MOST_SEARCHED_CHARACTERS)
    found = hint("Police blocked the road to the harbor", searches)
    assert found is not None and found.startswith("the search for the closest passage was skipped")


def test_each_event_file_has_its_own_bound_and_every_miss_is_an_error_at_its_quote(tmp_path: Path) -> None:
    quotes = [f"words never written {number}" for number in range(quote_misses.MOST_QUOTE_SEARCHES + 1)]
    other = "content/events/second-event.yaml"
    found = reported(write_site(tmp_path, {EVENT: event_citing(quotes), other: event_citing(quotes[:1])}))
    errors = [(where, text) for where, message, text in found if message.startswith("error: quote not found")]
    assert [where for where, _ in errors[:-1]] == [
        f"{EVENT}:{6 + 2 * index}:12" for index in range(len(quotes))
    ]
    assert "skipped" in str(errors[-2][1]) and "closest passage (" in str(errors[-1][1])


def test_a_file_of_many_misses_of_a_long_document_gives_each_the_same_error() -> None:
    article = normalise(" ".join(f"word{number}" for number in range(300_000)))
    searches = QuoteSearches(searches=quote_misses.MOST_QUOTE_SEARCHES)
    for number in range(quote_misses.MISSES_BEFORE_SIFTING + 5):
        assert isinstance(locate_quote(f"zq{number}xw", article, searches), MissedQuote)
    assert not isinstance(locate_quote("word7 word8", article, searches), MissedQuote)


def test_a_quote_with_an_ellipsis_is_told_first_that_a_quote_cannot_skip_words() -> None:
    for ellipsis in ("...", "…", "[…]", "[...]"):
        found = hint(f"Police stopped {ellipsis} on Monday")
        assert found is not None and found.startswith(
            "a quote cannot skip words (its ellipsis is matched as text)"
        )
        assert "closest passage" in found


def test_a_quote_whose_parts_around_the_ellipsis_are_each_found_is_told_to_cite_each() -> None:
    found = hint("Police blocked the road … the council met on Friday")
    assert found is not None and found.startswith(
        "a quote cannot skip words, and each of its 2 parts around the ellipsis is in the article: "
        "cite each part as its own source entry"
    )


def test_a_miss_names_how_many_more_differences_follow_the_first() -> None:
    found = hint("Police closed the road to the harbour on Tuesday, and the council met on Friday.")
    assert found is not None
    assert 'the quote has "Police closed the…" where the passage has "Police blocked the…"' in found
    assert found.endswith("(and 1 more difference)")


def test_the_look_for_a_missed_quote_in_other_articles_has_its_own_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quote_misses, "MOST_CHARACTERS_ELSEWHERE", 1)
    other = {
        "content/articles/two.yaml": "title: Second report\npublisher: Test Wire\npublished: 2025-06-04\n",
        "seeds/two.txt": "The strikers said: We have not had a raise since 2019.\n",
        "content/articles/three.yaml": "title: Third report\npublisher: Test Wire\npublished: 2025-06-05\n",
        "seeds/three.txt": "We have not had a raise since 2019, the strikers said again.\n",
    }
    root = write_site(tmp_path, {**other, EVENT: event_citing(["We have not had a raise since 2019"])})
    ((_, message, found),) = reported(root)
    assert message == "error: quote not found in article 'one'"
    assert found == "the passage is in article 'three': cite that article (`article: three`)"


def test_a_closest_passage_holding_a_double_quote_is_shown_ready_to_paste() -> None:
    article = normalise('The union said: "We have been patient for two years," and left.')
    found = locate_quote("We have been patient for three years", article, QuoteSearches())
    assert isinstance(found, MissedQuote) and found.hint is not None
    assert found.hint.startswith("closest passage (")
    assert "similar): '\"We have been patient for two years,\"'" in found.hint
