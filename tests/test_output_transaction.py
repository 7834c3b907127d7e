"""A rebuild that fails while it moves its files into the output folder leaves the folder
exactly as the previous build left it (red team 21, R2), and says so only when it is true.

Failures are injected in-process: the Nth call of any step that changes the output folder
(an exchange of two files, a rename, a new folder, a removal) fails, for every N until the
update gets through; each time the folder must hold the previous build's files and folders,
byte for byte, with nothing left beside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES

from chronicle import cli
from chronicle.build import swap
from chronicle.build.swap import OutputNotRestoredError, swap_in, update_in_place
from chronicle.build.write import write_file

Tree = dict[str, tuple[str, bytes | None, int]]


def tree(folder: Path) -> Tree:
    """Every file and folder under `folder`: kind, bytes (files) and permission bits."""
    found: Tree = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        kind = "folder" if stat.S_ISDIR(status.st_mode) else "file"
        data = path.read_bytes() if kind == "file" else None
        found[path.relative_to(folder).as_posix()] = (kind, data, stat.S_IMODE(status.st_mode))
    return found


def beside(out: Path) -> list[str]:
    return sorted(entry.name for entry in out.parent.iterdir() if entry.name != out.name)


OLD = {
    "index.html": b"<p>old home</p>",
    "feed.xml": b"<rss>old</rss>",
    "events/kept/index.html": b"kept",
    "events/changed/index.html": b"old event",
    "events/gone/index.html": b"gone",
    "tags/gone/deep/index.html": b"gone deep",
    "tags/stays/index.html": b"old tag",
}
NEW = {
    "index.html": b"<p>new home</p>",
    "events/changed/index.html": b"new event",
    "events/new/index.html": b"new event page",
    "tags/new/deep/index.html": b"new deep",
    "tags/stays/index.html": b"new tag",
    "data/events.json": b"[]",
}
STALE = ["events/gone/index.html", "tags/gone/deep/index.html", "feed.xml"]


def previous_output(parent: Path) -> Path:
    out = parent / "site"
    for path, data in OLD.items():
        write_file(out, path, data)
    (out / "events" / "kept").chmod(0o750)  # an odd mode, kept as it is
    (out / "tags" / "gone").chmod(0o700)  # a folder the update removes, then makes again
    return out


def fill(staging: Path) -> None:
    for path, data in NEW.items():
        write_file(staging, path, data)


STEPS = ("rename", "replace", "mkdir", "rmdir", "unlink")


@contextmanager
def failing_at(monkeypatch: pytest.MonkeyPatch, number: int, then_all: bool = False) -> Iterator[list[str]]:
    """The `number`th step changing a folder fails (with `then_all`, every one after it too);
    yields the steps called."""
    calls: list[str] = []

    def wrap(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def step(*args: object, **kwargs: object) -> object:
            calls.append(name)
            if len(calls) == number or (then_all and len(calls) > number):
                raise OSError(errno.EIO, "Input/output error", str(args[-1]))
            return real(*args, **kwargs)

        return step

    for name in STEPS:
        monkeypatch.setattr(os, name, wrap(name, getattr(os, name)))
    monkeypatch.setattr(swap, "exchange_files", wrap("exchange", swap.exchange_files))
    try:
        yield calls
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("exchanges", [True, False], ids=["exchanges", "no-exchanges"])
def test_a_failure_at_any_step_of_the_move_leaves_the_output_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchanges: bool
) -> None:
    failed_in_the_move = 0
    for number in range(1, 500):
        parent = tmp_path / str(number)
        out = previous_output(parent)
        before = tree(out)
        if not exchanges:  # a system without renameat2: old files are moved aside instead
            monkeypatch.setattr(swap, "_renameat2", lambda: None)
        with failing_at(monkeypatch, number) as calls:
            try:
                update_in_place(out, fill, STALE)
            except OSError:
                pass
            else:  # the failure was one the update may meet (a folder there already): all done
                assert files_of(out) == UPDATED, f"failure at step {number} ({calls[number - 1]})"
                if number > len(calls):
                    break
                continue
        failed_in_the_move += "exchange" in calls or "rename" in calls
        assert tree(out) == before, f"failure at step {number} ({calls[number - 1]})"
        assert beside(out) == [], f"left beside the output after a failure at step {number}"
    else:
        pytest.fail("the update never got through")
    assert failed_in_the_move > len(NEW)  # failures while files were in the move, not only before
    assert not (out / "tags" / "gone").exists()


UPDATED = {**{path: data for path, data in OLD.items() if path not in STALE}, **NEW}


def files_of(out: Path) -> dict[str, bytes | None]:
    return {path: data for path, (kind, data, _) in tree(out).items() if kind == "file"}


def test_an_update_in_place_moves_the_files_in_and_leaves_nothing_beside(tmp_path: Path) -> None:
    out = previous_output(tmp_path)
    update_in_place(out, fill, STALE)
    assert files_of(out) == UPDATED and beside(out) == []
    assert tree(out)["events/kept"][2] == 0o750  # folders it did not need to touch, as they were


def test_a_failure_the_move_cannot_undo_says_so_and_keeps_the_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_output(tmp_path)
    with failing_at(monkeypatch, 16, then_all=True), pytest.raises(OutputNotRestoredError) as caught:
        update_in_place(out, fill, STALE)
    error = caught.value
    assert error.out == out and error.problems
    assert isinstance(error.error, OSError)
    assert all(folder.exists() for folder in error.kept)  # the previous versions, to put back
    lines = cli_lines(error)
    assert "is NOT as it was" in lines[1] and not any(line.endswith("is as it was") for line in lines)
    assert all(str(folder) in lines[2] for folder in error.kept)


def cli_lines(error: OutputNotRestoredError) -> list[str]:
    from chronicle.commands.build import write_failed

    return write_failed(error, error.out)


def test_ctrl_c_during_the_move_waits_for_it_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path)
    real = swap.exchange_files
    calls: list[Path] = []

    def interrupted(source: Path, target: Path) -> bool | None:
        calls.append(target)
        if len(calls) == 2:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C halfway through the move, to this very thread
        return real(source, target)

    monkeypatch.setattr(swap, "exchange_files", interrupted)
    # Ctrl-C as Python sets it up, whatever an earlier test in this worker process left.
    earlier = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            update_in_place(out, fill, STALE)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, earlier)
    assert files_of(out) == UPDATED
    assert len(calls) == len(NEW) and beside(out) == []


def test_a_swap_that_cannot_put_the_previous_output_back_says_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = previous_output(tmp_path)
    before = tree(out)
    monkeypatch.setattr(swap, "exchange_folders", lambda first, second: False)  # no exchanges
    real_replace = os.replace
    calls: list[str] = []

    def failing(source: str | Path, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) >= 2:  # the new output cannot take its place, nor the old one go back
            raise OSError(errno.EROFS, "Read-only file system", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputNotRestoredError) as caught:
        swap_in(out, fill)
    monkeypatch.undo()
    (kept,) = caught.value.kept
    assert tree(kept) == before  # the previous output, whole, where the message says
    assert str(kept) in cli_lines(caught.value)[2]


# --------------------------------------------------------------------------- the build command


def site_with_a_build(tmp_path: Path) -> Path:
    root = tmp_path / "site-folder"
    shutil.copytree(FIXTURES / "minimal", root)
    assert cli.main(["build", "--root", str(root), "--jobs", "1"]) == 0
    event = root / "content" / "events" / "first-event.yaml"
    text = event.read_text(encoding="utf-8")
    text = text.replace("tags: [diplomacy]", "tags: [rivers]")  # a new topic's folder, an old one gone
    event.write_text(text.replace("title: Alpha officials", "title: Changed officials"), encoding="utf-8")
    return root


def test_a_rebuild_failing_while_it_moves_files_in_leaves_the_output_as_the_last_build_left_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_with_a_build(tmp_path)
    out, cache = root / "site", root / ".chronicle-cache"
    before = tree(out)
    kept = tmp_path / "kept"
    for folder in (out, cache):  # copied with each file's modification time: the cache's stamps hold
        shutil.copytree(folder, kept / folder.name, symlinks=True)
    failures = 0
    for number in range(1, 1000, 5):
        for folder in (out, cache):
            shutil.rmtree(folder)
            shutil.copytree(kept / folder.name, folder, symlinks=True)
        capsys.readouterr()
        with failing_at(monkeypatch, number) as calls:
            code = cli.main(["build", "--root", str(root), "--jobs", "1"])
        said = capsys.readouterr().err
        if code == 0:  # past the last step, or a failure the build may meet (a folder there already)
            if number > len(calls):
                break
            continue
        failures += 1
        assert code == 1 and "internal error" not in said, said
        assert said.rstrip().endswith(f"{out} is as it was"), said
        assert tree(out) == before, f"failure at step {number} ({calls[number - 1]}):\n{said}"
        assert sorted(entry.name for entry in root.iterdir() if entry.name.startswith(".site")) == []
    else:
        pytest.fail("the build never got through")
    assert failures >= 5
    # The next build, after the failures, gives what a cold build gives.
    assert cli.main(["build", "--root", str(root), "--jobs", "1"]) == 0
    cold = tmp_path / "cold"
    assert cli.main(["build", "--root", str(root), "--out", str(cold), "--no-cache", "--jobs", "1"]) == 0
    assert tree(out) == tree(cold)


def test_an_output_folder_that_is_a_link_is_replaced_and_the_link_removed_not_what_it_leads_to(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    write_file(elsewhere, "theirs.txt", b"not the build's")
    site = tmp_path / "site"
    site.mkdir()
    out = site / "site"
    out.symlink_to(elsewhere)
    swap_in(out, fill)
    assert not out.is_symlink() and files_of(out) == NEW
    assert beside(out) == []
    assert files_of(elsewhere) == {"theirs.txt": b"not the build's"}


def test_a_link_an_earlier_build_left_beside_the_output_is_removed_not_what_it_leads_to(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    write_file(elsewhere, "theirs.txt", b"not the build's")
    site = tmp_path / "site"
    site.mkdir()
    (site / ".site.new-999999999-abcd1234").symlink_to(elsewhere)  # no such process
    swap_in(site / "site", fill)
    assert beside(site / "site") == []
    assert files_of(elsewhere) == {"theirs.txt": b"not the build's"}


@pytest.mark.parametrize("pid", ["\u00b2", "\u0661\u0662"])
def test_a_leftover_whose_process_number_is_no_ascii_number_is_removed_without_a_crash(
    tmp_path: Path, pid: str
) -> None:
    site = tmp_path / "site"
    (site / f".site.new-{pid}-abcd1234").mkdir(parents=True)
    swap_in(site / "site", fill)
    assert beside(site / "site") == []
