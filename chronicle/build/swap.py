"""The output folder changed in one step: filled beside it and swapped in whole, or (a
rebuild) updated in place file by file as one transaction, undone on any failure. Either
way a build that fails leaves the previous output folder exactly as it was, or says that it
could not."""

from __future__ import annotations

import errno
import functools
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any


class OutputNotRestoredError(Exception):
    """A write into the output folder failed, and putting the previous output back failed
    too: the folder is not as it was. Says where the previous files are kept."""

    def __init__(
        self, out: Path, error: BaseException, problems: Sequence[str], kept: Sequence[Path]
    ) -> None:
        self.out, self.error, self.problems, self.kept = out, error, tuple(problems), tuple(kept)
        super().__init__(
            f"{out} is partly updated: putting the previous output back failed too "
            f"({'; '.join(self.problems)})"
        )


def swap_in(out: Path, fill: Callable[[Path], object]) -> None:
    """Let `fill` populate a new folder beside `out`, then swap it in; on failure `out` is
    untouched. The swap is one atomic exchange of the two folders where the system has one
    (Linux), so that no moment leaves no output folder at all; elsewhere the previous output
    is moved aside and back if the new one cannot take its place (OutputNotRestoredError
    when even that fails)."""
    staging = new_staging(out)
    try:
        fill(staging)
        os.chmod(staging, 0o755)
        with _signals_held():
            if not out.exists():
                os.replace(staging, out)
                return
            exchanged = exchange_folders(staging, out)
            if not exchanged:
                _replace_folder(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if exchanged:
        _discard(staging)  # the previous output, now at staging


def _replace_folder(out: Path, staging: Path) -> None:
    """`staging` in place of `out` where folders cannot be exchanged: `out` moved aside first."""
    retired = Path(tempfile.mkdtemp(prefix=_staging_prefix(out, "old"), dir=out.parent))
    os.replace(out, retired / "site")
    try:
        os.replace(staging, out)
    except BaseException as error:
        try:
            os.replace(retired / "site", out)  # put the previous output back
        except OSError as problem:
            said = f"cannot move {retired / 'site'} back to {out}: {problem.strerror or problem}"
            raise OutputNotRestoredError(out, error, [said], [retired / "site"]) from error
        shutil.rmtree(retired, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _staging_prefix(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}-{os.getpid()}-"


def new_staging(out: Path) -> Path:
    """A new folder beside `out` to build into; folders left there by killed builds go first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    return Path(tempfile.mkdtemp(prefix=_staging_prefix(out, "new"), dir=out.parent))


def remove_leftovers(out: Path) -> None:
    """Delete the staging folders of builds of `out` whose process has ended."""
    for entry in os.scandir(out.parent):
        for kind in ("new", "old"):
            prefix = f".{out.name}.{kind}-"
            left = entry.is_dir(follow_symlinks=False) or entry.is_symlink()
            if not entry.name.startswith(prefix) or not left:
                continue
            pid = entry.name[len(prefix) :].partition("-")[0]
            if not (pid.isascii() and pid.isdigit()) or not _running(int(pid)):
                _discard(entry.path)


def _discard(path: Path | str) -> None:
    """Delete what a build left beside the output. A previous output that was a link (to an
    earlier output, a folder elsewhere) is exchanged out as the link: the link goes, never
    what it leads to (rmtree refuses a link, which would be left behind at every build)."""
    if os.path.islink(path):
        with suppress(OSError):
            os.unlink(path)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM held back while the output folder is being changed (and, on
    a failure, put back), then acted on as they would have been: a change of the output
    folder is never cut short halfway. Only the main thread can hold them; elsewhere (a
    thread of a test) the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[signal.Signals, Any] = {}
    for held in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(held)
        if handler is None:  # set outside Python: left alone
            continue
        previous[held] = handler
        signal.signal(held, lambda received, _frame: caught.append(received))
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, handler)
        for received in dict.fromkeys(caught):
            signal.raise_signal(received)


def exchange_folders(first: Path, second: Path) -> bool:
    """Exchange two folders in one atomic step (Linux's renameat2); False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    paths = (os.fsencode(first), os.fsencode(second))
    return bool(renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0)


@functools.cache
def _renameat2() -> Any:
    """Linux's renameat2 through ctypes; None where the C library has none."""
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (ImportError, OSError, AttributeError):
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return renameat2


def exchange_files(source: Path, target: Path) -> bool | None:
    """Put the file `source` in place of `target` in one atomic step, leaving the old one at
    `source` (Linux's renameat2 RENAME_EXCHANGE): True when done; False when there is no file
    at `target` (nothing done); None where the system cannot exchange files (nothing done).
    Any other failure raises OSError.

    Why not os.replace: ext4 flushes a file renamed over an existing one to disk before the
    rename returns (its guard against empty files after a crash), about 3 ms per MB here;
    an exchange does not, and the old file is kept (and deleted with the staging folder).
    """
    renameat2 = _renameat2()
    if renameat2 is None:
        return None
    if renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    number = ctypes.get_errno()
    if number == errno.ENOENT:
        return False
    if number in _NO_EXCHANGE:
        return None
    raise OSError(number, os.strerror(number), str(target))


# What renameat2 says where a kernel or a file system has no exchange.
_NO_EXCHANGE = frozenset((errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP))


def update_in_place(out: Path, fill: Callable[[Path], object], stale: Iterable[str]) -> None:
    """Let `fill` write the changed files into a folder beside `out`; only when all of them
    were written, move each into `out` (one rename each) and delete the `stale` files.

    For rebuilds: the cost follows what changed, not the size of the site. The move is one
    transaction: every file it replaces or deletes is kept (the replaced ones exchanged into
    the staging folder, the others moved into a folder beside `out`), and on any failure
    (Ctrl-C and SIGTERM wait for it to end) each is put back, every file and folder it added
    removed, before the error is raised: `out` is then exactly as it was. When even that
    fails, OutputNotRestoredError says so and where the kept files are.
    """
    staging = new_staging(out)
    move = _Move(out, staging)
    try:
        fill(staging)
        with _signals_held():
            move.carry_out(stale)
    except OutputNotRestoredError:
        raise  # what the move replaced stays in `staging` and `backup`, as the error says
    except BaseException:
        _remove(staging, move.backup)
        raise
    _remove(staging, move.backup)


def _remove(*folders: Path | None) -> None:
    for folder in folders:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


class _Move:
    """The files of a staging folder moved into the output folder, and stale files out of it,
    each step written down so that all of them can be undone."""

    def __init__(self, out: Path, staging: Path) -> None:
        self.out, self.staging = out, staging
        self.backup: Path | None = None
        """Beside `out`, made when a file is first moved aside (a stale one, or any replaced
        one where files cannot be exchanged): most rebuilds need none."""
        self.exchanges = True
        self.done: list[tuple[str, Path, Path | int | None]] = []
        """Each step taken, in order: ("exchanged", old file now in staging, file in `out`),
        ("moved", kept file, where it was), ("added", file), ("made", folder),
        ("removed", folder, its mode)."""

    def carry_out(self, stale: Iterable[str]) -> None:
        """Every file in, every stale file out; on any failure, all of it undone and the
        error raised (OutputNotRestoredError when it cannot all be undone)."""
        try:
            self.files_in()
            self.stale_out(stale)
        except BaseException as error:
            problems = self.undo()
            if problems:
                raise OutputNotRestoredError(
                    self.out, error, problems, [folder for folder in (self.backup, self.staging) if folder]
                ) from error
            raise

    def files_in(self) -> None:
        for directory, _, names in os.walk(self.staging):
            for name in names:
                source = Path(directory, name)
                relative = source.relative_to(self.staging)
                self._put(source, self.out / relative, relative)

    def _put(self, source: Path, target: Path, relative: Path) -> None:
        self._make_folders(target.parent)
        if self.exchanges:
            exchanged = exchange_files(source, target)
            if exchanged:
                self.done.append(("exchanged", source, target))  # the previous version, left in staging
                return
            self.exchanges = exchanged is not None
        if os.path.lexists(target):  # a system without exchanges: the previous file kept aside
            self._keep(target, relative)
        os.rename(source, target)
        self.done.append(("added", target, None))

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not os.path.isdir(folder) and folder != self.out:
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            os.mkdir(made)
            self.done.append(("made", made, None))

    def _keep(self, target: Path, relative: Path) -> None:
        if self.backup is None:
            self.backup = Path(tempfile.mkdtemp(prefix=_staging_prefix(self.out, "old"), dir=self.out.parent))
        kept = self.backup / relative
        os.makedirs(kept.parent, exist_ok=True)
        os.rename(target, kept)
        self.done.append(("moved", kept, target))

    def stale_out(self, stale: Iterable[str]) -> None:
        for path in stale:
            target = self.out / path
            if os.path.lexists(target):
                self._keep(target, Path(path))
            for parent in target.parents:
                if parent == self.out or not os.path.isdir(parent) or not _empty(parent):
                    break
                mode = os.stat(parent).st_mode
                os.rmdir(parent)
                self.done.append(("removed", parent, mode))

    @staticmethod
    def _said(step: str, path: Path, other: Path | int | None) -> str:
        return {
            "exchanged": f"cannot put {other} back (the previous file is {path})",
            "moved": f"cannot move {path} back to {other}",
            "added": f"cannot remove the new file {path}",
            "made": f"cannot remove the new folder {path}",
            "removed": f"cannot make the folder {path} again",
        }[step]

    def undo(self) -> list[str]:
        """Every step undone, the last first; what could not be undone (none: `out` is as it was)."""
        problems = []
        for step, path, other in reversed(self.done):
            try:
                if step == "exchanged":
                    assert isinstance(other, Path)
                    os.replace(path, other)
                elif step == "moved":
                    assert isinstance(other, Path)
                    os.rename(path, other)
                elif step == "added":
                    os.unlink(path)
                elif step == "made":
                    os.rmdir(path)
                else:
                    assert isinstance(other, int)
                    os.mkdir(path)
                    os.chmod(path, other & 0o7777)
            except OSError as problem:
                problems.append(f"{self._said(step, path, other)}: {problem.strerror or problem}")
        return problems


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
