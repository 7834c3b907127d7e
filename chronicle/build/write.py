"""Output files -> files on disk (written whole, from a second thread, or reused), the output
folder's safety and its folders' stamps. Swapping them in: build.swap."""

from __future__ import annotations

import os
import queue
import shutil
import threading
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from chronicle.build.cache import user_cache_folder
from chronicle.render.theme import default_theme_dir


class DuplicateOutputError(Exception):
    """Two files claim the same output path: `claims` says what each is, and the site file
    that makes it where one does."""

    def __init__(self, path: str, claims: Sequence[tuple[str, str | None]] = ()) -> None:
        self.path, self.claims = path, tuple(claims)
        said = " and ".join(what + (f" ({where})" if where else "") for what, where in self.claims)
        super().__init__(f"two files would be written to {path}" + (f": {said}" if said else ""))


class UnsafeOutputError(Exception):
    """The output folder would replace the site folder or a folder holding it."""


OUTPUT_MARK = ".chronicle-output"
"""The file every build leaves in its output folder: the record that the folder is the
tool's to replace."""
OUTPUT_MARK_TEXT = b"This folder is written by chronicle's build; every build replaces it whole.\n"
# What an output folder of a version before OUTPUT_MARK holds.
_EARLIER_OUTPUT = (".nojekyll", "index.html", "sitemap.xml", "feed.xml")
_CONTENT = ("content", "seeds", "templates", "media")
"""The folders of a site the build reads its content from (`serve` watches the same)."""
_NEVER_OUT = (".git", ".chronicle-cache", *_CONTENT)
DEFAULT_OUTPUT = "site"
"""The output folder in the site folder when --out is not given."""


