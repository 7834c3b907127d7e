"""The numbers a text writes in digits, as languages write them: thousands grouped or not, a
decimal mark either way, and the multipliers that follow them (`2.5 million`, `12 тыс.`,
`$2.5B`, `1만2천`, `1 млн 200 тыс.`), read leniently: every reading of what is written."""

from __future__ import annotations

import itertools
import re

# Between the digits of one number: thousands groups or a decimal mark, as languages write
# them ("10,000", "1 500" with a space, thin or not, "1'500", "2,5", "٦٬٠٠٠").
SEPARATORS = ".,'\u2019\u00a0\u2009\u202f \u066b\u066c"
NUMBER = re.compile(rf"\d+(?:[{SEPARATORS}]\d+)*|(?<!\d)[.,]\d+")
_SPLIT = re.compile(rf"[{SEPARATORS}]")
MULTIPLIERS = {
    "thousand": 1e3, "thousands": 1e3, "lakh": 1e5, "crore": 1e7,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "millionen": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "milliard": 1e9, "milliards": 1e9,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "md": 1e9, "mds": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "bio": 1e12,  # de Billion
    # The languages the interface speaks, and their neighbours.
    "mil": 1e3, "mille": 1e3, "milliers": 1e3, "tausend": 1e3, "tsd": 1e3, "mila": 1e3,
    "millón": 1e6, "millones": 1e6, "milhão": 1e6, "milhões": 1e6, "milione": 1e6, "milioni": 1e6,
    "bilhão": 1e9, "bilhões": 1e9, "miliardo": 1e9, "miliardi": 1e9, "billón": 1e12, "billones": 1e12,
    "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тис": 1e3, "тисяча": 1e3, "тисячі": 1e3,
    "тисяч": 1e3, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "мільйон": 1e6,
    "мільйони": 1e6, "мільйонів": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9,
    "миллиардов": 1e9, "мільярд": 1e9, "мільярди": 1e9, "мільярдів": 1e9, "трлн": 1e12,
    "ألف": 1e3, "ألفا": 1e3, "الف": 1e3, "آلاف": 1e3, "الاف": 1e3, "مليون": 1e6, "مليونا": 1e6,
    "ملايين": 1e6, "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9,
}  # fmt: skip
# Korean and Chinese write a multiplier against the number and the word after it (1만명, 30万人)
# and add up the parts of one number: 1만2천 is 12,000, 1억2000만 120,000,000, 1万2000 12,000.
_UNITS = {"천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_IN_UNITS = re.compile(rf"(?:\d+(?:\.\d+)?\s?[{''.join(_UNITS)}]+\s?)+\d*")
_UNIT_PART = re.compile(rf"(\d+(?:\.\d+)?)\s?([{''.join(_UNITS)}]*)")
# A letter for a multiplier only against the digits it multiplies ($2.5B, 12k, $3m): alone, it
# is a word or a unit (the B-52, a 600 m crater).
_LETTERS = {"k": 1e3, "m": 1e6, "b": 1e9}
_TOKEN = re.compile(rf"(?P<number>{NUMBER.pattern})(?P<letter>[kmb](?![^\W\d_]))?|(?P<word>[^\W\d_]+)")


def readings(written: str) -> set[float]:
    """ "1,500" -> {1500, 1.5}; "600,2000" -> {600.2, 600, 2000}; "2.5" -> {2.5, 2, 5}: as
    thousands only where the groups are (three digits each after the first, or India's
    two-digit groups before the last three: "1,50,000"); as a decimal at a single mark or a
    last one of its own; else each group alone (a comma may part two numbers: "600,2000")."""
    groups = [group for group in _SPLIT.split(written) if group]
    if written[0] in SEPARATORS:  # ".5"
        return {float(f"0.{groups[0]}")}
    found: set[float] = set()
    if _thousands(groups):
        found.add(float("".join(groups)))
    else:
        found.update(float(group) for group in groups)
    marks = _SPLIT.findall(written)
    if len(marks) == 1 or (marks and len(set(marks)) == 2 and marks[-1] != marks[0]):
        found.add(float(f"{int(''.join(groups[:-1]) or '0')}.{groups[-1]}"))
    return found


def _thousands(groups: list[str]) -> bool:
    if len(groups) == 1:
        return True
    return len(groups[-1]) == 3 and all(len(group) in (2, 3) for group in groups[1:-1])


def primary(written: str) -> float:
    """What `written` most likely states: thousands where grouped as thousands, else a decimal
    at its last mark."""
    groups = [group for group in _SPLIT.split(written) if group]
    if written[0] in SEPARATORS:  # ".5"
        return float(f"0.{groups[0]}")
    if _thousands(groups) and (len(groups) == 1 or len(groups[-1]) == 3):
        return float("".join(groups))
    return float(f"{int(''.join(groups[:-1]) or '0')}.{groups[-1]}")


class Figure:
    """A number as written and the multiplier right after it (1.0 for none)."""

    def __init__(self, written: str, factor: float) -> None:
        self.written, self.factor = written, factor


def figures(text: str) -> list[Figure]:
    """Each number the text writes in digits, with the multiplier that follows it at once
    (a word, a letter against it, or a Korean or Chinese unit)."""
    found: list[Figure] = []
    tokens = list(_TOKEN.finditer(text.lower()))
    for index, token in enumerate(tokens):
        if token["number"] is None:
            continue
        factor = _LETTERS[token["letter"]] if token["letter"] else 1.0
        after = tokens[index + 1]["word"] if index + 1 < len(tokens) else None
        if factor == 1.0 and after:
            factor = MULTIPLIERS.get(after) or _units(after)
        found.append(Figure(token["number"], factor))
    # The first end of a range takes the multiplier of the second ("between 1 and 2 million",
    # "1-2 million"), where only a word joining them stands between.
    numbers = [index for index, token in enumerate(tokens) if token["number"] is not None]
    for place, (index, following) in reversed(list(enumerate(itertools.pairwise(numbers)))):
        between = [token["word"] for token in tokens[index + 1 : following]]
        if found[place].factor == 1.0 and all(word in _JOINING for word in between) and len(between) <= 1:
            found[place].factor = found[place + 1].factor
    return found


_JOINING = frozenset("and to or bis und à et y a и до або та і".split())


def _units(word: str) -> float:
    factor = 1.0
    for unit in word:
        if unit not in _UNITS:
            break
        factor *= _UNITS[unit]
    return factor


def sums(text: str) -> set[float]:
    """Numbers written in parts, added up: `1만2천`, `1 млн 200 тыс.`, `1 millón 200 mil`."""
    found = {_in_units(match.group()) for match in _IN_UNITS.finditer(text)}
    run: list[Figure] = []
    for figure in [*figures(text), Figure("", 0.0)]:  # the last ends the last run
        if run and 1.0 < figure.factor < run[-1].factor:
            run.append(figure)
            continue
        if len(run) > 1:
            found.add(sum(primary(part.written) * part.factor for part in run))
        run = [figure] if figure.factor > 1.0 else []
    return found


def _in_units(written: str) -> float:
    total = 0.0
    for number, units in _UNIT_PART.findall(written):
        total += float(number) * (_units(units) if units else 1.0)
    return total
