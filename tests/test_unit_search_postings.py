"""Postings: a key's events written as runs of gaps or as a bitmap, whichever is shorter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronicle.render.search.postings import BITMAP, decode_postings, encode_postings


@st.composite
def numbers_below(draw: st.DrawFn) -> tuple[list[int], int]:
    total = draw(st.integers(min_value=1, max_value=5_000))
    numbers = draw(st.sets(st.integers(min_value=0, max_value=total - 1), max_size=total))
    return sorted(numbers), total


@given(numbers_below())
def test_postings_read_back_as_written(case: tuple[list[int], int]) -> None:
    numbers, total = case
    assert decode_postings(encode_postings(numbers, total), total) == numbers


def test_consecutive_events_are_one_run() -> None:
    assert encode_postings([0, 1, 2, 3, 4, 15], 100) == "1+4,b"
    # a gap of 1,001 from -1, then 1,999 more
    assert encode_postings(list(range(1_000, 3_000)), 20_000) == "rt+1jj"


def test_a_key_in_most_events_is_a_bitmap_of_a_sixth_of_a_character_per_event() -> None:
    every_other = list(range(0, 20_000, 2))
    text = encode_postings(every_other, 20_000)
    assert text.startswith(BITMAP)
    assert len(text) <= 20_000 // 6 + 4  # base64 pads to a multiple of 4


@given(numbers_below())
def test_the_shorter_form_is_chosen(case: tuple[list[int], int]) -> None:
    numbers, total = case
    text = encode_postings(numbers, total)
    bitmap_length = 1 + 4 * (((total + 7) // 8 + 2) // 3)
    assert len(text) <= bitmap_length
