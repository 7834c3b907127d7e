"""The search index of the last build, kept so that a rebuild encodes again only the keys
whose events changed: in memory by a session that builds again (the preview server's), and
in the cache (as one value: `kept`, `restore`) for the next build in a new process.

The files are those `render.search.shards.search_files` makes from the same timeline, byte
for byte. What is kept is the index's own account of what it was made from: each event's
slug, the key of its words in the fragments (build.fragments.search_words_key) and its
facets, and each search key's encoded entry. A rebuild compares that account with the
timeline's: the same events in the same order (and the same years) are patched event by
event, their old words read back from the fragments; anything else, or an old word that is
gone, makes the index again whole. The account is one value, written at once, so a rebuild
never reads one part of it from one build and another part from another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chronicle.render.search.postings import decode_postings
from chronicle.render.search.shards import encode_entry, index_files, invert, sort_key, timeline_years
from chronicle.render.search.terms import facets
from chronicle.timeline.views import EventView, Timeline

Found = tuple[str, tuple[str, ...]]
"""What an event is found by: the key of its words (in the fragments) and its facet keys."""


class Restart(Exception):
    """The kept index cannot be patched into this one (other events, or an old event's
    words gone)."""


@dataclass
class SearchMemo:
    """What the last index was made from, and each search key's encoded entry."""

    slugs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    found: list[Found] = field(default_factory=list)
    entries: dict[str, bytes] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    """The keys, sorted as the index lists them."""
    changed: bool = False
    """Whether the index changed since it was last kept (`kept`)."""

    def files(
        self,
        timeline: Timeline,
        words_of: Callable[[EventView], str],
        words_keys: Mapping[str, str],
        words: Mapping[str, Any],
    ) -> dict[str, bytes]:
        """`search_files(timeline, words_of)`, from what changed since the last index.
        `words_keys`: each event's words key (slug -> key); `words`: the fragments, where
        the words of the last index's events are found by their keys."""
        years = timeline_years(timeline)
        slugs = tuple(view.slug for view in timeline.events)
        found = [(words_keys[view.slug], tuple(facets(view, years))) for view in timeline.events]
        if found != self.found or slugs != self.slugs or years != self.years:
            words_now = [words_of(view) for view in timeline.events]
            try:
                if slugs != self.slugs or years != self.years:
                    raise Restart
                self._patch(found, words_now, words)
            except Restart:
                self._make([_keys(text, own) for text, (_, own) in zip(words_now, found, strict=True)])
            self.slugs, self.years, self.found, self.changed = slugs, years, found, True
        return index_files(timeline, [(key, self.entries[key]) for key in self.order])

    def kept(self) -> list[Any]:
        """The memo as JSON's own values, for the cache."""
        self.changed = False
        return [
            list(self.slugs),
            list(self.years),
            [[words_key, list(own)] for words_key, own in self.found],
            [[key, self.entries[key].decode("utf-8", "surrogatepass")] for key in self.order],
        ]

    def restore(self, value: Any) -> None:
        """Become the memo `kept` gave; stay empty if `value` is not one."""
        try:
            slugs, years, found, entries = value
            self.slugs, self.years = tuple(map(str, slugs)), tuple(map(int, years))
            self.found = [(str(words_key), tuple(map(str, own))) for words_key, own in found]
            self.order = [str(key) for key, _ in entries]
            self.entries = {str(key): str(entry).encode("utf-8", "surrogatepass") for key, entry in entries}
        except (TypeError, ValueError, AttributeError):
            self.found = []
        if len(self.found) != len(self.slugs) or len(self.entries) != len(self.order):
            self.slugs, self.years, self.found, self.entries, self.order = (), (), [], {}, []

    def _make(self, keys: list[set[str]]) -> None:
        total = len(keys)
        postings = invert(keys)
        self.entries = {key: encode_entry(key, numbers, total) for key, numbers in postings.items()}
        self.order = sorted(postings, key=sort_key)

    def _patch(self, found: list[Found], words_now: list[str], words: Mapping[str, Any]) -> None:
        total = len(found)
        added: dict[str, list[int]] = {}
        removed: dict[str, list[int]] = {}
        for number, (old, new) in enumerate(zip(self.found, found, strict=True)):
            if old == new:
                continue
            old_words = words.get(old[0])
            if old_words is None:
                raise Restart
            before, after = _keys(str(old_words), old[1]), _keys(words_now[number], new[1])
            for key in before - after:
                removed.setdefault(key, []).append(number)
            for key in after - before:
                added.setdefault(key, []).append(number)
        listed = True  # whether the keys are those `order` lists
        for key in added.keys() | removed.keys():
            numbers = set(self._postings(key, total))
            numbers.difference_update(removed.get(key, ()))
            numbers.update(added.get(key, ()))
            listed = listed and key in self.entries and bool(numbers)
            if numbers:
                self.entries[key] = encode_entry(key, sorted(numbers), total)
            else:
                del self.entries[key]
        if not listed:
            self.order = sorted(self.entries, key=sort_key)

    def _postings(self, key: str, total: int) -> list[int]:
        entry = self.entries.get(key)
        if entry is None:
            return []
        return decode_postings(json.loads(b"{" + entry + b"}")[key], total)


def _keys(words: str, own_facets: tuple[str, ...]) -> set[str]:
    """Every key an event is found by (as render.search.terms.event_keys gives them)."""
    return set(words.split()) | set(own_facets)
