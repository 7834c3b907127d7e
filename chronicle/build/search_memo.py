"""The search index of the last build kept in memory, so that a rebuild in the same process
(the preview server's) encodes again only the keys whose events changed.

The files are those `render.search.shards.search_files` makes from the same timeline, byte
for byte: the postings are patched event by event where the events are the same ones in
the same order (and the timeline the same years), and made again whole otherwise.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass, field

from chronicle.render.search.shards import encode_entry, index_files, invert, sort_key, timeline_years
from chronicle.render.search.terms import event_keys
from chronicle.timeline.views import EventView, Timeline


@dataclass
class SearchMemo:
    """What the last index was made from: its events, years, each event's keys, and each
    key's postings and encoded entry."""

    slugs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    keys: list[frozenset[str]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    entries: dict[str, bytes] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    """The keys, sorted as the index lists them."""

    def files(self, timeline: Timeline, words_of: Callable[[EventView], str]) -> dict[str, bytes]:
        """`search_files(timeline, words_of)`, from what changed since the last call."""
        years = timeline_years(timeline)
        slugs = tuple(view.slug for view in timeline.events)
        keys = [frozenset(event_keys(view, years, words_of)) for view in timeline.events]
        if slugs == self.slugs and years == self.years:
            self._patch(keys)
        else:
            self._make(keys, len(slugs))
        self.slugs, self.years, self.keys = slugs, years, keys
        return index_files(timeline, [(key, self.entries[key]) for key in self.order])

    def _make(self, keys: list[frozenset[str]], total: int) -> None:
        self.postings = invert(keys)
        self.entries = {key: encode_entry(key, numbers, total) for key, numbers in self.postings.items()}
        self.order = sorted(self.postings, key=sort_key)

    def _patch(self, keys: list[frozenset[str]]) -> None:
        touched: set[str] = set()
        for number, (old, new) in enumerate(zip(self.keys, keys, strict=True)):
            if old == new:
                continue
            for key in old - new:
                self.postings[key].remove(number)
            for key in new - old:
                insort(self.postings.setdefault(key, []), number)
            touched |= old ^ new
        total, listed = len(keys), len(self.entries)
        for key in touched:
            numbers = self.postings[key]
            if numbers:
                self.entries[key] = encode_entry(key, numbers, total)
            else:
                del self.postings[key], self.entries[key]
        if len(self.entries) != listed or any(key not in self.entries for key in self.order):
            self.order = sorted(self.postings, key=sort_key)
