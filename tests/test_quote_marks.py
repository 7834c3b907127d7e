"""A quote is shown inside quotation marks; the double quotation marks it holds are shown as
single ones, as style guides set a quotation within a quotation. The quote itself (verified,
and given exactly in the data files) is unchanged."""

from __future__ import annotations

from chronicle.render.quote_marks import within_quotes


def test_curly_double_quotation_marks_become_single() -> None:
    assert within_quotes("He added, “Behind you are Pyongyang and Moscow,”") == (
        "He added, ‘Behind you are Pyongyang and Moscow,’"
    )


def test_straight_double_quotation_marks_open_and_close_by_where_they_stand() -> None:
    assert within_quotes('"Prospects grow remote," noted Lim') == "‘Prospects grow remote,’ noted Lim"
    assert within_quotes('a ("quoted") word') == "a (‘quoted’) word"


def test_a_quote_without_double_quotation_marks_is_as_written() -> None:
    assert within_quotes("Kim’s message, ‘precious’ ties") == "Kim’s message, ‘precious’ ties"
