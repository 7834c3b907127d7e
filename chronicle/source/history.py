"""Git history of the event files, read with one `git log` for the whole folder.

Besides the commit that added each file (the default of `added`), it gives each event its
substantive changes (the default of `updated`, and the history shown on its page): every
commit that touched the file, except those marked minor (see `is_minor`).
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

from chronicle.model.records import Change

SHORT_SHA = 7
MINOR_PREFIXES = ("minor:", "minor(", "typo:", "fixup!", "squash!", "amend!")
"""A commit whose subject starts with one of these (any case) is not a substantive change."""
MINOR_MARK = "[minor]"
"""... nor one whose subject contains this anywhere."""

_RECORD = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date
    subject: str


@dataclass(frozen=True)
class FileHistory:
    """Commits that touched one file, oldest first; `added` is the commit that added it."""

    commits: tuple[Commit, ...]
    added: Commit | None


def read_history(root: Path, folder: str) -> dict[str, FileHistory] | None:
    """Root-relative path -> history; None when the site folder is not in a git repository."""
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "-C",
        str(root),
        "log",
        "--relative",
        "--no-renames",
        "--name-status",
        f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%s",
        "--",
        folder,
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return parse_log(result.stdout)


def parse_log(output: str) -> dict[str, FileHistory]:
    touched: dict[str, list[Commit]] = {}
    added: dict[str, Commit] = {}
    for record in output.split(_RECORD)[1:]:
        header, _, body = record.partition("\n")
        sha, iso_date, subject = header.split(_FIELD, 2)
        commit = Commit(sha, datetime.date.fromisoformat(iso_date[:10]), subject)
        for line in body.splitlines():
            status, _, path = line.partition("\t")
            if not path:
                continue
            touched.setdefault(path, []).append(commit)
            if status.startswith("A"):
                added[path] = commit  # log is newest first: the last seen is the first add
    return {path: FileHistory(tuple(reversed(commits)), added.get(path)) for path, commits in touched.items()}


def is_minor(subject: str) -> bool:
    """A commit an editor marked as changing nothing a reader needs to know about."""
    folded = subject.strip().casefold()
    return folded.startswith(MINOR_PREFIXES) or MINOR_MARK in folded


@dataclass(frozen=True)
class EventHistory:
    """What git says about one event file, for its event."""

    changes: tuple[Change, ...]
    """The substantive commits, oldest first; the commit that added the file always counts."""
    last_edit: datetime.date | None
    """Date of the last substantive commit after the one that added the file: `updated`'s default."""


NO_HISTORY = EventHistory((), None)


def event_history(record: FileHistory | None) -> EventHistory:
    if record is None:
        return NO_HISTORY
    kept = [c for c in record.commits if c == record.added or not is_minor(c.subject)]
    edits = [c for c in kept if c != record.added]
    return EventHistory(
        tuple(Change(c.date, c.sha[:SHORT_SHA], c.subject) for c in kept),
        edits[-1].date if edits else None,
    )
