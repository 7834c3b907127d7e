"""Keys a session made in its last run, reused where their inputs are equal: a session that
builds again (the preview server's) digests only what an edit changed. Kept in memory only
(BuildState.recent), never saved: the inputs are live objects, compared, not digested."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from chronicle.model.records import Event
from chronicle.model.wording import Wording
from chronicle.timeline.overview import YearTally, tally_year
from chronicle.timeline.periods import PeriodMakers, PeriodPage, year_overview, year_pages
from chronicle.timeline.views import YearGroup

Recent = dict[str, tuple[tuple[object, ...], str]]
"""Name -> (the inputs, the key made from them)."""


def again(recent: Recent, name: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
    """`make()`, a key of `name` made from `inputs`, unless `recent` holds one made from equal
    inputs (`make` must depend on nothing else)."""
    found = recent.get(name)
    if found is not None and found[0] == inputs:
        return found[1]
    key = make()
    recent[name] = (inputs, key)
    return key


def keep_only(recent: Recent, names: Collection[str]) -> None:
    """Forgets the keys of names no longer in use (a deleted file, a renamed event)."""
    for name in recent.keys() - names:
        del recent[name]


@dataclass(frozen=True)
class KeptOrder:
    """The site's order as a session's last run made it (build.load): from `events` (in the
    order their files were read) and the slugs of the files with errors (`failed`), the
    position in `events` of each event in order, and the problems found on the way."""

    events: tuple[Any, ...]
    failed: frozenset[str]
    positions: tuple[int, ...]
    problems: tuple[Any, ...]


@dataclass(frozen=True)
class KeptVersions:
    """The events' versions as a session's last run made them (build.versions), with what
    they were made of: each event's record key, the entities' digests, the relations."""

    records: dict[str, str]
    entities: dict[str, str]
    linked: Any
    versions: dict[str, str]
    run: int = 1
    """Which run of the session made them (1, 2, ...)."""
    touched: frozenset[str] | None = None
    """The events whose versions may differ from the run before's; None: any event's."""


class KeptByEvent:
    """Values made for every event by a session's last run, each made again only for the
    events whose versions a save touched (`KeptVersions.touched`): a value must be made of
    the event's version (or of its record, which the version is made of) and of what is
    passed as `shared`, nothing else."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[int, object, dict[str, Any]]] = {}
        self._order: tuple[Sequence[Event], list[str], dict[str, Event]] = ((), [], {})
        """The events last passed, their slugs and each by its slug (a run passes the same
        events each time)."""

    def each(
        self,
        name: str,
        versions: KeptVersions,
        shared: object,
        events: Sequence[Event],
        make: Callable[[Event], Value],
    ) -> dict[str, Value]:
        """slug -> `make(event)` for each of `events`, in their order."""
        last = self._made.get(name)
        touched = versions.touched
        if (
            last is not None
            and touched is not None
            and last[0] == versions.run - 1
            and last[1] == shared
            and list(last[2]) == self._in_order(events)[0]  # so the result is in order
        ):
            values: dict[str, Value] = dict(last[2])
            by_slug = self._in_order(events)[1]
            for slug in touched:  # a few
                if slug in by_slug:
                    values[slug] = make(by_slug[slug])
        else:
            values = {event.slug: make(event) for event in events}
        self._made[name] = (versions.run, shared, values)
        return values

    def _in_order(self, events: Sequence[Event]) -> tuple[list[str], dict[str, Event]]:
        if self._order[0] is not events:
            by_slug = {event.slug: event for event in events}
            self._order = (events, list(by_slug), by_slug)
        return self._order[1], self._order[2]

    def remember(self, name: str, slug: str, value: object) -> None:
        """`value` for the event at `slug` from now on (what the run did since made it so)."""
        self._made[name][2][slug] = value


Value = TypeVar("Value")


class KeptPeriods:
    """The chronology's years, each year's pages and overview, as a session's last run made
    them (timeline.periods.PeriodMakers): a year is grouped, paged and overviewed again only
    when what it is made of is not the very same as then (a save changes one year, at most a
    few)."""

    def __init__(self) -> None:
        self.years: dict[int, YearGroup] = {}
        self.wording: Wording | None = None
        """The interface's wording the years were made in."""
        self._pages: dict[int, tuple[YearGroup, int, Wording, list[PeriodPage]]] = {}
        self._overviews: dict[int, tuple[YearGroup, tuple[Any, ...], Mapping[str, str], Wording, Any]] = {}
        self._tallies: dict[int, tuple[YearGroup, bool, int, YearTally]] = {}

    def makers(self, wording: Wording) -> PeriodMakers:
        """The makers for a run in `wording`: the years kept are of use only in the same one."""
        kept = self.years if wording is self.wording else {}
        return PeriodMakers(self._year_pages, self._year_overview, self._year_tally, kept)

    def keep(self, years: Sequence[YearGroup], wording: Wording) -> None:
        """This run's years, made in `wording`, for the next; the years no longer there are forgotten."""
        self.years, self.wording = {year.year: year for year in years}, wording
        for table in (self._pages, self._overviews, self._tallies):
            for gone in table.keys() - self.years.keys():
                del table[gone]

    def _year_pages(self, year: YearGroup, limit: int, wording: Wording) -> list[PeriodPage]:
        found = self._pages.get(year.year)
        if found is not None and found[0] is year and found[1] == limit and found[2] is wording:
            return found[3]
        made = year_pages(year, limit, wording)
        self._pages[year.year] = (year, limit, wording, made)
        return made

    def _year_overview(
        self, year: YearGroup, earlier: tuple[Any, ...], where: Mapping[str, str], wording: Wording
    ) -> Any:
        found = self._overviews.get(year.year)
        if (
            found is not None
            and found[0] is year
            and found[3] is wording
            and found[1] == earlier
            and found[2] == where
        ):
            return found[4]
        made = year_overview(year, earlier, where, wording)
        self._overviews[year.year] = (year, earlier, where, wording, made)
        return made

    def _year_tally(self, year: YearGroup, monthly: bool, size: int) -> YearTally:
        found = self._tallies.get(year.year)
        if found is not None and found[0] is year and found[1:3] == (monthly, size):
            return found[3]
        made = tally_year(year, monthly, size)
        self._tallies[year.year] = (year, monthly, size, made)
        return made
