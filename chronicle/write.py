"""Output files -> the output folder, swapped in whole only when everything was written."""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path


class DuplicateOutputError(Exception):
    """Two pages claimed the same output path: a bug, or two ids that collide."""


class UnsafeOutputError(Exception):
    """The output folder would replace the site folder or a folder holding it."""


def collect(files: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Output path -> bytes, refusing to write one path twice."""
    collected: dict[str, bytes] = {}
    for path, data in files:
        if path in collected:
            raise DuplicateOutputError(f"two pages would be written to {path}")
        collected[path] = data
    return collected


def check_output_folder(out: Path, root: Path) -> None:
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents or out == Path(out.anchor) or out == Path.home():
        raise UnsafeOutputError(f"refusing to replace {out}: it holds the site folder")
    for protected in ("content", "seeds", "templates"):
        if out == root / protected or (root / protected) in out.parents:
            raise UnsafeOutputError(f"refusing to write into {out}: it is part of the content")
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"{out} exists and is not a folder")


def write_output(files: dict[str, bytes], out: Path) -> None:
    """Write `files` into a new folder beside `out`, then swap it in."""
    swap_in(out, lambda staging: [write_file(staging, path, data) for path, data in sorted(files.items())])


def swap_in(out: Path, fill: Callable[[Path], object]) -> None:
    """Let `fill` populate a new folder beside `out`, then swap it in; on failure `out` is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        fill(staging)
        os.chmod(staging, 0o755)
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, retired / "site")
            try:
                os.replace(staging, out)
            except BaseException:
                os.replace(retired / "site", out)  # put the previous output back
                shutil.rmtree(retired, ignore_errors=True)
                raise
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def update_in_place(out: Path, fill: Callable[[Path], object], stale: Iterable[str]) -> None:
    """Let `fill` write the changed files into a folder beside `out`; only when all of them
    were written, move each into `out` (one rename each) and delete the `stale` files.

    For rebuilds: the cost follows what changed, not the size of the site.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        fill(staging)
        for directory, _, names in os.walk(staging):
            for name in names:
                source = Path(directory, name)
                target = out / source.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for path in stale:
            target = out / path
            target.unlink(missing_ok=True)
            for parent in target.parents:
                if parent == out or any(parent.iterdir()):
                    break
                parent.rmdir()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def files_in(folder: Path) -> set[str]:
    """Every file under `folder`, as posix paths relative to it."""
    found: set[str] = set()
    pending = [("", str(folder))]
    while pending:
        prefix, directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((prefix + entry.name + "/", entry.path))
                else:
                    found.add(prefix + entry.name)
    return found


Chunks = bytes | Sequence[bytes]
"""A file's bytes, whole or in pieces: the largest files are written piece by piece, never
joined in memory."""


def joined(data: Chunks) -> bytes:
    return data if isinstance(data, bytes) else b"".join(data)


def write_file(folder: Path, path: str, data: Chunks) -> os.stat_result:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as stream:
        if isinstance(data, bytes):
            stream.write(data)
        else:
            stream.writelines(data)
    return target.stat()


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
