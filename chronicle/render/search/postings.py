"""A key's events (their numbers in timeline order) -> the short text the index keeps.

Two forms, whichever is shorter:

- runs: comma-separated items, each the gap from the previous event number (the first from
  -1) in base 36, and `+n` (base 36) when the next n numbers follow it too: `1+4,b` is
  0, 1, 2, 3, 4, 15. A year, or a topic of a few busy months, is a handful of runs.
- a bitmap, `~` then base64: bit i (the low bit first in each byte) tells whether event i
  is there. It bounds any key at a sixth of a character per event of the site (3.4 KB at
  20,000 events) however common the word.

The page's script reads both (templates/assets/timeline.js, `readPostings`).
"""

from __future__ import annotations

import base64
import itertools
import operator
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
    gaps = list(map(operator.sub, numbers, [-1, *numbers[:-1]]))
    # Each run is at least a digit and a comma: when that alone outgrows the bitmap, skip the runs.
    runs_at_least = 2 * (len(gaps) - gaps.count(1) + (1 if gaps and gaps[0] == 1 else 0)) - 1
    bitmap_length = 1 + 4 * (((total + 7) // 8 + 2) // 3)
    if runs_at_least > bitmap_length:
        return _bitmap(numbers, total)
    runs = _runs(gaps)
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


def _runs(gaps: Sequence[int]) -> str:
    """The runs form, from the gaps between the numbers (the first from -1)."""
    items: list[str] = []
    for gap, same in itertools.groupby(gaps):
        count = sum(1 for _ in same)
        if gap == 1 and items:  # these follow the previous item (a gap of another size) directly
            items[-1] += "+" + base36(count)
        elif gap == 1:
            items.append("1" + ("+" + base36(count - 1) if count > 1 else ""))
        else:
            items.extend([base36(gap)] * count)
    return ",".join(items)


def _bitmap(numbers: Sequence[int], total: int) -> str:
    data = bytearray((total + 7) // 8)
    for number in numbers:
        data[number >> 3] |= 1 << (number & 7)
    return BITMAP + base64.b64encode(bytes(data)).decode("ascii")
