"""The load step's memory of each input file: its fingerprint, its last result, and (in a
session that builds again) what its last run reused or made, with what it looked up."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from chronicle.build.cache import BuildState
from chronicle.build.keys import digest
from chronicle.build.recent import again, keep_only
from chronicle.model.diagnostics import Diagnostic
from chronicle.source.documents import MAX_DOCUMENT_BYTES
from chronicle.source.load import UnreadableFile, read_bounded


def fingerprint(root: Path, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> tuple[int, int, str]:
    """(size, mtime_ns, key of the bytes) of a file; key "" when it is not read (see
    source.load.read_bounded: the reader of its kind reports why; no file may be larger than
    a document, but an image: `limit`)."""
    try:
        status = os.stat(f"{root}/{relpath}")
        return status.st_size, status.st_mtime_ns, digest(read_bounded(root, relpath, limit))
    except (OSError, UnreadableFile):
        return 0, 0, ""


class Memo:
    """Per-file results reused across runs while their keys match; records what it computes.

    `reported`: the files a watcher reported changed since the last run, in a session that
    builds again; the others are taken as unchanged without asking the file system, and
    `trust_held()` says afterwards whether they were. None: every file is asked."""

    KINDS = ("own", "key")
    """The kinds of key `again` keeps of each input file (build.load)."""

    def __init__(self, root: Path, state: BuildState, reported: Collection[str] | None = None) -> None:
        self.root = root
        self.state = state
        self.seen: set[str] = set()
        self.reported = reported
        self.trusted: list[str] = []
        self.checks: list[Callable[[], bool]] = []
        """Whether each thing but a file's bytes taken as unchanged (`reported`) still is."""

    def file_key(self, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
        """A key of the file's bytes; "" for a file that cannot be read (reported elsewhere)."""
        known = self.known_file_key(relpath)
        if known is not None:
            return known
        size, mtime, key = fingerprint(self.root, relpath, limit)
        self.record_file_key(relpath, size, mtime, key)
        return key

    def known_file_key(self, relpath: str) -> str | None:
        """The file's key if its size and modification time are as recorded ("" for a file
        that cannot be read); None when only reading it can tell (`fingerprint`, maybe in a
        worker, then `record_file_key`)."""
        self.seen.add(relpath)
        stamp = self.state.stamps.get(relpath)
        if stamp and self.reported is not None and relpath not in self.reported:
            self.trusted.append(relpath)
            return stamp[2]
        try:
            status = os.stat(f"{self.root}/{relpath}")
        except OSError:
            return ""
        if stamp and stamp[:2] == (status.st_size, status.st_mtime_ns):
            return stamp[2]
        return None

    def trust_held(self) -> bool:
        """Whether every file taken as unchanged (`reported`) still has the recorded size and
        modification time, and all else taken as unchanged still is (`checks`)."""
        for relpath in self.trusted:
            try:
                status = os.stat(f"{self.root}/{relpath}")
            except OSError:
                return False
            if self.state.stamps.get(relpath, ())[:2] != (status.st_size, status.st_mtime_ns):
                return False
        return all(check() for check in self.checks)

    def record_file_key(self, relpath: str, size: int, mtime: int, key: str) -> None:
        if key:
            self.state.stamps[relpath] = (size, mtime, key)

    def again(self, kind: str, relpath: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
        """`make()`, a key made from `inputs`, unless the last run made it for `relpath` from
        equal inputs: a session that builds again digests only what changed."""
        return again(self.state.recent.setdefault(kind, {}), relpath, inputs, make)

    def kept(
        self, relpath: str, inputs: tuple[object, ...], stale: AbstractSet[str]
    ) -> tuple[str, Any] | None:
        """The (key, result) the last run of this session had for the file, if it was had
        from equal `inputs` and looked up none of the `stale` names (`keep`)."""
        found = self.state.loaded.get(relpath)
        if found is None or found[0] != inputs or (stale and not stale.isdisjoint(found[1])):
            return None
        return found[2], found[3]

    def keep(
        self, relpath: str, inputs: tuple[object, ...], used: tuple[str, ...], key: str, result: Any
    ) -> None:
        """What this run had for the file, from `inputs`, having looked up the names `used`."""
        self.state.loaded[relpath] = (inputs, used, key, result)

    def lookup(self, relpath: str, key: str) -> tuple[Any, tuple[Diagnostic, ...]] | None:
        entry = self.state.results.get(relpath)
        if entry is not None and entry[0] == key:
            return entry[1], entry[2]
        return None

    def store(self, relpath: str, key: str, value: Any, diagnostics: Iterable[Diagnostic]) -> None:
        self.state.results[relpath] = (key, value, tuple(diagnostics))

    def keep_revisions(self, compared: dict[str, Any]) -> None:
        """What the corrections of this build changed (source.revisions), and nothing else."""
        self.state.revisions.update_changed(compared)

    def forget_unseen(self) -> None:
        """Drop what belongs to files that no longer exist, so the cache does not grow forever."""
        for table in (self.state.stamps, self.state.results):
            for relpath in [path for path in table if path not in self.seen]:
                del table[relpath]
        for kind in self.KINDS:
            keep_only(self.state.recent.setdefault(kind, {}), self.seen)
        for relpath in self.state.loaded.keys() - self.seen:
            del self.state.loaded[relpath]


def fresh_memo(root: Path) -> Memo:
    """A memo that starts empty and is never saved (for `check`, which writes nothing)."""
    return Memo(root, BuildState(""))
