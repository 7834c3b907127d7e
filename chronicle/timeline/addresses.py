"""The sources cited by their address alone (an event's `url` source: no document kept, no
passage quoted): the sources index lists them after the documents, each with its citing
events, so that it names every source the timeline cites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.timeline.views import EventView, SourceView

CITING_SHOWN = 20
"""Citing events named on an address's line; the rest are counted (a line stays small
however many events cite one address)."""


@dataclass(frozen=True)
class CitedAddress:
    """One address and the events citing it, in the site's order."""

    source: SourceView
    """As the first event citing it cites it (its title, publisher, date and archive)."""
    citing: tuple[EventView, ...]

    @property
    def kind(self) -> str:
        """What the sources index lists it as ("document" for a source page)."""
        return "address"

    @property
    def shown(self) -> tuple[EventView, ...]:
        """The citing events its line names: the first CITING_SHOWN."""
        return self.citing[:CITING_SHOWN]

    @property
    def more(self) -> int:
        """How many citing events its line does not name."""
        return max(0, len(self.citing) - CITING_SHOWN)


def cited_addresses(events: Sequence[EventView]) -> tuple[CitedAddress, ...]:
    """Every address cited without a document, ordered by title (as the first citing event
    gives it) and address; an event citing one address twice is counted once."""
    first: dict[str, SourceView] = {}
    citing: dict[str, dict[str, EventView]] = {}
    for view in events:
        for source in view.citations:
            if source.article_id is None and source.url is not None:
                first.setdefault(source.url, source)
                citing.setdefault(source.url, {}).setdefault(view.slug, view)
    addresses = [CitedAddress(first[url], tuple(citing[url].values())) for url in first]
    return tuple(sorted(addresses, key=lambda address: (address.source.title.casefold(), address.source.url)))
