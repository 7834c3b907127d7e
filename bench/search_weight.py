"""Bytes one search fetches from a built site, at most: the script, the manifest, the shards
its words and filters need (as templates/assets/timeline.js chooses them) and the titles of
the 20 results it lists (bounded by 20 of the largest title files, and 20 of the largest lists
naming them).

    python bench/search_weight.py OUTPUT_FOLDER

Every word of the index is tried, whole and by each of its beginnings; the heaviest one-word
search is reported, and the heaviest word with a filter of each kind (its heaviest value).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from chronicle.render.search.shards import sort_key  # noqa: E402

MAX_PREFIX_SHARDS = 4  # as timeline.js
MAX_SHARDS = 12  # shards one search reads at most, as timeline.js
LISTED = 20  # results listed at a time, as timeline.js
FACETS = ("tag", "actor", "place", "year")


@dataclass(frozen=True)
class Weight:
    what: str
    shards: int
    bytes: int


class Index:
    def __init__(self, out: Path) -> None:
        folder = out / "search"
        self.manifest = json.loads((folder / "index.json").read_bytes())
        self.manifest_bytes = (folder / "index.json").stat().st_size
        self.script_bytes = (out / "assets" / "timeline.js").stat().st_size
        self.first_keys = [sort_key(key) for key in self.manifest["shardKeys"]]
        self.shard_bytes = [
            (folder / "t" / f"{name}.json").stat().st_size for name in self.manifest["shards"]
        ]
        self.keys: list[str] = []
        for name in self.manifest["shards"]:
            self.keys += json.loads((folder / "t" / f"{name}.json").read_bytes())
        lists = [folder / "l" / f"{name}.json" for name in self.manifest["docLists"]]
        names = [name for path in lists for name in json.loads(path.read_bytes())]
        docs = [(folder / "d" / f"{name}.json").stat().st_size for name in names]
        list_bytes = [path.stat().st_size for path in lists]
        self.titles_bound = sum(sorted(docs, reverse=True)[:LISTED]) + sum(
            sorted(list_bytes, reverse=True)[:LISTED]
        )
        self.any_search_bound = (
            self.script_bytes
            + self.manifest_bytes
            + sum(sorted(self.shard_bytes, reverse=True)[:MAX_SHARDS])
            + self.titles_bound
        )

    def shard_of(self, key: str) -> int:
        return max(0, bisect.bisect_right(self.first_keys, sort_key(key)) - 1)

    def shards_for(self, word: str, whole: bool) -> set[int]:
        first = self.shard_of(word)
        last = first if whole else self.shard_of(word + "\uffff")
        return {first} if last - first >= MAX_PREFIX_SHARDS else set(range(first, last + 1))

    def weight(self, what: str, shards: set[int]) -> Weight:
        # The script reads MAX_SHARDS at most (it drops the words beyond): the largest of them.
        read = sorted((self.shard_bytes[number] for number in shards), reverse=True)[:MAX_SHARDS]
        total = self.script_bytes + self.manifest_bytes + sum(read) + self.titles_bound
        return Weight(what, len(read), total)


def heaviest(out: Path) -> list[Weight]:
    index = Index(out)
    words = [key for key in index.keys if not key.startswith("#")]
    asks = {(word[:length], length < 2) for word in words for length in range(1, len(word) + 1)}
    by_word = {ask: index.shards_for(*ask) for ask in asks}
    ranked = sorted(by_word, key=lambda ask: (-sum(index.shard_bytes[n] for n in by_word[ask]), ask))
    filters: set[int] = set()
    for facet in FACETS:
        values = [key for key in index.keys if key.startswith(f"#{facet}:")]
        if values:
            filters.add(max((index.shard_of(key) for key in values), key=lambda n: index.shard_bytes[n]))
    worst = ranked[0][0]
    # Three words that share no shard: the heaviest such search of three words.
    three: list[tuple[str, bool]] = []
    for ask in ranked:
        if len(three) < 3 and not any(by_word[ask] & by_word[other] for other in three):
            three.append(ask)
    named = ", ".join(repr(word) for word, _ in three)
    return [
        Weight(
            f"any search ({MAX_SHARDS} largest shards, the bound the script keeps)",
            MAX_SHARDS,
            index.any_search_bound,
        ),
        index.weight(f"the word {worst!r}", by_word[ranked[0]]),
        index.weight(f"the word {worst!r} and a filter of each kind", by_word[ranked[0]] | filters),
        index.weight(
            f"the words {named} and a filter of each kind",
            set().union(*(by_word[ask] for ask in three)) | filters,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    for weight in heaviest(args.out):
        print(f"{weight.what}: {weight.shards} shards, {weight.bytes:,} bytes at most")
    return 0


if __name__ == "__main__":
    sys.exit(main())
