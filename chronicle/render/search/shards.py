"""Timeline -> the search index, in files small enough that one search fetches little of it.

    search/index.json     the manifest: the first key of each shard and its file, the lists
                          of title files
    search/t/<hash>.json  a shard: a run of keys (search.terms) in sorted order, each with
                          its events (search.postings)
    search/l/<hash>.json  a list: the names of TITLE_FILES_PER_LIST title files, in order
    search/d/<hash>.json  the title, date and address of DOCS_PER_FILE events, in timeline order

A search fetches the manifest, the shard of each word and filter (a word of seven
characters or more: the shards holding the words that begin with it), and the titles of
the results it shows (through the lists naming their files). The manifest names the lists,
not the title files: at 100,000 events naming 6,250 title files made it 111 KB, fetched by
every search. A file is named by its content, so a reader's browser never mixes a
new manifest with an old shard, and a rebuild rewrites only the shards whose keys changed:
a shard ends at a key chosen by the key itself (content-defined, as rsync cuts its blocks),
not by a running size, so an edit does not move the boundaries after it.

Keys are sorted as the script compares them (UTF-16 code units, not code points).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Sequence

from chronicle.render.search.postings import encode_postings
from chronicle.render.search.terms import event_keys, event_words
from chronicle.timeline.views import EventView, Timeline

FOLDER = "search/"
MANIFEST_PATH = FOLDER + "index.json"
INDEX_VERSION = 3
DOCS_PER_FILE = 10
"""A search lists 20 results, from as many title files at worst: at 100,000 events, files of
16 titles put any search at 303 KB, over its 300 KB budget (bench/search_weight.py)."""
TITLE_FILES_PER_LIST = 32
"""A list of 32 names is about 0.5 KB: a search listing 20 results fetches at most 20 lists."""

SHARD_MIN_BYTES = 6_000
"""A shard may end once it holds this much (at a key whose hash says so)."""
SHARD_MAX_BYTES = 16_000
"""A shard ends before it would hold more (a single key larger than this has a shard alone)."""
_BOUNDARY_MASK = 7
"""A key ends a shard of at least SHARD_MIN_BYTES when its hash's low bits are all zero (one
in eight keys)."""


def search_files(timeline: Timeline, words_of: Callable[[EventView], str] = event_words) -> dict[str, bytes]:
    """Every file of the index, by path: the shards, the titles, then the manifest
    (`words_of`: an event's words, as search.terms.event_words gives them)."""
    years = timeline_years(timeline)
    postings = invert([event_keys(view, years, words_of) for view in timeline.events])
    total = len(timeline.events)
    ordered = sorted(postings, key=sort_key)
    return index_files(timeline, [(key, encode_entry(key, postings[key], total)) for key in ordered])


def timeline_years(timeline: Timeline) -> tuple[int, ...]:
    """The years the timeline lists, each a facet of the events its dates may reach."""
    return tuple(group.year for group in timeline.years)


def index_files(timeline: Timeline, entries: Sequence[tuple[str, bytes]]) -> dict[str, bytes]:
    """The index's files, from every key's entry (`encode_entry`) in sorted order."""
    files: dict[str, bytes] = {}
    first_keys, shard_names = [], []
    for shard in cut_shards(entries):
        data = b"{" + b",".join(entry for _, entry in shard) + b"}"
        name = _name(data)
        files[f"{FOLDER}t/{name}.json"] = data
        first_keys.append(shard[0][0])
        shard_names.append(name)
    doc_names = []
    for start in range(0, len(timeline.events), DOCS_PER_FILE):
        data = _json([_doc(view) for view in timeline.events[start : start + DOCS_PER_FILE]])
        name = _name(data)
        files[f"{FOLDER}d/{name}.json"] = data
        doc_names.append(name)
    list_names = []
    for start in range(0, len(doc_names), TITLE_FILES_PER_LIST):
        data = _json(doc_names[start : start + TITLE_FILES_PER_LIST])
        name = _name(data)
        files[f"{FOLDER}l/{name}.json"] = data
        list_names.append(name)
    manifest = {
        "version": INDEX_VERSION,
        "events": len(timeline.events),
        "docsPerFile": DOCS_PER_FILE,
        "docFilesPerList": TITLE_FILES_PER_LIST,
        "docLists": list_names,
        "shardKeys": first_keys,
        "shards": shard_names,
    }
    files[MANIFEST_PATH] = _json(manifest)
    return files


def invert(keys_by_event: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """Key -> the numbers of the events it is found in, ascending."""
    postings: dict[str, list[int]] = {}
    for number, keys in enumerate(keys_by_event):
        for key in keys:
            found = postings.get(key)
            if found is None:
                postings[key] = [number]
            else:
                found.append(number)
    return postings


def sort_key(key: str) -> bytes:
    """The order of JavaScript's string comparison: by UTF-16 code unit."""
    return key.encode("utf-16-be", "surrogatepass")


def encode_entry(key: str, numbers: Sequence[int], total: int) -> bytes:
    """A key's `"key":"postings"` JSON member (`numbers`: its events, of `total`)."""
    return _json(key) + b":" + _json(encode_postings(numbers, total))


def cut_shards(entries: Sequence[tuple[str, bytes]]) -> list[list[tuple[str, bytes]]]:
    """The entries in runs of SHARD_MIN_BYTES to SHARD_MAX_BYTES, each ended by a key whose
    hash is a boundary (or by the maximum)."""
    shards: list[list[tuple[str, bytes]]] = []
    current: list[tuple[str, bytes]] = []
    size = 0
    for key, entry in entries:
        if current and size + len(entry) > SHARD_MAX_BYTES:
            shards.append(current)
            current, size = [], 0
        current.append((key, entry))
        size += len(entry) + 1
        if size >= SHARD_MIN_BYTES and zlib.crc32(key.encode("utf-8", "surrogatepass")) & _BOUNDARY_MASK == 0:
            shards.append(current)
            current, size = [], 0
    if current or not shards:
        shards.append(current or [("", b"")])
    return shards


def _doc(view: EventView) -> list[str]:
    return [view.title, view.date_label, view.path]


def _name(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
