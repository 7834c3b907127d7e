"""A key's events (their numbers in timeline order) -> the short text the index keeps.

Two forms, whichever is shorter:

- runs: comma-separated items, each the gap from the previous event number (the first from
  -1) in base 36, and `+n` (base 36) when the next n numbers follow it too: `1+4,b` is
  0, 1, 2, 3, 4, 15. A year, or a topic of a few busy months, is a handful of runs.
- a bitmap, `~` then base64: bit i (the low bit first in each byte) tells whether event i
  is there. It bounds any key at a sixth of a character per event of the site (3.4 KB at
  20,000 events) however common the word.

The page's script reads both (templates/assets/search.js, `readPostings`).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

BITMAP = "~"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    if number < 36:
        return _DIGITS[number]
    text = ""
    while number:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
    return text


def encode_postings(numbers: Sequence[int], total: int) -> str:
    """The shorter form of `numbers` (ascending, each below `total`)."""
    runs = _runs(numbers)
    bitmap_length = 1 + 4 * (((total + 7) // 8 + 2) // 3)
    return _bitmap(numbers, total) if bitmap_length < len(runs) else runs


def decode_postings(text: str, total: int) -> list[int]:
    """The event numbers `encode_postings` wrote (the script's reading, in Python, for tests)."""
    if text.startswith(BITMAP):
        data = base64.b64decode(text[1:])
        return [number for number in range(total) if data[number >> 3] >> (number & 7) & 1]
    numbers: list[int] = []
    last = -1
    for item in text.split(",") if text else ():
        gap, _, more = item.partition("+")
        last += int(gap, 36)
        numbers.append(last)
        for _ in range(int(more, 36) if more else 0):
            last += 1
            numbers.append(last)
    return numbers


def _runs(numbers: Sequence[int]) -> str:
    items: list[str] = []
    last, at = -1, 0
    while at < len(numbers):
        start = numbers[at]
        end = at
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        item = base36(start - last)
        if end > at:
            item += "+" + base36(end - at)
        items.append(item)
        last, at = numbers[end], end + 1
    return ",".join(items)


def _bitmap(numbers: Sequence[int], total: int) -> str:
    data = bytearray((total + 7) // 8)
    for number in numbers:
        data[number >> 3] |= 1 << (number & 7)
    return BITMAP + base64.b64encode(bytes(data)).decode("ascii")
