"""The build cache (ROOT/.chronicle-cache/, git-ignored): file fingerprints, per-file results, pages.

A result is reused only when the key it was stored under still matches: the file's own
bytes plus everything it depends on. Any problem reading the cache means starting cold.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import marshal
import os
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from chronicle.model.diagnostics import Diagnostic, Diagnostics

CACHE_DIRNAME = ".chronicle-cache"
STATE_NAME = "state.pickle"
PACKAGE_DIR = Path(__file__).resolve().parent.parent

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """A short stable key of the parts, in order."""
    hasher = hashlib.blake2b(digest_size=16)
    if len(parts) == 1 and isinstance(parts[0], str):
        # One text (often a long repr): hashed as it is, marked apart from the tuple form.
        hasher.update(b"1:" + parts[0].encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()
    if all(map(isinstance, parts, itertools.repeat(str))):  # a C loop: keys of thousands of parts
        # repr of a tuple of texts is unambiguous and made in one C call: the common case.
        hasher.update(repr(parts).encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def view_key(view: object) -> str:
    """A key of what a view shows."""
    # repr, not pickle: pickle's bytes depend on which equal objects happen to be shared,
    # and a key must depend on values only (the view objects are frozen dataclasses).
    return digest(repr(view))


def engine_key() -> str:
    """Changes whenever the engine's own code changes, so no stale result survives an upgrade."""
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    return digest(*(path.read_bytes() for path in sources))


