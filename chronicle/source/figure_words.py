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
from chronicle.source.written_numbers import MULTIPLIERS, NUMBER, figures, primary, readings, sums

_BRACKETED = re.compile(r"\[[^\[\]]*\]")
"""Words the editors add to a value, in square brackets: not the source's numbers."""
# Numbers in words ("ten thousand", "six hundred"): a value that names one is not compared.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds dozen dozens".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def stated_numbers(words: str) -> set[float]:
    """Every number the words may state in digits, under each reading of its separators, each
    times every multiplier the words name, and numbers written in parts added up; none where
    the words also give a number in words, which is not compared."""
    words = _BRACKETED.sub(" ", words)
    named = _WORD.findall(words.lower())
    if any(word in _NUMBER_WORDS for word in named) or _multiplier_alone(words):
        return set()
    found = {reading for match in NUMBER.finditer(words) for reading in readings(match.group())}
    factors = {figure.factor for figure in figures(words) if figure.factor > 1.0}
    factors |= {MULTIPLIERS[word] for word in named if word in MULTIPLIERS}
    factors |= {first * second for first in factors for second in factors if first < second}  # mil millones
    return found | {reading * factor for reading in found for factor in factors} | sums(words)


def _multiplier_alone(words: str) -> bool:
    """Whether the words name a multiplier after no number in digits ("a thousand", "ten
    thousand"): a number in words."""
    after_digits = False
    for token in re.findall(r"\d|[^\W\d_]+", words.lower()):
        if token in MULTIPLIERS and not after_digits:
            return True
        # a multiplier after another one after digits ("2 mil millones") is theirs too
        after_digits = token.isdigit() or (after_digits and token in MULTIPLIERS)
    return False


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
            f"give in '{name}' the number the words state ({meant_numbers(value)}), or correct the value",
        )


def meant_numbers(value: str) -> str:
    """The numbers the words most likely state, as `low` and `high` are written (`1500000` for
    "1.5 million"), each times the multiplier right after it; numbers in parts added up."""
    words = _BRACKETED.sub(" ", value)
    added = sums(words)
    if added:
        return ", ".join(_plain(number) for number in sorted(added))
    numbers = [_plain(primary(figure.written) * figure.factor) for figure in figures(words)]
    return ", ".join(dict.fromkeys(numbers))


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:.15g}"
