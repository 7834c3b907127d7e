"""Black-box builds and byte-for-byte comparison of output folders, for the golden and cache tests.

The build is driven only through its command line (`build.py build ...` in a subprocess), so
these helpers hold whatever the engine's modules become.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUB_PATH_URL = "https://example.github.io/REPO/"
CACHE_DIRNAME = ".chronicle-cache"
DIFF_LINES = 30


def build_command(root: Path, out: Path, *options: str) -> list[str]:
    return [
        sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out),
        "--base-url", SUB_PATH_URL, *options,
    ]


def start_build(root: Path, out: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        build_command(root, out, *options), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish_build(process: subprocess.Popen[str], what: str) -> str:
    """Waits for a build started by `start_build`; it must succeed. Returns its output."""
    stdout, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, f"{what} exited {process.returncode}:\n{stdout}{stderr}"
    return stdout


def build(root: Path, out: Path, *options: str) -> str:
    return finish_build(start_build(root, out, *options), "build " + " ".join(options))


def copy_site(source: Path, target: Path) -> Path:
    """A copy of a site folder without its build cache: what a fresh checkout would hold."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(CACHE_DIRNAME))
    return target


def tree_files(folder: Path) -> dict[str, Path]:
    """Every file under `folder`, by its POSIX path relative to it."""
    return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}


def first_difference(expected: Path, actual: Path) -> str | None:
    """None when both folders hold the same files with the same bytes; else the first difference
    (in path order): a file missing from `actual`, one only in `actual`, or one whose bytes differ,
    with a short unified diff when both sides are UTF-8 text."""
    expected_files, actual_files = tree_files(expected), tree_files(actual)
    for path in sorted(expected_files.keys() | actual_files.keys()):
        if path not in actual_files:
            return f"{path}: missing (in {expected}, not in {actual})"
        if path not in expected_files:
            return f"{path}: extra (in {actual}, not in {expected})"
        old, new = expected_files[path].read_bytes(), actual_files[path].read_bytes()
        if old != new:
            return f"{path}: differs ({len(old)} bytes expected, {len(new)} bytes got)\n" + _excerpt(
                path, old, new
            )
    return None


def _excerpt(path: str, old: bytes, new: bytes) -> str:
    try:
        old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
    except UnicodeDecodeError:
        return "(binary file)"
    diff = difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=f"expected/{path}", tofile=f"got/{path}", n=2,
    )
    lines = [line if line.endswith("\n") else line + "\n" for line in diff]
    shown = "".join(line if len(line) <= 300 else line[:300] + "...\n" for line in lines[:DIFF_LINES])
    if len(lines) > DIFF_LINES:
        shown += f"... ({len(lines) - DIFF_LINES} more diff lines)\n"
    return shown
