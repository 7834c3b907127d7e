"""The load step's memory of each input file: its fingerprint, its last result, and (in a
session that builds again) what its last run reused or made, with what it looked up."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Collection, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, NamedTuple

from chronicle.build.cache import BuildState
from chronicle.build.keys import digest
from chronicle.build.recent import again, keep_only
from chronicle.model.diagnostics import Diagnostic
from chronicle.source.documents import MAX_DOCUMENT_BYTES
from chronicle.source.load import UnreadableFile, plainly_below, read_bounded

RACY_NS = 2_000_000_000
"""A file changed this close to (or after) the moment its stamp is taken has a "racy" stamp:
within a file system's timestamp granularity (FAT: 2 s) a second save can keep the same size
and times. Its bytes are read and digested again until a stamp is taken once it has been
still (git's "racy clean" rule); an unchanged file's results are still reused."""


FileStamp = tuple[int, int, int, int]
"""Size, modification and change times (ns), inode (`stamp_of`)."""


NO_STAMP: FileStamp = (0, 0, 0, 0)
"""Of a file that is not a regular file (a link): never recorded, so never trusted."""


def stamp_of(status: os.stat_result) -> FileStamp:
    """What a save changes in a file's own status (not a link's target's): its size, times
    and identity. The change time and inode also change when a tool restores an old
    modification time (`cp -p`, `tar x`, `rsync -a`) or swaps in another file."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


class FileRead(NamedTuple):
    """A file's stamp, taken before its bytes were read, and those bytes (None when they are
    not read: the reader of its kind reports why)."""

    stamp: FileStamp
    data: bytes | None
    key: str
    """The key of the bytes (digested once); "" for a file not read."""


def read_once(root: Path, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> FileRead:
    """The file's stamp and bytes (source.load.read_bounded); whatever is made from them is
    kept under the key of these very bytes, never of another read of the file."""
    try:
        status = os.lstat(f"{root}/{relpath}")
    except OSError:
        return FileRead(NO_STAMP, None, "")
    # A link's own status says nothing of where it leads: it gets no stamp, and is read again.
    stamp = stamp_of(status) if stat.S_ISREG(status.st_mode) else NO_STAMP
    try:
        data = read_bounded(root, relpath, limit)
    except UnreadableFile:
        return FileRead(stamp, None, "")
    return FileRead(stamp, data, digest(data))


class KeyedReads:
    """A reader of site files (source.load.read_bounded) that keeps the key of the bytes it
    last read of each file: what a check made of a file is known by those very bytes, not by
    another read of the file after a save."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def __call__(self, root: Path, relpath: str, limit: int) -> bytes:
        data = read_bounded(root, relpath, limit)
        self.keys[relpath] = digest(data)
        return data


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
        self.plain_folders: dict[str, bool] = {}

    def file_key(self, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
        """A key of the file's bytes; "" for a file that cannot be read (reported elsewhere)."""
        known = self.known_file_key(relpath, limit)
        return self.read(relpath, limit).key if known is None else known

    def read(self, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> FileRead:
        """The file's bytes and their key, read now; its stamp recorded."""
        self.seen.add(relpath)
        found = read_once(self.root, relpath, limit)
        self.record_file_key(relpath, found.stamp, found.key)
        return found

    def known_file_key(self, relpath: str, limit: int = MAX_DOCUMENT_BYTES) -> str | None:
        """The file's key if its stamp is as recorded ("" for a file that cannot be read);
        None when only reading it can tell (`read_once`, maybe in a worker, then
        `record_file_key`). A racy stamp (RACY_NS) holds only while the bytes have the key it
        records. A link, or a file in a linked folder, is always read: where it leads is
        checked as it is read (source.load.read_bounded), and a stamp cannot tell."""
        self.seen.add(relpath)
        stamp = self.state.stamps.get(relpath)
        if stamp and self.reported is not None and relpath not in self.reported:
            self.trusted.append(relpath)
            return stamp[4]
        try:
            status = os.lstat(f"{self.root}/{relpath}")
        except OSError:
            return ""
        if not stamp or stamp[:4] != stamp_of(status) or not self._plain(relpath, status):
            return None
        if stamp[5] and self.read(relpath, limit).key != stamp[4]:
            return None
        return stamp[4]

    def _plain(self, relpath: str, status: os.stat_result) -> bool:
        """Whether the file is a regular file in a folder with no link on its way from the root."""
        return stat.S_ISREG(status.st_mode) and self._plain_folder(relpath)

    def _plain_folder(self, relpath: str) -> bool:
        folder = relpath.rpartition("/")[0]
        if folder not in self.plain_folders:
            self.plain_folders[folder] = plainly_below(self.root, self.root / folder) if folder else True
        return self.plain_folders[folder]

    def trust_held(self) -> bool:
        """Whether every file taken as unchanged (`reported`) still has the recorded stamp,
        and all else taken as unchanged still is (`checks`)."""
        for relpath in self.trusted:
            try:
                status = os.lstat(f"{self.root}/{relpath}")
            except OSError:
                return False
            if self.state.stamps.get(relpath, ())[:4] != stamp_of(status):
                return False
        return all(check() for check in self.checks)

    def record_file_key(self, relpath: str, stamp: FileStamp, key: str) -> None:
        """Keep the stamp of a file read, marked if it is racy (RACY_NS); none for a link or a
        file in a linked folder, which is always read again, even when a watcher reports
        nothing (`reported`): an edit of what it leads to is never reported as its own."""
        if key and stamp != NO_STAMP and self._plain_folder(relpath):
            racy = max(stamp[1], stamp[2]) >= time.time_ns() - RACY_NS
            self.state.stamps[relpath] = (*stamp, key, int(racy))
        else:
            self.state.stamps.pop(relpath, None)

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
