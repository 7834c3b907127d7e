"""`before`/`after` between events, checked once every event is read: each names an event,
they form no cycle, and they do not contradict the dates. Then the site's order."""

from __future__ import annotations

import datetime
import graphlib
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from chronicle.model.chronology import chronological
from chronicle.model.date_wording import date_label, label_text
from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.records import Event
from chronicle.source.former_slugs import renamed
from chronicle.source.meant import closest


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
    now_named = renamed(events)
    known = [
        item
        for item in precedences(events)
        if _named(item) not in failed and _exists(item, by_slug, now_named, diagnostics)
    ]
    for item in known:
        _check_dates(item, by_slug, diagnostics)
    if _check_cycles(known, by_slug, diagnostics):
        _check_chains(known, by_slug, diagnostics)
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


def _exists(
    item: Precedence,
    by_slug: dict[str, Event],
    now_named: dict[str, tuple[str, str]],
    diagnostics: Diagnostics,
) -> bool:
    name = _named(item)
    if name in by_slug:
        return True
    now, field = now_named.get(name, ("", ""))
    suggestion = now or closest(name, by_slug)
    if field == "former_slugs":
        hint = f"the event was renamed: '{name}' is a former slug of '{suggestion}'; name '{suggestion}'"
    elif field == "merged_slugs":
        hint = f"that entry was merged into '{suggestion}' (its merged_slugs); name '{suggestion}'"
    elif suggestion:
        hint = f"did you mean '{suggestion}'?"
    else:
        hint = "give the slug of an event: its file name"
    diagnostics.error(item.mark, f"'{item.field}' names no event '{name}'", hint)
    return False


def _bounds(event: Event) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day an event may start on, for contradictions: none for an
    approximate or uncertain date, whose bounds the date does not give."""
    if event.date.qualified:
        return None, None
    return event.date.earliest(), event.date.latest()


def _check_dates(item: Precedence, by_slug: dict[str, Event], diagnostics: Diagnostics) -> None:
    """Contradiction: the earlier event's start cannot be before the later one's start."""
    earlier, later = by_slug[item.earlier], by_slug[item.later]
    first_possible, last_possible = _bounds(earlier)[0], _bounds(later)[1]
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


def _check_cycles(items: list[Precedence], by_slug: dict[str, Event], diagnostics: Diagnostics) -> bool:
    """One cycle reported for each group of events caught in cycles (a strongly connected
    group), at the relation that closes it: found in one pass, however many cycles the
    relations make. Whether there was none."""
    following: dict[str, set[str]] = {}
    written: dict[tuple[str, str], list[Precedence]] = {}  # each relation, where it is written
    for item in items:
        following.setdefault(item.earlier, set()).add(item.later)
        written.setdefault((item.earlier, item.later), []).append(item)
    groups = [group for group in strongly_connected(following) if len(group) > 1 or _loops(group, following)]
    for group in groups:
        cycle = _cycle_in(group, following)
        closing = [item for edge in itertools.pairwise(cycle) for item in written[edge]]
        first = min(closing, key=lambda item: item.mark)
        files = ", ".join(sorted({by_slug[slug].path for slug in cycle}))
        more = len(group) - len(set(cycle))
        tail = f"; {more} more events are caught in cycles with these" if more else ""
        diagnostics.error(
            first.mark,
            f"'before'/'after' form a cycle: {' before '.join(cycle)} ({files}){tail}",
            "an event cannot come before itself; remove one of these relations, then check again",
        )
    return not groups


def _loops(group: list[str], following: dict[str, set[str]]) -> bool:
    return group[0] in following.get(group[0], ())


def strongly_connected(following: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of a graph (node -> the nodes it leads to), each sorted,
    by Tarjan's algorithm without recursion (a chain of 10,000 events is no deeper a stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(following):
        if root in index:
            continue
        work = [(root, iter(sorted(following.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            step = next(successors, None)
            if step is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while (member := stack.pop()) != node:
                        group.append(member)
                        on_stack.discard(member)
                    on_stack.discard(node)
                    groups.append(sorted([*group, node]))
            elif step not in index:
                index[step] = low[step] = len(index)
                stack.append(step)
                on_stack.add(step)
                work.append((step, iter(sorted(following.get(step, ())))))
            elif step in on_stack:
                low[node] = min(low[node], index[step])
    return groups


def _cycle_in(group: list[str], following: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the group's first event, as a path that ends where it starts."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        reached = []
        for node in frontier:
            for step in sorted(following.get(node, ())):
                if step == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if step in members and step not in came_from:
                    came_from[step] = node
                    reached.append(step)
        frontier = reached
    return [start, start]  # (cannot be: the group is strongly connected)


def _check_chains(items: list[Precedence], by_slug: dict[str, Event], diagnostics: Diagnostics) -> None:
    """Contradictions through a chain (A before B before C, with A's first possible day after
    C's last): for each event, the latest first-possible day among the events recorded as
    coming before it, directly or not. Pairs are `_check_dates`'s."""
    into: dict[str, list[Precedence]] = {}
    for item in items:
        into.setdefault(item.later, []).append(item)
    graph = {later: {item.earlier for item in found} for later, found in into.items()}
    floor: dict[str, tuple[datetime.date, str]] = {}  # slug -> (day, the event it comes from)
    came_by: dict[str, Precedence] = {}
    for slug in graphlib.TopologicalSorter(graph).static_order():
        own = _bounds(by_slug[slug])[0]
        best = (own, slug) if own is not None else None
        for item in into.get(slug, ()):
            inherited = floor.get(item.earlier)
            if inherited is not None and (best is None or inherited[0] > best[0]):
                best, came_by[slug] = inherited, item
        if best is not None:
            floor[slug] = best
        last = _bounds(by_slug[slug])[1]
        if best is None or last is None or best[0] <= last or best[1] == slug:
            continue
        if came_by[slug].earlier == best[1]:
            continue  # a direct pair, reported at its relation
        _report_chain(slug, best[1], came_by, by_slug, diagnostics)


def _report_chain(
    slug: str,
    origin: str,
    came_by: dict[str, Precedence],
    by_slug: dict[str, Event],
    diagnostics: Diagnostics,
) -> None:
    chain, step = [slug], slug
    while step != origin:
        step = came_by[step].earlier
        chain.append(step)
    chain.reverse()
    item = came_by[slug]
    first, last = by_slug[origin], by_slug[slug]
    diagnostics.error(
        item.mark,
        f"'{item.field}: {_named(item)}' contradicts the dates through a chain: "
        f"{' before '.join(chain)}, but {origin} ({_when(first)}, {first.path}) cannot have "
        f"come before {slug} ({_when(last)}, {last.path})",
        "correct a date, or remove one of the relations in the chain",
    )
