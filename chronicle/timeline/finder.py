"""Timeline -> what the search form offers: the topics, actors and places to filter by.

A select of thousands of options is of use to no one and would outgrow the home page's
budget, so each offers at most FINDER_CHOICES, those naming the most events (in the
timeline's order of names); the topics', actors' and places' indexes list every one, and a
link or URL naming any of them (`?tag=...`) still filters by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.timeline.views import Listing, Timeline

FINDER_CHOICES = 100


@dataclass(frozen=True)
class FinderFacet:
    name: str
    """Its URL parameter: tag, actor or place."""
    choices: tuple[Listing, ...]
    total: int
    """How many there are with events (more than the choices when some are left out)."""


@dataclass(frozen=True)
class Finder:
    tags: FinderFacet
    actors: FinderFacet
    places: FinderFacet
    complete: bool
    """Every event is on the home page, in timeline order: the form narrows it in place
    (otherwise it lists the results)."""

    @property
    def facets(self) -> tuple[FinderFacet, ...]:
        return (self.tags, self.actors, self.places)


def finder(timeline: Timeline, limit: int = FINDER_CHOICES) -> Finder:
    return Finder(
        _facet("tag", timeline.tags, limit),
        _facet("actor", timeline.actors, limit),
        _facet("place", timeline.places, limit),
        not timeline.chronology.paged,
    )


def _facet(name: str, listings: Sequence[Listing], limit: int) -> FinderFacet:
    used = [listing for listing in listings if listing.events]
    if len(used) <= limit:
        return FinderFacet(name, tuple(used), len(used))
    order = {listing.id: number for number, listing in enumerate(used)}
    busiest = sorted(used, key=lambda listing: (-len(listing.events), order[listing.id]))[:limit]
    return FinderFacet(name, tuple(sorted(busiest, key=lambda listing: order[listing.id])), len(used))
