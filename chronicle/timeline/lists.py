"""A long list in pages (a topic's events, the disputed figures, a source's citing events):
each page a `Part`, with the navigation between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic

from chronicle.timeline.periods import EVENTS_PER_PAGE, Item, PeriodLink, card_weight, chunks_by_weight
from chronicle.timeline.views import EventView

# A list's navigation links to every part up to this many; beyond, to the first, the last
# and NAV_AROUND either side of the current one.
NAV_ALL_UP_TO = 12
NAV_AROUND = 3


@dataclass(frozen=True)
class Part(Generic[Item]):
    """One page of a long list (a topic's events, the disputed figures, the sources): all of
    it, or `limit` items at a time."""

    path: str
    number: int
    label: str
    """What it covers: "June 2024 – March 2025" for events."""
    items: tuple[Item, ...]
    parts: tuple[PeriodLink, ...]
    """Every part of the list (one: no navigation)."""

    @property
    def events(self) -> tuple[Item, ...]:
        """The items, by the name a listing's template gives them."""
        return self.items

    @property
    def shown_parts(self) -> tuple[tuple[int, PeriodLink | None], ...]:
        """(number, part) of the parts the navigation links to: every part of a short list; of
        a long one the first, the last and those near this one, with (0, None) where some are
        left out (a page of the 500 pages of disputed figures at 100,000 events listed them
        all: 182 KB)."""
        count = len(self.parts)
        if count <= NAV_ALL_UP_TO:
            return tuple(enumerate(self.parts, start=1))
        near = range(max(1, self.number - NAV_AROUND), min(count, self.number + NAV_AROUND) + 1)
        shown: list[tuple[int, PeriodLink | None]] = []
        last = 0
        for number in sorted({1, count, *near}):
            if number == last + 2:  # a gap of one page: the page itself takes no more room
                shown.append((last + 1, self.parts[last]))
            elif number > last + 2:
                shown.append((0, None))
            shown.append((number, self.parts[number - 1]))
            last = number
        return tuple(shown)


def paged(
    path: str,
    items: Sequence[Item],
    limit: int,
    label: Callable[[Sequence[Item]], str],
    weight_of_item: Callable[[Item], int] = card_weight,
) -> tuple[Part[Item], ...]:
    """The list at `path` in pages of `limit` items (of `limit` cards' weight, for events
    shown as cards), in order: `path`, `path`2/, ..."""
    chunks = chunks_by_weight(items, limit, weight_of_item) or [()]
    paths = [path if number == 1 else f"{path}{number}/" for number in range(1, len(chunks) + 1)]
    labels = [label(chunk) for chunk in chunks]
    links = tuple(
        PeriodLink(part_path, text, len(chunk))
        for part_path, text, chunk in zip(paths, labels, chunks, strict=True)
    )
    return tuple(
        Part(part_path, number, text, chunk, links)
        for number, (part_path, text, chunk) in enumerate(zip(paths, labels, chunks, strict=True), start=1)
    )


def listing_parts(
    path: str, events: Sequence[EventView], limit: int = EVENTS_PER_PAGE
) -> tuple[Part[EventView], ...]:
    """A topic's, actor's or place's events in pages of `limit`, each labelled with its dates."""
    return paged(path, events, limit, _covers)


CITING_PER_PAGE = 100
"""A line of a source's citing events weighs about 0.35 KB of HTML and 0.22 KB of JSON-LD
(bench/generate.py's titles): 100 make a part of about 62 KB, and leave the first part, which
also shows the document, about 90 KB for its text and highlights."""


def citing_parts(
    path: str, events: Sequence[EventView], limit: int = CITING_PER_PAGE
) -> tuple[Part[EventView], ...]:
    """The events citing a source in pages of `limit` lines, each labelled with its dates: a
    line is a date and a title, whatever the event's card weighs."""
    return paged(path, events, limit, _covers, _one_line)


def _one_line(_: EventView) -> int:
    return 1


def _covers(events: Sequence[EventView]) -> str:
    if not events:
        return ""
    first, last = events[0].date_label, events[-1].date_label
    return first if first == last else f"{first} – {last}"
