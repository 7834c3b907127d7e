"""`import`: a TimelineJS spreadsheet exported as CSV -> content/events/<slug>.yaml, one per row.

All or nothing: every problem of the file is printed as `FILE:ROW:COL: error: MESSAGE`, and
one error means nothing is written (exit 1). Otherwise every file is written, never over an
existing one, its path printed, and the rows that still lack a source or a summary are
reported as warnings (exit 0). See chronicle.authoring.timelinejs_import for how a row is read.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import os
import stat
import sys
from pathlib import Path

from chronicle.authoring.schema import SCHEMA_DIR, provide_site_schemas
from chronicle.authoring.timelinejs_import import read_timelinejs_csv
from chronicle.authoring.written_folders import folders_problem
from chronicle.model.diagnostics import inert, one_line
from chronicle.source.events import EVENTS_DIR

MAX_SHEET_BYTES = 50_000_000
"""A larger file is refused, before it is read: no spreadsheet of events is anywhere near it."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of the regular file at `path`; anything else (a named pipe, which would block
    the read until something writes to it, a device, a folder) or a file over MAX_SHEET_BYTES
    raises OSError. Opened without waiting for a pipe's writer, then checked."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a CSV file is needed)")
        data = handle.read(MAX_SHEET_BYTES + 1) if status.st_size <= MAX_SHEET_BYTES else b""
        if status.st_size > MAX_SHEET_BYTES or len(data) > MAX_SHEET_BYTES:
            raise OSError(errno.EFBIG, f"larger than {MAX_SHEET_BYTES // 1_000_000} MB")
        return data


def run(args: argparse.Namespace, today: datetime.date | None = None) -> int:
    root = Path(args.root)
    file = Path(args.file)
    shown = one_line(str(args.file))
    folder = folders_problem(root, EVENTS_DIR, SCHEMA_DIR)
    if folder is not None:
        message = f"error: {folder}; nothing written (replace the link with a plain folder)"
        print(inert(message), file=sys.stderr)
        return 2
    try:
        data = read_regular_file(file)
    except OSError as exc:
        print(f"error: cannot read {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        print(f"{shown}:{line}:1: error: not UTF-8 text (export the sheet as CSV, UTF-8)", file=sys.stderr)
        return 1
    events_dir = root / EVENTS_DIR

    def exists(slug: str) -> bool:
        path = events_dir / f"{slug}.yaml"
        return path.exists() or path.is_symlink()

    result = read_timelinejs_csv(text, today or datetime.date.today(), exists, origin=file.name)
    for problem in result.problems:
        print(inert(problem.format(shown)), file=sys.stderr)
    if not result.ok:
        count = sum(problem.severity == "error" for problem in result.problems)
        print(f"{count} error{'s' if count != 1 else ''}: nothing written", file=sys.stderr)
        return 1
    events_dir.mkdir(parents=True, exist_ok=True)
    for event in result.events:
        path = events_dir / f"{event.slug}.yaml"
        with path.open("x", encoding="utf-8") as handle:  # "x": never over a file that appeared since
            handle.write(event.text)
        print(path)
    provide_site_schemas(root)
    return 0
