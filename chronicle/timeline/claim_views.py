"""A disputed figure, or a wording, as its tables and chart show it (made by timeline.assemble)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.model.date_wording import DateLabel
from chronicle.model.event_dates import EventDate
from chronicle.model.records import Bound

if TYPE_CHECKING:
    from chronicle.timeline.chart import EstimateChart
    from chronicle.timeline.views import SourceView


GLOSS = re.compile(r"\[[^\[\]]*\]")
"""The editors' words in a claim's value ("last June [June 2024]"); the rest is the source's own."""


@dataclass(frozen=True)
class ClaimValueView:
    value: str
    according_to: str
    source: SourceView
    as_of: EventDate | None = None
    as_of_label: DateLabel = ()
    """When the figure was stated, as a reader sees it (empty without `as_of`)."""
    as_of_note: str | None = None
    """For screen readers: "approximate date", ... (None for a plain date or none)."""
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    bound: Bound | None = None  # `low` as a floor (at-least) or a ceiling (at-most); None: the figure
    note: str | None = None
    """What readers must be told about the value (plain text), shown in a note under the table."""
    note_number: int | None = None
    """The note's number among the claim's notes (1, 2, ...), which marks the value it is on."""

    @property
    def parts(self) -> tuple[tuple[str, bool], ...]:
        """The value in pieces as (text, whether it is the editors' gloss in square brackets)."""
        pieces: list[tuple[str, bool]] = []
        position = 0
        for match in GLOSS.finditer(self.value):
            pieces += [(self.value[position : match.start()], False), (match.group(), True)]
            position = match.end()
        pieces.append((self.value[position:], False))
        return tuple((text, gloss) for text, gloss in pieces if text)


@dataclass(frozen=True)
class ClaimView:
    about: str
    values: tuple[ClaimValueView, ...]
    anchor: str
    event_slug: str
    event_title: str
    chart: EstimateChart | None = None
    """The estimates over time, where dated numbers stand at two or more points in time."""
    kind: str = "figure"
    """"figure" or "wording" (model.records.Claim)."""

    @property
    def glossed(self) -> bool:
        """Whether a value holds the editors' words in square brackets, which the page says."""
        return any(GLOSS.search(value.value) for value in self.values)

    @property
    def noted(self) -> tuple[ClaimValueView, ...]:
        """The values with a note, in the order of their notes' numbers."""
        return tuple(value for value in self.values if value.note_number is not None)
