"""The search index as a reader's browser sees it, read back in Python for tests: every event's
title, date and address, and the keys each one is found by (chronicle/render/search)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from chronicle.render.search.postings import decode_postings
from chronicle.render.search.words import words


@dataclass(frozen=True)
class ReadIndex:
    manifest: dict[str, object]
    docs: list[list[str]]
    """[title, date, path] of each event, in timeline order."""
    keys: list[set[str]]
    """The keys each event is found by, in timeline order."""
    shard_files: dict[str, bytes]

    @property
    def ids(self) -> list[str]:
        return [doc[2].removeprefix("events/").rstrip("/") for doc in self.docs]

    def keys_of(self, slug: str) -> set[str]:
        return self.keys[self.ids.index(slug)]

    def finds(self, slug: str, query: str) -> bool:
        """Whether every word of `query` begins one of the event's words (as the script
        matches a query without quotation marks)."""
        keys = [key for key in self.keys_of(slug) if not key.startswith("#")]
        return all(any(key.startswith(word) for key in keys) for word in words(query))

    def finds_whole(self, slug: str, query: str) -> bool:
        """Whether every word of `query` is one of the event's words."""
        return set(words(query)) <= self.keys_of(slug)


def read_index(out: Path) -> ReadIndex:
    folder = out / "search"
    manifest = json.loads((folder / "index.json").read_bytes())
    total = manifest["events"]
    docs: list[list[str]] = []
    for listed in manifest["docLists"]:
        for name in json.loads((folder / "l" / f"{listed}.json").read_bytes()):
            docs += json.loads((folder / "d" / f"{name}.json").read_bytes())
    keys: list[set[str]] = [set() for _ in range(total)]
    shard_files = {}
    for name in manifest["shards"]:
        data = (folder / "t" / f"{name}.json").read_bytes()
        shard_files[name] = data
        for key, postings in json.loads(data).items():
            for number in decode_postings(postings, total):
                keys[number].add(key)
    return ReadIndex(manifest, docs, keys, shard_files)