def check_output_folder(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement would destroy what the tool did not write:
    the site folder or a folder holding it, a folder the build reads (its content, .git,
    the git folder of a repository holding it, the cache, the default theme, the user's
    own cache folder), a folder inside one of those, a folder inside the default output
    folder (which a build without --out replaces whole), or an existing folder that is not an
    earlier output of this tool; and a link, which a build would replace by a folder of its
    own (the folder it led to then kept the earlier pages)."""
    if out.is_symlink():
        raise UnsafeOutputError(
            f"{out} is a link (to {os.readlink(out)}): give the folder itself as --out; a build "
            "replaces its output folder whole, and would replace the link, not what it leads to"
        )
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents or out == Path(out.anchor) or out == Path.home():
        raise UnsafeOutputError(f"refusing to replace {out}: it holds the site folder")
    for folder, what in _read_by_the_build(root):
        if out == folder or folder in out.parents:
            raise UnsafeOutputError(f"refusing to write into {out}: it is {what}")
    default = (root / DEFAULT_OUTPUT).resolve()
    if default in out.parents:
        raise UnsafeOutputError(
            f"refusing to write into {out}: it is inside {default}, the default output folder, "
            "which the next build without --out replaces whole"
        )
    for tool_folder, what in _TOOL_FOLDERS.items():
        if out in tool_folder().resolve().parents:  # the site's own are refused above, with the site
            raise UnsafeOutputError(f"refusing to replace {out}: it holds {what}")
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"{out} exists and is not a folder")
    if not out.is_dir():
        return
    names = {entry.name for entry in os.scandir(out)}
    if names & {".git", ".chronicle-cache"}:
        raise UnsafeOutputError(f"refusing to replace {out}: it holds a .git or .chronicle-cache folder")
    if names and OUTPUT_MARK not in names and not all(name in names for name in _EARLIER_OUTPUT):
        raise UnsafeOutputError(
            f"refusing to replace {out}: it holds files this tool did not write "
            "(choose an empty or new folder for --out)"
        )


_TOOL_FOLDERS = {default_theme_dir: "the default theme", user_cache_folder: "chronicle's own cache folder"}
"""The folders outside the site that every build reads."""


def _read_by_the_build(root: Path) -> list[tuple[Path, str]]:
    """Every folder a build of the site at (resolved) `root` reads, with what it is: each
    as named and, where it is a link, as it resolves."""
    found = [
        (root / name, "part of the content" if name in _CONTENT else f"the site's {name}")
        for name in _NEVER_OUT
    ]
    # `git log` in the site folder reads the repository holding it, wherever its .git is.
    found += [(parent / ".git", f"the git folder of {parent}") for parent in root.parents]
    found += [(tool_folder(), f"part of {what}") for tool_folder, what in _TOOL_FOLDERS.items()]
    resolved = []
    for folder, what in found:
        try:
            real = folder.resolve()
        except (OSError, RuntimeError):  # a loop of links
            continue
        if real != folder:
            resolved.append((real, what))
    return found + resolved


UNSURE = -1
"""The stamp of a folder changed so recently that a later change could leave its
modification time as it is (within one tick of the file system's clock): it is listed."""

# Wider than any file system's clock tick (ext4: a few ms; FAT: 2 s).
_RECENT_NS = 3_000_000_000


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder holding one of the relative `paths`, "" for the top one."""
    found = {""}
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def stamp_folders(top: Path, folders: Iterable[str]) -> dict[str, int]:
    """Folder -> modification time (ns), UNSURE for one changed within the last seconds.

    Adding, removing or renaming anything in a folder changes its time: with the stamps of
    every folder, a stat each tells that a tree still holds exactly the files it held.
    """
    recent = time.time_ns() - _RECENT_NS
    stamps: dict[str, int] = {}
    for folder in folders:
        try:
            mtime = os.stat(f"{top}/{folder}").st_mtime_ns
        except OSError:
            mtime = UNSURE
        stamps[folder] = mtime if mtime < recent else UNSURE
    return stamps


def restamp_folders(
    top: Path, stamps: Mapping[str, int], paths: Iterable[str], changed: Iterable[str]
) -> dict[str, int]:
    """The stamps after an in-place update of `top` that now holds `paths`: only the folders
    of the `changed` paths (written or deleted), new folders and UNSURE ones are stat'ed again."""
    now = folders_of(paths)
    kept = {folder: mtime for folder, mtime in stamps.items() if folder in now}
    again = folders_of(changed) | {folder for folder, mtime in kept.items() if mtime == UNSURE}
    return {**kept, **stamp_folders(top, sorted(now & again | now - kept.keys()))}


def holds_exactly(top: Path, paths: Collection[str], stamps: Mapping[str, int]) -> bool:
    """Whether `top` holds exactly the files `paths` (no more, no fewer), judged by the
    folders' stamps, listing only the folders whose stamp is UNSURE or differs."""
    if not stamps or stamps.keys() != folders_of(paths):
        return False
    unsure = []
    for folder, mtime in stamps.items():
        try:
            if mtime == UNSURE or os.stat(f"{top}/{folder}").st_mtime_ns != mtime:
                unsure.append(folder)
        except OSError:
            return False
    if not unsure:
        return True
    expected: dict[str, set[tuple[str, bool]]] = {folder: set() for folder in unsure}
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder in expected:
            expected[folder].add((name, False))
    for child in stamps:  # every folder: checked above
        folder, _, name = child.rpartition("/")
        if child and folder in expected:
            expected[folder].add((name, True))
    try:
        return all(_entries(f"{top}/{folder}") == names for folder, names in expected.items())
    except OSError:
        return False


def _entries(folder: str) -> set[tuple[str, bool]]:
    with os.scandir(folder) as entries:
        return {(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries}


Chunks = bytes | Sequence[bytes]
"""A file's bytes, whole or in pieces: the largest files are written piece by piece, never
joined in memory."""


def joined(data: Chunks) -> bytes:
    return data if isinstance(data, bytes) else b"".join(data)


_PIECES_BUFFER = 1 << 20

# The most pieces given to one writev call (the kernel's limit, IOV_MAX, is 1024 on Linux).
_PIECES_PER_WRITE = 1024


def write_file(folder: Path, path: str, data: Chunks) -> os.stat_result:
    """Write one file (its folder made if it is missing); its stat after writing."""
    target = f"{folder}/{path}"
    try:
        return _write(target, data)
    except FileNotFoundError:
        os.makedirs(target.rpartition("/")[0], exist_ok=True)
        return _write(target, data)


def _write(target: str, data: Chunks) -> os.stat_result:
    if not hasattr(os, "writev"):
        return _write_buffered(target, data)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        # A file given in thousands of small pieces goes out in large writes, copied once,
        # by the kernel, with Python's lock released: the writer thread barely holds it.
        pieces = [data] if isinstance(data, bytes) else data
        for start in range(0, len(pieces), _PIECES_PER_WRITE):
            batch = pieces[start : start + _PIECES_PER_WRITE]
            written = os.writev(descriptor, batch)
            if written < sum(map(len, batch)):  # a short write (a full disk, a signal)
                rest = memoryview(b"".join(batch))[written:]
                while rest:
                    rest = rest[os.write(descriptor, rest) :]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def _write_buffered(target: str, data: Chunks) -> os.stat_result:
    # With the default 8 KiB buffer, the kernel's work per write made the largest files
    # five times slower than with large writes.
    with open(target, "wb", buffering=_PIECES_BUFFER) as stream:
        stream.writelines([data] if isinstance(data, bytes) else data)
        stream.flush()
        return os.fstat(stream.fileno())


class ThreadedWriter:
    """Writes files from a second thread while this one renders the next (the writing, in
    the kernel, does not hold Python's lock); `stamps` gives each file's (size, mtime_ns).

    At most `ahead` files wait to be written, so that rendering cannot run far ahead in memory.
    """

    def __init__(self, folder: Path, ahead: int = 8) -> None:
        self.folder = folder
        self.stamps: dict[str, tuple[int, int]] = {}
        self.pending: queue.Queue[tuple[str, Chunks] | None] = queue.Queue(maxsize=ahead)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ThreadedWriter:
        self.thread.start()
        return self

    def write(self, path: str, data: Chunks) -> None:
        if self.error is not None:
            raise self.error
        self.pending.put((path, data))

    def __exit__(self, *exc: object) -> None:
        self.pending.put(None)
        self.thread.join()
        if self.error is not None and exc[0] is None:
            raise self.error

    def _run(self) -> None:
        while (job := self.pending.get()) is not None:
            if self.error is not None:
                continue  # keep taking jobs, so that the renderer is never blocked
            path, data = job
            try:
                status = write_file(self.folder, path, data)
                self.stamps[path] = (status.st_size, status.st_mtime_ns)
            except BaseException as error:  # reported in the rendering thread
                self.error = error


def reuse_file(old: Path, folder: Path, path: str) -> os.stat_result:
    """The previous build's file, hard-linked (same bytes, same stat) or copied when links fail."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, target)
    except OSError:
        shutil.copy2(old, target)
    return target.stat()
