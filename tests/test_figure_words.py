"""A claim value's `low` and `high` are numbers its words state: one the words do not state
("about 90 kilometres" with `low: 80`) is a warning at that field, as the chart and the data
would carry a figure no source gives. Numbers in words ("six hundred") are not compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_claim_bounds import site_with, value
from unit_helpers import reported

from chronicle.source.figure_words import meant_numbers as meant
from chronicle.source.figure_words import stated_numbers

EVENT = "content/events/first-event.yaml"


def warnings_of(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("warning: '")]


def test_a_low_the_words_do_not_state_is_warned_about_at_low(tmp_path: Path) -> None:
    ((where, message, hint),) = warnings_of(site_with(tmp_path, value("about 90 kilometres", "low: 80")))
    assert where == f"{EVENT}:18:14"
    assert message == (
        "warning: 'low' is 80, a number the value's words ('about 90 kilometres') do not state: the "
        "chart, events.json and events.csv would carry a figure that no source gives"
    )
    assert hint == "give in 'low' the number the words state (90), or correct the value"


def test_a_high_the_words_do_not_state_is_warned_about_at_high(tmp_path: Path) -> None:
    root = site_with(tmp_path, value("between 1,500 and 2,000", "low: 1500\nhigh: 3000"))
    assert [message.split(",")[0] for _, message, _ in warnings_of(root)] == ["warning: 'high' is 3000"]


def test_numbers_with_grouped_thousands_decimals_and_multipliers_are_stated() -> None:
    assert {1500.0, 2000.0} <= stated_numbers("1,500-2,000 troops")
    assert 2_500_000.0 in stated_numbers("2.5 million")
    assert 2_500_000.0 in stated_numbers("2,5 millions")  # a decimal comma
    assert 1500.0 in stated_numbers("1\u202f500 soldats")  # a thin space between thousands


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("1.5 million", 1.5e12),  # a multiplier is not applied twice
        ("12 thousand", 12e6),
        ("B-52 flew 3 sorties", 3e9),  # a letter alone is no multiplier
        ("a 600 m deep crater", 600e6),
        ("$2.5bn", 25e9),  # a decimal point is not a thousands mark
        ("12,5 тыс.", 125_000.0),
        ("about 1.5 million", 15e6),
    ],
)
def test_numbers_the_words_do_not_state_are_not_taken_as_stated(words: str, number: float) -> None:
    assert number not in stated_numbers(words)


def test_the_groups_of_grouped_thousands_are_not_numbers_stated_alone() -> None:
    assert 0.0 not in stated_numbers("about 12,000")
    assert 0.0 not in stated_numbers("1,000,000 people")
    assert {600.0, 2000.0} <= stated_numbers("600,2000")  # two numbers, a comma between them


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("between 1 and 2 million", 2_000_000.0),  # one multiplier for both ends
        ("$1.2 trillion", 1.2e12),
        ("10\u201315 thousand", 15_000.0),
        ("12\u2009000", 12_000.0),  # a thin space
        ("1'500", 1_500.0),
        ("\u0666\u066c\u0660\u0660\u0660", 6_000.0),  # Arabic-Indic digits and separator
        (".5%", 0.5),
        ("около 12 тыс.", 12_000.0),
        ("2 млн", 2_000_000.0),
        ("$2.5B", 2.5e9),
        ("1,5 millones", 1_500_000.0),
        ("600 mil", 600_000.0),
        ("2 mil millones", 2e9),  # two multipliers, one after the other
        ("2 Tsd.", 2_000.0),
        ("\u0663\u0660\u0660 \u0623\u0644\u0641", 300_000.0),  # ٣٠٠ ألف
        ("약 1만 명", 10_000.0),
        ("1만명", 10_000.0),  # the multiplier against the word after it
        ("3억", 3e8),
        ("30万人", 300_000.0),
        ("약 1만2천 명", 12_000.0),  # a number in parts, each times its units
        ("1万2000人", 12_000.0),
        ("1억2000만 원", 1.2e8),
        ("1조 2천억 원", 1.2e12),
        ("12k", 12_000.0),  # a letter for a multiplier, against the digits
        ("1 млн 200 тыс. человек", 1_200_000.0),  # parts of one number, added up
        ("1 millón 200 mil", 1_200_000.0),
        ("12 ألفا", 12_000.0),
        ("1,2 billones de pesos", 1.2e12),
        ("2,5 Bio. Euro", 2.5e12),
        ("1,5 miliardi", 1.5e9),
        ("1,50,000", 150_000.0),  # India's grouping
    ],
)
def test_numbers_as_languages_and_styles_write_them_are_stated(words: str, number: float) -> None:
    assert number in stated_numbers(words)


def test_the_hint_gives_the_numbers_as_low_and_high_are_written(tmp_path: Path) -> None:
    root = site_with(tmp_path, value("between 1 and 2 million", "low: 1000000\nhigh: 3000000"))
    ((_, message, hint),) = warnings_of(root)
    assert message.startswith("warning: 'high' is 3000000, a number")
    assert hint == "give in 'high' the number the words state (1000000, 2000000), or correct the value"


def test_a_value_in_words_only_is_not_compared(tmp_path: Path) -> None:
    assert warnings_of(site_with(tmp_path, value("six hundred", "low: 600"))) == []


def test_a_low_the_words_state_passes(tmp_path: Path) -> None:
    assert warnings_of(site_with(tmp_path, value("nearly 11,000", "low: 11000"))) == []


def test_a_negative_low_matches_the_number_its_words_state_with_a_minus(tmp_path: Path) -> None:
    assert warnings_of(site_with(tmp_path, value("-3% a year", "low: -3"))) == []


@pytest.mark.parametrize("words", ["more than ten thousand soldiers in 2024", "six hundred, as of 2025"])
def test_a_value_giving_a_number_in_words_is_not_compared(words: str) -> None:
    assert stated_numbers(words) == set()


def test_the_editors_words_in_square_brackets_state_no_number() -> None:
    assert stated_numbers("about 600 [in 2024]") == {600.0}


@pytest.mark.parametrize(
    ("words", "hint"),
    [
        ("약 1만2천 명", "12000"),
        ("$2.5B", "2500000000"),
        ("between 1 and 2 million", "1000000, 2000000"),
        ("600 to 2,000 killed, and $1 bn in aid", "600, 2000, 1000000000"),
    ],
)
def test_the_hint_gives_each_number_times_the_multiplier_right_after_it(words: str, hint: str) -> None:
    assert meant(words) == hint
