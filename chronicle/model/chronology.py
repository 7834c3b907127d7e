"""The one ordering rule of the site (README, "Order of events"), for every list of events.

1. Each event is placed by its start (`date`): the earliest possible day first; where the
   start is open ("on or before B"), at B's first day, before the events known to start
   there; where the end of the range is open ("on or after A"), at A, after them.
2. Among those placed on the same first day, the less precise first: the later the latest
   possible day of the start, the earlier (so "2025" opens 2025 and "June 2025" opens June,
   before "1 June 2025"); then the shorter span first. Qualifiers (`~`, `?`) do not move a date.
3. `before`/`after` between events are honoured: an event never comes before one it is
   recorded as coming after. Among the events whose predecessors are all placed, rules 1-2
   pick the next; the slug breaks any remaining tie.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from chronicle.model.event_dates import EventDate

Placement = tuple[datetime.date, int, int, int, datetime.date, str]


class Dated(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def date(self) -> EventDate: ...
    @property
    def end(self) -> EventDate | None: ...


def placement(date: EventDate, end: EventDate | None, slug: str) -> Placement:
    """The sort key of rules 1-2, without the constraints. An open range is placed as its
    bound would be: "on or before June 2025" from 1 June, "on or after 5 June" on 5 June."""
    bound = date.low or date.high
    assert bound is not None
    low = date.earliest() or bound.first_day()
    high = date.latest() or bound.last_day()
    open_start = -1 if date.low is None else 0
    open_end = 1 if date.high is None else 0
    last = (end.latest() or end.anchor.last_day()) if end is not None else high
    return (low, open_start, -high.toordinal(), open_end, last, slug)


DatedT = TypeVar("DatedT", bound=Dated)


def chronological(events: Iterable[DatedT], earlier: Mapping[str, Sequence[str]]) -> tuple[DatedT, ...]:
    """`events` in the site's order; `earlier[slug]` names the events that come before `slug`.

    A lexicographically smallest topological order (Kahn's algorithm with a heap): the
    constraints hold, and where they leave a choice, the dates decide. Names that are not
    among `events`, and cycles, are for validation to report; a cycle's events keep date order.
    """
    by_slug = {event.slug: event for event in events}
    waiting_on: dict[str, set[str]] = {slug: set() for slug in by_slug}
    unlocks: dict[str, list[str]] = {slug: [] for slug in by_slug}
    for slug, names in earlier.items():
        for name in names:
            if slug in by_slug and name in by_slug and name != slug:
                waiting_on[slug].add(name)
                unlocks[name].append(slug)
    keys = {slug: placement(e.date, e.end, slug) for slug, e in by_slug.items()}
    ready = [keys[slug] for slug, names in waiting_on.items() if not names]
    heapq.heapify(ready)
    ordered: list[DatedT] = []
    placed: set[str] = set()
    while len(ordered) < len(by_slug):
        if not ready:  # a cycle: release the earliest waiting event
            heapq.heappush(ready, min(keys[slug] for slug in by_slug if slug not in placed))
        slug = heapq.heappop(ready)[-1]
        if slug in placed:
            continue
        placed.add(slug)
        ordered.append(by_slug[slug])
        for later in unlocks[slug]:
            waiting_on[later].discard(slug)
            if not waiting_on[later] and later not in placed:
                heapq.heappush(ready, keys[later])
    return tuple(ordered)


class Linked(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def before(self) -> Sequence[_Link]: ...
    @property
    def after(self) -> Sequence[_Link]: ...


class _Link(Protocol):
    @property
    def slug(self) -> str: ...


Relations = Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
"""Slug -> (the events it came after, the events it came before), from both ends' files."""


def relations(events: Iterable[Linked]) -> Relations:
    """Each event's recorded neighbours in time, whichever of the two files records the relation."""
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for event in events:
        for link in event.after:
            after.setdefault(event.slug, []).append(link.slug)
            before.setdefault(link.slug, []).append(event.slug)
        for link in event.before:
            before.setdefault(event.slug, []).append(link.slug)
            after.setdefault(link.slug, []).append(event.slug)
    return {
        slug: (tuple(sorted(set(after.get(slug, ())))), tuple(sorted(set(before.get(slug, ())))))
        for slug in after.keys() | before.keys()
    }
