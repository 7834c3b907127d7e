"""A claim value's `low` and `high` against the numbers its words state: `value: about 90
kilometres` with `low: 80` would put into the chart, events.json and events.csv a figure no
source states. Only numbers written in digits are compared; words naming numbers ("six
hundred") are left alone, as are values whose words hold no digits. The comparison is
lenient: a number matches any reading of what is written (`1,500` may be 1500 or 1.5), times
any multiplier the words name (`between 1 and 2 million`)."""

from __future__ import annotations

import re

from chronicle.model.diagnostics import Diagnostics
from chronicle.source.figures import Figure
from chronicle.source.load import YamlNode, shown

# Between the digits of one number: thousands groups or a decimal mark, as languages write
# them ("10,000", "1 500" with a space, thin or not, "1'500", "2,5", "٦٬٠٠٠").
_SEPARATORS = ".,'\u2019\u00a0\u2009\u202f \u066b\u066c"
_NUMBER = re.compile(rf"\d+(?:[{_SEPARATORS}]\d+)*|(?<!\d)[.,]\d+")
_SPLIT = re.compile(rf"[{_SEPARATORS}]")
_MULTIPLIERS = {
    "thousand": 1e3, "thousands": 1e3, "lakh": 1e5, "crore": 1e7,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "millionen": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "milliard": 1e9, "milliards": 1e9,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12,
    # The languages the interface speaks, and their neighbours.
    "mil": 1e3, "mille": 1e3, "milliers": 1e3, "tausend": 1e3, "tsd": 1e3,  # es pt, fr, de
    "millón": 1e6, "millones": 1e6, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9,
    "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тис": 1e3, "тисяча": 1e3, "тисячі": 1e3,
    "тисяч": 1e3, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "мільйон": 1e6,
    "мільйони": 1e6, "мільйонів": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9,
    "миллиардов": 1e9, "мільярд": 1e9, "мільярди": 1e9, "мільярдів": 1e9, "трлн": 1e12,
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
}  # fmt: skip
# Korean and Chinese write a multiplier against the number and the word after it (1만명, 30万人).
_LEADING_MULTIPLIERS = {
    "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
}  # fmt: skip
# ... and add up the parts of one number: 1만2천 is 12,000, 1억2000만 120,000,000, 1万2000 12,000.
_EAST_ASIAN_UNITS = "".join(_LEADING_MULTIPLIERS)
_EAST_ASIAN_NUMBER = re.compile(rf"(?:\d+(?:\.\d+)?\s?[{_EAST_ASIAN_UNITS}]+\s?)+\d*")
_EAST_ASIAN_PART = re.compile(rf"(\d+(?:\.\d+)?)\s?([{_EAST_ASIAN_UNITS}]*)")
# A letter for a multiplier only against the digits it multiplies ($2.5B, 12k, $3m): alone, it
# is a word or a unit (the B-52, a 600 m crater).
_ATTACHED_MULTIPLIERS = {"k": 1e3, "m": 1e6, "b": 1e9}
_ATTACHED = re.compile(r"\d([kmb])(?![^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")


def stated_numbers(words: str) -> set[float]:
    """Every number the words may state in digits, under each reading of its separators, and
    each times every multiplier the words name."""
    readings = {reading for match in _NUMBER.finditer(words) for reading in _readings(match.group())}
    lower = words.lower()
    named = [_MULTIPLIERS.get(word) or _LEADING_MULTIPLIERS.get(word[0]) for word in _WORD.findall(lower)]
    named += [_ATTACHED_MULTIPLIERS[letter] for letter in _ATTACHED.findall(lower)]
    factors = {factor for factor in named if factor}
    factors |= {first * second for first in factors for second in factors if first < second}  # mil millones
    multiplied = {reading * factor for reading in readings for factor in factors}
    return (
        readings | multiplied | {_east_asian(match.group()) for match in _EAST_ASIAN_NUMBER.finditer(words)}
    )


def _east_asian(written: str) -> float:
    """A number written in parts, each times its units: 1만2천 -> 12,000."""
    total = 0.0
    for number, units in _EAST_ASIAN_PART.findall(written):
        factor = 1.0
        for unit in units:
            factor *= _LEADING_MULTIPLIERS[unit]
        total += float(number) * factor
    return total


def _readings(written: str) -> set[float]:
    """ "1,500" -> {1500, 1.5}; "600,2000" -> {6002000, 600.2, 600, 2000}: grouped, decimal,
    and, unless the groups are thousands (three digits each after the first), each group
    alone (a comma may part two numbers: "600,2000"), never the 12 and 0 of "12,000"."""
    groups = [group for group in _SPLIT.split(written) if group]
    readings = {float("".join(groups))}
    if not all(len(group) == 3 for group in groups[1:]):
        readings.update(float(group) for group in groups)
    marks = _SPLIT.findall(written)
    if len(marks) == 1 or (marks and len(set(marks)) == 2 and marks[-1] != marks[0]):
        whole, part = "".join(groups[:-1]) or "0", groups[-1]
        readings.add(float(f"{int(whole)}.{part}"))
    return readings


def _primary(written: str) -> float:
    """What `written` most likely states: thousands where each group after the first has three
    digits, else a decimal at its last mark."""
    groups = [group for group in _SPLIT.split(written) if group]
    if written[0] in _SEPARATORS:  # ".5"
        return float(f"0.{groups[0]}")
    if len(groups) == 1 or all(len(group) == 3 for group in groups[1:]):
        return float("".join(groups))
    return float(f"{int(''.join(groups[:-1]) or '0')}.{groups[-1]}")


def warn_numbers_not_stated(
    fields: dict[str, YamlNode], value: str, figure: Figure, diagnostics: Diagnostics
) -> None:
    """A warning at `low` or `high` where the value's words state numbers in digits, but not
    that one."""
    if figure.low is None or (figure.high is not None and figure.high < figure.low):
        return  # no figure, or one that is an error already
    stated = stated_numbers(value)
    if not stated:
        return
    for name, number in (("low", figure.low), ("high", figure.high)):
        # Compared without its sign: a minus is often a dash ("600-2,000", "−3%" typed "-3%").
        if number is None or any(abs(abs(number) - each) <= 1e-9 * max(1.0, each) for each in stated):
            continue
        diagnostics.warning(
            fields[name].mark,
            f"'{name}' is {_plain(number)}, a number the value's words ('{shown(value)}') do not state: "
            "the chart, events.json and events.csv would carry a figure that no source gives",
            f"give in '{name}' the number the words state ({_meant(value)}), or correct the value",
        )


def _meant(value: str) -> str:
    """The numbers the words most likely state, as `low` and `high` are written (`1500000` for
    "1.5 million"), each times the first multiplier named after it."""
    words = value.lower()
    numbers = []
    for match in _NUMBER.finditer(value):
        later = next((word for word in _WORD.findall(words[match.end() :]) if word in _MULTIPLIERS), None)
        factor = _MULTIPLIERS[later] if later else 1.0
        numbers.append(_plain(_primary(match.group()) * factor))
    return ", ".join(dict.fromkeys(numbers))


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:.15g}"
