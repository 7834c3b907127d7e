"""A claim value's `low` and `high` against the numbers its words state: `value: about 90
kilometres` with `low: 80` would put into the chart, events.json and events.csv a figure no
source states. Only numbers written in digits are compared; words naming numbers ("six
hundred") are left alone, as are values whose words hold no digits."""

from __future__ import annotations

import re

from chronicle.model.diagnostics import Diagnostics
from chronicle.source.figures import Figure
from chronicle.source.load import YamlNode, shown

# A number in digits, its thousands perhaps grouped ("10,000", "1 500", "1.500"), perhaps
# with decimals either way ("2.5", "2,5"), and perhaps a multiplier after it ("2.5 million").
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_MULTIPLIERS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliard": 1e9, "milliards": 1e9,
}  # fmt: skip
_AFTER = re.compile(r"\s*([A-Za-z]+)")


def stated_numbers(words: str) -> set[float]:
    """Every number the words may state in digits, under each reading of its separators."""
    found: set[float] = set()
    for match in _NUMBER.finditer(words):
        readings = _readings(match.group())
        after = _AFTER.match(words, match.end())
        factor = _MULTIPLIERS.get(after.group(1).lower()) if after else None
        found.update(readings)
        if factor:
            found.update(reading * factor for reading in readings)
    return found


def _readings(written: str) -> set[float]:
    """ "1,500" -> {1500, 1.5}; "1 500" -> {1500}; "2.5" -> {2.5, 25}; each group alone too (a
    space or comma may part two numbers: "600, 2000")."""
    groups = re.split(r"[.,\u00a0\u202f ]", written)
    readings = {float(group) for group in groups}
    readings.add(float("".join(groups)))
    for mark in ".,":
        if written.count(mark) == 1:
            whole, _, part = written.partition(mark)
            readings.add(float(re.sub(r"\D", "", whole) + "." + re.sub(r"\D", "", part)))
    return readings


def warn_numbers_not_stated(
    fields: dict[str, YamlNode], value: str, figure: Figure, diagnostics: Diagnostics
) -> None:
    """A warning at `low` or `high` where the value's words state numbers in digits, but not
    that one."""
    stated = stated_numbers(value)
    if not stated:
        return
    for name, number in (("low", figure.low), ("high", figure.high)):
        # Compared without its sign: a minus is often a dash ("600-2,000", "−3%" typed "-3%").
        if number is None or any(abs(abs(number) - each) <= 1e-9 * max(1.0, each) for each in stated):
            continue
        diagnostics.warning(
            fields[name].mark,
            f"'{name}' is {number:g}, a number the value's words ('{shown(value)}') do not state: the chart, "
            "events.json and events.csv would carry a figure that no source gives",
            f"give in '{name}' the number the words state ({_written_numbers(value)}), or correct the value",
        )


def _written_numbers(value: str) -> str:
    written = [match.group() for match in _NUMBER.finditer(value)]
    return ", ".join(dict.fromkeys(written))
