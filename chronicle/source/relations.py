"""`before`/`after` between events, checked once every event is read: each names an event,
they form no cycle, and they do not contradict the dates. Then the site's order."""

from __future__ import annotations

import graphlib
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from chronicle.model.chronology import chronological
from chronicle.model.date_wording import date_label, label_text
from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.records import Event
from chronicle.source.validate import closest


@dataclass(frozen=True)
class Precedence:
    """`earlier` came before `later`, as written at `mark` (`field` of the event at `mark`)."""

    earlier: str
    later: str
    field: str
    mark: Mark


def in_order(events: Sequence[Event], failed: Collection[str], diagnostics: Diagnostics) -> tuple[Event, ...]:
    """The events in the site's order; problems with `before`/`after` reported. Relations to
    the `failed` events (files with errors of their own) are checked once those are fixed."""
    by_slug = {event.slug: event for event in events}
    known = [
        item
        for item in precedences(events)
        if _named(item) not in failed and _exists(item, by_slug, diagnostics)
    ]
    for item in known:
        _check_dates(item, by_slug, diagnostics)
    _check_cycles(known, by_slug, diagnostics)
    earlier: dict[str, list[str]] = {}
    for item in known:
        earlier.setdefault(item.later, []).append(item.earlier)
    return chronological(events, earlier)


def precedences(events: Iterable[Event]) -> list[Precedence]:
    found: list[Precedence] = []
    for event in events:
        found.extend(Precedence(event.slug, link.slug, "before", link.mark) for link in event.before)
        found.extend(Precedence(link.slug, event.slug, "after", link.mark) for link in event.after)
    return found


def _named(item: Precedence) -> str:
    """The slug written at the item's mark."""
    return item.later if item.field == "before" else item.earlier


def _exists(item: Precedence, by_slug: dict[str, Event], diagnostics: Diagnostics) -> bool:
    name = _named(item)
    if name in by_slug:
        return True
    suggestion = closest(name, by_slug)
    hint = f"did you mean '{suggestion}'?" if suggestion else "give the slug of an event: its file name"
    diagnostics.error(item.mark, f"'{item.field}' names no event '{name}'", hint)
    return False


def _check_dates(item: Precedence, by_slug: dict[str, Event], diagnostics: Diagnostics) -> None:
    """Contradiction: the earlier event's start cannot be before the later one's start."""
    earlier, later = by_slug[item.earlier], by_slug[item.later]
    first_possible, last_possible = earlier.date.earliest(), later.date.latest()
    if first_possible is None or last_possible is None or first_possible <= last_possible:
        return
    other = by_slug[_named(item)]
    diagnostics.error(
        item.mark,
        f"'{item.field}: {other.slug}' contradicts the dates: {item.earlier} "
        f"({_when(earlier)}) cannot have come before {item.later} ({_when(later)}); "
        f"{other.slug} is {other.path}",
        "correct the date of one of the two events, or remove the relation",
    )


def _when(event: Event) -> str:
    return label_text(date_label(event.date))


def _check_cycles(items: list[Precedence], by_slug: dict[str, Event], diagnostics: Diagnostics) -> None:
    """One cycle at a time (graphlib finds one): reported at the relation that closes it."""
    remaining = list(items)
    while True:
        graph: dict[str, set[str]] = {}
        for item in remaining:
            graph.setdefault(item.later, set()).add(item.earlier)
        try:
            graphlib.TopologicalSorter(graph).prepare()
            return
        except graphlib.CycleError as error:
            cycle: list[str] = error.args[1]
        edges = set(itertools.pairwise(cycle))
        in_cycle = [item for item in remaining if (item.earlier, item.later) in edges]
        first = min(in_cycle, key=lambda item: item.mark)
        files = ", ".join(sorted({by_slug[slug].path for slug in cycle}))
        chain = " before ".join(cycle)
        diagnostics.error(
            first.mark,
            f"'before'/'after' form a cycle: {chain} ({files})",
            "an event cannot come before itself; remove one of these relations",
        )
        remaining = [item for item in remaining if item not in in_cycle]
