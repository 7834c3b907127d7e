"""Git history of the event files, read with one `git log` for the whole folder."""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
