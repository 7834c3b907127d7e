"""Search words: text folded as the page's script folds a query, split into letters, digits and marks."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronicle.render.search.words import COMBINING_MARKS, WORD, fold, words


def test_words_are_folded_and_split_at_punctuation() -> None:
    assert words("Kim Jong-un\u2019s KÚRSK visit, 1,500 troops") == [
        "kim",
        "jong",
        "un",
        "s",
        "kursk",
        "visit",
        "1",
        "500",
        "troops",
    ]


def test_underscores_split_words_as_the_script_does() -> None:
    assert words("snake_case") == ["snake", "case"]


@pytest.mark.parametrize("word", ["हिन्दी", "ภาษาไทย", "עִבְרִית", "한국어", "Кур\u0301ск"])
def test_a_word_with_combining_marks_stays_whole(word: str) -> None:
    assert len(words(word)) == 1


def test_every_listed_mark_is_a_mark_in_this_pythons_unicode() -> None:
    listed = re.compile(f"[{COMBINING_MARKS}]")
    marks = [chr(code) for code in range(0x110000) if listed.match(chr(code))]
    assert marks and all(unicodedata.category(mark).startswith("M") for mark in marks)


def test_the_list_holds_every_mark_of_unicode_14() -> None:
    listed = re.compile(f"[{COMBINING_MARKS}]")
    if unicodedata.unidata_version != "14.0.0":
        pytest.skip(f"the list is of Unicode 14.0; this Python has {unicodedata.unidata_version}")
    missing = [
        code
        for code in range(0x110000)
        if unicodedata.category(chr(code)).startswith("M") and not listed.match(chr(code))
    ]
    assert missing == []


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_is_split_alike_by_the_fast_and_the_full_pattern(text: str) -> None:
    assert words(text) == WORD.findall(fold(text))


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Łódź", "lodz"),
        ("København", "kobenhavn"),
        ("Đà Nẵng", "da nang"),
        ("IĞDIR", "ığdır"),
        ("Æsir œuvre Þór", "aesir oeuvre thor"),
        ("שָׁלוֹם", "שלום"),
        ("مُثْمِرَة", "مثمرة"),
        ("ज़रूरी", "जरूरी"),
    ],
)
def test_letters_and_points_a_plain_keyboard_lacks_do_not_matter(text: str, typed: str) -> None:
    assert words(text) == words(typed)


def test_a_vowel_sign_of_hindi_still_tells_words_apart() -> None:
    assert words("कि") != words("क")
