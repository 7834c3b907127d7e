"""`import`: a TimelineJS spreadsheet exported as CSV -> content/events/<slug>.yaml, one per row.

All or nothing: every problem of the file is printed as `FILE:ROW:COL: error: MESSAGE`, and
one error means nothing is written (exit 1). Otherwise every file is written, never over an
existing one, its path printed, and the rows that still lack a source or a summary are
reported as warnings (exit 0). See chronicle.authoring.timelinejs_import for how a row is read.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from chronicle.authoring.schema import provide_site_schemas
from chronicle.authoring.timelinejs_import import read_timelinejs_csv
from chronicle.model.diagnostics import inert, one_line
from chronicle.source.events import EVENTS_DIR


def run(args: argparse.Namespace, today: datetime.date | None = None) -> int:
    root = Path(args.root)
    file = Path(args.file)
    shown = one_line(str(args.file))
    try:
        data = file.read_bytes()
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
