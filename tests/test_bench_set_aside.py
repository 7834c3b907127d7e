"""The benchmark moves earlier outputs aside during timing and deletes them only at the end."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

RUN_PY = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench_run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def test_moved_output_keeps_its_files_until_emptied(bench_run: ModuleType, tmp_path: Path) -> None:
    output = tmp_path / "cold-out"
    (output / "events").mkdir(parents=True)
    (output / "events" / "index.html").write_text("page")
    inode = (output / "events" / "index.html").stat().st_ino
    set_aside = bench_run.SetAside(tmp_path / "set-aside")

    set_aside.move(output)

    assert not output.exists()
    [moved] = (tmp_path / "set-aside").iterdir()
    assert (moved / "events" / "index.html").stat().st_ino == inode


def test_same_name_moved_twice_keeps_both(bench_run: ModuleType, tmp_path: Path) -> None:
    set_aside = bench_run.SetAside(tmp_path / "set-aside")
    for text in ("first", "second"):
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "file").write_text(text)
        set_aside.move(tmp_path / "out")

    kept = sorted(p.read_text() for p in (tmp_path / "set-aside").glob("*/file"))
    assert kept == ["first", "second"]


def test_missing_path_is_not_an_error(bench_run: ModuleType, tmp_path: Path) -> None:
    set_aside = bench_run.SetAside(tmp_path / "set-aside")

    set_aside.move(tmp_path / "never-built")

    assert not (tmp_path / "set-aside").exists()


def test_empty_deletes_everything_moved(bench_run: ModuleType, tmp_path: Path) -> None:
    set_aside = bench_run.SetAside(tmp_path / "set-aside")
    (tmp_path / "out").mkdir()
    set_aside.move(tmp_path / "out")

    set_aside.empty()

    assert not (tmp_path / "set-aside").exists()


def test_no_wait_when_nothing_was_ever_emptied(bench_run: ModuleType, tmp_path: Path) -> None:
    assert bench_run.SetAside(tmp_path / "set-aside").wait_after_emptying() == 0.0


def test_emptying_is_remembered_for_the_next_run(bench_run: ModuleType, tmp_path: Path) -> None:
    set_aside = bench_run.SetAside(tmp_path / "set-aside")
    (tmp_path / "out").mkdir()
    set_aside.move(tmp_path / "out")
    set_aside.empty()

    next_run = bench_run.SetAside(tmp_path / "set-aside")
    remembered = float(next_run.stamp.read_text())
    assert 0 <= time.time() - remembered < bench_run.FREED_INODES_WINDOW_S


def test_wait_ends_when_the_window_has_passed(bench_run: ModuleType, tmp_path: Path) -> None:
    set_aside = bench_run.SetAside(tmp_path / "set-aside")
    set_aside.stamp.write_text(f"{time.time() - bench_run.FREED_INODES_WINDOW_S + 0.2}\n")

    waited = set_aside.wait_after_emptying()

    assert 0 < waited <= 0.2