class TrackedDict(dict[str, Any]):
    """A dict that remembers which keys were set or deleted, so only those shards are saved."""

    def __init__(self, *args: Any, count: int = 1) -> None:
        super().__init__(*args)
        self.count = count
        """How many shards it is saved in."""
        self.changed: set[str] = set()
        self.members: list[Collection[str]] | None = None
        """The keys each shard file held when loaded (its dict, read only when the shard
        changes); None when nothing was loaded."""

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.changed.add(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.changed.add(key)

    def keep_only(self, keys: set[str]) -> None:
        for key in self.keys() - keys:
            del self[key]

    def shards(self) -> dict[int, dict[str, Any]]:
        """The shards to write, each with its whole contents: only the changed ones when the
        table was loaded from shard files, every shard otherwise."""
        changed: dict[int, list[str]] = {}
        if self.members is None:
            self.members = [() for _ in range(self.count)]
            changed = {number: [] for number in range(self.count)}
            keys: Iterable[str] = self
        else:
            keys = self.changed
        for key in keys:
            changed.setdefault(_shard(key, self.count), []).append(key)
        contents: dict[int, dict[str, Any]] = {}
        for number in sorted(changed):
            members = {*self.members[number], *changed[number]} & self.keys()
            self.members[number] = members
            contents[number] = dict(zip(members, map(self.__getitem__, members), strict=True))
        self.changed.clear()
        return contents


# The large tables live in shards, so that a rebuild rewrites only the shards it changed
# (a summary edit changes a few dozen fragments, and one result); fragments are texts,
# which marshal reads and writes several times faster than pickle.
SHARDS = {"results": 8, "fragments": 128}
PIECES_TABLE = "fragments"
"""The table of every event's cards and pieces (the rest of the cache holds the events)."""


@dataclass
class BuildState:
    """What one build leaves for the next."""

    engine: str
    stamps: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """Input file -> (size, mtime_ns, content key): unchanged stat means unchanged bytes."""
    results: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["results"]))
    """Input file -> (key, value, diagnostics) of its last validation."""
    fragments: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["fragments"]))
    """Key -> a rendered piece (text, or a tuple of texts), shared by every file that uses it."""
    pages: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Output file -> (page key, size, mtime_ns) as last written into `out`."""
    folders: dict[str, int] = field(default_factory=dict)
    """Folder of `out` -> modification time (ns) after the last build (write.stamp_folders)."""
    out: str = ""


_TABLES: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], bytes]]] = {
    "results": (pickle.loads, lambda value: pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),
    "fragments": (marshal.loads, marshal.dumps),
}


def _shard(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def load_state(root: Path) -> BuildState:
    engine = engine_key()
    folder = root / CACHE_DIRNAME / engine
    try:
        with (folder / STATE_NAME).open("rb") as handle:
            state = pickle.load(handle)
        if not isinstance(state, BuildState) or state.engine != engine:
            return BuildState(engine)
        for table, (loads, _) in _TABLES.items():
            loaded = TrackedDict(count=SHARDS[table])
            loaded.members = []
            for number in range(loaded.count):
                shard = loads((folder / f"{table}-{number:03d}").read_bytes())
                dict.update(loaded, shard)
                loaded.members.append(shard)
            setattr(state, table, loaded)
    except Exception:  # missing, truncated or from another version: start cold
        return BuildState(engine)
    return state


def save_state(root: Path, state: BuildState, tables: bool = True) -> None:
    """Everything, or with `tables=False` all but what `save_tables` already wrote."""
    folder = root / CACHE_DIRNAME / state.engine
    try:
        if tables:
            save_tables(root, state)
        folder.mkdir(parents=True, exist_ok=True)
        small = dataclasses.replace(state, results=TrackedDict(), fragments=TrackedDict())
        _write_atomically(folder / STATE_NAME, pickle.dumps(small, pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only site folder builds fine, only without a cache


def save_tables(root: Path, state: BuildState) -> None:
    """The results' and fragments' changed shards; the caches of other engine versions go."""
    write_tables(root, state.engine, table_shards(state))


TableShards = list[tuple[str, int, dict[str, Any]]]


def table_shards(state: BuildState) -> TableShards:
    """(table, shard number, contents) of every shard to write: a copy, taken now, that
    `write_tables` may write from another thread while the tables change."""
    return [
        (table, number, shard)
        for table in _TABLES
        for number, shard in getattr(state, table).shards().items()
    ]


def write_tables(root: Path, engine: str, shards: TableShards) -> None:
    """Shard keys are content keys, so shards newer than state.pickle are still right: this
    may run while the output is being written, and a failed build may follow it."""
    base = root / CACHE_DIRNAME
    folder = base / engine
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (base / ".gitignore").write_text("*\n")
        for stale in base.iterdir():
            if stale.is_dir() and stale.name not in (engine, "templates"):
                shutil.rmtree(stale, ignore_errors=True)
        for table, number, shard in shards:
            _write_atomically(folder / f"{table}-{number:03d}", _TABLES[table][1](shard))
    except OSError:
        pass


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def fingerprint(root: Path, relpath: str) -> tuple[int, int, str]:
    """(size, mtime_ns, key of the bytes) of a file; key "" when it cannot be read."""
    path = f"{root}/{relpath}"
    try:
        status = os.stat(path)
        with open(path, "rb") as handle:
            return status.st_size, status.st_mtime_ns, digest(handle.read())
    except OSError:
        return 0, 0, ""


class Memo:
    """Per-file results reused across runs while their keys match; records what it computes."""

    def __init__(self, root: Path, state: BuildState) -> None:
        self.root = root
        self.state = state
        self.seen: set[str] = set()

    def file_key(self, relpath: str) -> str:
        """A key of the file's bytes; "" for a file that cannot be read (reported elsewhere)."""
        known = self.known_file_key(relpath)
        if known is not None:
            return known
        size, mtime, key = fingerprint(self.root, relpath)
        self.record_file_key(relpath, size, mtime, key)
        return key

    def known_file_key(self, relpath: str) -> str | None:
        """The file's key if its size and modification time are as recorded ("" for a file
        that cannot be read); None when only reading it can tell (`fingerprint`, maybe in a
        worker, then `record_file_key`)."""
        self.seen.add(relpath)
        try:
            status = os.stat(f"{self.root}/{relpath}")
        except OSError:
            return ""
        stamp = self.state.stamps.get(relpath)
        if stamp and stamp[:2] == (status.st_size, status.st_mtime_ns):
            return stamp[2]
        return None

    def record_file_key(self, relpath: str, size: int, mtime: int, key: str) -> None:
        if key:
            self.state.stamps[relpath] = (size, mtime, key)

    def lookup(self, relpath: str, key: str) -> tuple[Any, tuple[Diagnostic, ...]] | None:
        entry = self.state.results.get(relpath)
        if entry is not None and entry[0] == key:
            return entry[1], entry[2]
        return None

    def store(self, relpath: str, key: str, value: Any, diagnostics: Iterable[Diagnostic]) -> None:
        self.state.results[relpath] = (key, value, tuple(diagnostics))

    def result(
        self, relpath: str, key: str, compute: Callable[[Diagnostics], T], diagnostics: Diagnostics
    ) -> T:
        """compute(its own diagnostics), or the stored value and diagnostics for this key."""
        found = self.lookup(relpath, key)
        if found is None:
            local = Diagnostics()
            value = compute(local)
            self.store(relpath, key, value, local.items)
            found = (value, tuple(local.items))
        diagnostics.extend(found[1])
        return found[0]

    def forget_unseen(self) -> None:
        """Drop what belongs to files that no longer exist, so the cache does not grow forever."""
        for table in (self.state.stamps, self.state.results):
            for relpath in [path for path in table if path not in self.seen]:
                del table[relpath]


def fresh_memo(root: Path) -> Memo:
    """A memo that starts empty and is never saved (for `check`, which writes nothing)."""
    return Memo(root, BuildState(""))
