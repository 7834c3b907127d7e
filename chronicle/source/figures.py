"""A claim value's figure as numbers (`low`, `high`, `unit`, `bound`), checked; and a hint
where the value's words bound it ("at least 600") but `bound` does not say so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.records import BOUNDS, Bound
from chronicle.source.copied_texts import read_event_text
from chronicle.source.load import YamlNode
from chronicle.source.validate import read_choice, read_number


@dataclass(frozen=True)
class Figure:
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    bound: Bound | None = None


def read_figure(fields: dict[str, YamlNode], diagnostics: Diagnostics) -> Figure:
    """`low`, `high`, `unit` and `bound`: the value as numbers, where it is one (or a range)."""
    low = read_number(fields["low"], "low", diagnostics) if "low" in fields else None
    high = read_number(fields["high"], "high", diagnostics) if "high" in fields else None
    unit = read_event_text(fields["unit"], "unit", diagnostics) if "unit" in fields else None
    bound = read_choice(fields["bound"], "bound", BOUNDS, diagnostics) if "bound" in fields else None
    for name, what in (
        ("high", "for one number, give 'low' alone"),
        ("unit", "the unit of the number in 'low'"),
        ("bound", "the number that is a floor or a ceiling"),
    ):
        if name in fields and "low" not in fields:
            diagnostics.error(fields[name].mark, f"'{name}' needs 'low'", what)
    if "bound" in fields and "high" in fields:
        diagnostics.error(
            fields["bound"].mark,
            "'bound' is for one number, not a range: a range gives both its ends",
            "for a floor or a ceiling, give its number in 'low' alone, without 'high'",
        )
    if low is not None and high is not None and high < low:
        diagnostics.error(fields["high"].mark, f"'high' ({high:g}) is less than 'low' ({low:g})")
    return Figure(low, high, unit, cast("Bound | None", bound))


_NUMBER = (
    r"(?:[0-9]|(?:a\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)\b)"
)
_WORDS: dict[Bound, re.Pattern[str]] = {
    # Longest first where one holds another: "no more than" is a ceiling, "more than" a floor.
    "at-most": re.compile(
        rf"\b(no\s+more\s+than|not\s+more\s+than|up\s+to|at\s+most|fewer\s+than|less\s+than|under)\s+{_NUMBER}",
        re.IGNORECASE,
    ),
    "at-least": re.compile(
        rf"(?<!no\s)(?<!not\s)\b(at\s+least|more\s+than|over|in\s+excess\s+of|upwards\s+of|"
        rf"no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than)\s+{_NUMBER}",
        re.IGNORECASE,
    ),
}


def bounding_words(value: str) -> tuple[Bound, str] | None:
    """The bound the words of a figure give ("at least 600": at-least, "at least"), where
    they give one kind only; None for none ("about 600") or both ("more than 10 and up to 20")."""
    found = {bound: match for bound, pattern in _WORDS.items() if (match := pattern.search(value))}
    if len(found) != 1:
        return None
    ((bound, match),) = found.items()
    return bound, " ".join(match.group(1).split())


def warn_unmarked_bound(node: YamlNode, value: str, figure: Figure, diagnostics: Diagnostics) -> None:
    """A value whose words bound its one number ("more than 10,000") without `bound`: the
    chart would draw it as the figure itself, and the data could not tell it from one."""
    if figure.low is None or figure.high is not None or figure.bound is not None:
        return
    found = bounding_words(value)
    if found is None:
        return
    bound, words = found
    kind = "floor" if bound == "at-least" else "ceiling"
    diagnostics.warning(
        node.mark,
        f"'{value}' gives its number as a {kind} (\"{words}\"), but the value has no 'bound': "
        f"its chart draws it as the figure itself, and the data cannot tell it from an estimate",
        f"add `bound: {bound}` beside `low`, so that the chart draws it as a {kind} and the data says so",
    )
