"""Git history of the event files, read with one `git log` for the whole folder.

Besides the commit that added each file (the default of `added`), it gives each event its
substantive changes (the default of `updated`, and the history shown on its page): every
commit that touched the file, except those marked minor (see `is_minor`). Those after the
commit that added the file are its corrections; what each changed is read by `revisions`.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from chronicle.model.records import Change, FieldChange

SHORT_SHA = 7
MINOR_PREFIXES = ("minor:", "minor(", "typo:", "fixup!", "squash!", "amend!")
"""A commit whose subject starts with one of these (any case) is not a substantive change."""
MINOR_MARK = "[minor]"
"""... nor one whose subject contains this anywhere."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime.date
    subject: str


Blobs = tuple[str, str]
"""The ids of a file's content before and after a commit (all zeros: none, the file added or
deleted)."""


@dataclass(frozen=True)
class FileHistory:
    """Commits that touched one file, oldest first; `added` is the commit that added it."""

    commits: tuple[Commit, ...]
    added: Commit | None
    blobs: tuple[Blobs, ...] = ()
    """The file's content before and after each of `commits`, in the same order."""


@dataclass(frozen=True)
class GitHistory:
    """What git says of a folder: `files` is None outside a repository or when git failed;
    `problem` says, in a sentence, why git could not be read or may be wrong (a shallow clone)."""

    files: dict[str, FileHistory] | None
    problem: str | None = None


def read_history(root: Path, folder: str) -> GitHistory:
    """Root-relative path -> history of every file git knows in `folder`."""
    # NUL cannot occur in a commit's subject: it separates the fields unambiguously.
    log = _git(
        root,
        "log",
        "--relative",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--format=%x00%H%x00%aI%x00%s",
        "--",
        folder,
    )
    if isinstance(log, GitHistory):
        return log
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    problem = None
    if isinstance(shallow, str) and shallow.strip() == "true":
        problem = (
            "this is a shallow clone of the repository: git knows only its last commits, so "
            "`added` and `updated` dates from git may be wrong (clone with the full history, "
            "e.g. fetch-depth: 0 in GitHub Actions)"
        )
    return GitHistory(parse_log(log), problem)


def _git(root: Path, *args: str) -> str | GitHistory:
    """git's output, or the GitHistory that says why there is none."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), *args]
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
    except FileNotFoundError:
        return GitHistory(
            None, "git is not installed (not found on PATH): `added` dates fall back to the events' dates"
        )
    except (OSError, subprocess.SubprocessError) as error:
        return GitHistory(None, f"git could not run ({error}): `added` dates fall back to the events' dates")
    if result.returncode == 0:
        return result.stdout
    if "not a git repository" in result.stderr:
        return GitHistory(None)
    if "does not have any commits yet" in result.stderr:
        return GitHistory({})  # a new repository: it knows no file yet
    reason = " ".join(result.stderr.split())[:200] or f"exit status {result.returncode}"
    return GitHistory(None, f"git failed ({reason}): `added` dates fall back to the events' dates")


def parse_log(output: str) -> dict[str, FileHistory]:
    """`git log --raw` in the format read_history asks for -> each file's history.
    A commit whose date git gives in a form that is not a date (a year past 9999) is left out."""
    touched: dict[str, list[tuple[Commit, Blobs]]] = {}
    added: dict[str, Commit] = {}
    fields = output.split("\x00")
    for at in range(1, len(fields) - 2, 3):
        sha, iso_date, rest = fields[at : at + 3]
        subject, _, body = rest.partition("\n")
        day = _day(iso_date)
        if day is None:
            continue
        commit = Commit(sha, day, subject)
        for line in body.splitlines():
            # ":100644 100644 <blob before> <blob after> M<TAB>path"
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if not path or len(parts) != 5 or not meta.startswith(":") or meta.startswith("::"):
                continue
            touched.setdefault(path, []).append((commit, (parts[2], parts[3])))
            if parts[4].startswith("A"):
                added[path] = commit  # log is newest first: the last seen is the first add
    return {
        path: FileHistory(
            tuple(commit for commit, _ in reversed(seen)),
            added.get(path),
            tuple(blobs for _, blobs in reversed(seen)),
        )
        for path, seen in touched.items()
    }


def no_blob(blob: str) -> bool:
    """Whether a blob id of `git log --raw` says the file is not there."""
    return not blob.strip("0")


def _day(iso_date: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(iso_date[:10])
    except ValueError:
        return None


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


def corrections(record: FileHistory) -> list[Commit]:
    """The substantive commits after the one that added the file, oldest first."""
    return [c for c in record.commits if c != record.added and not is_minor(c.subject)]


def event_history(
    record: FileHistory | None, fields: Mapping[str, tuple[FieldChange, ...] | None] | None = None
) -> EventHistory:
    """The event's substantive changes; `fields` gives what each correction changed, by its
    full commit id (revisions.changed_fields)."""
    if record is None:
        return NO_HISTORY
    fields = fields or {}
    kept = [c for c in record.commits if c == record.added or not is_minor(c.subject)]
    edits = corrections(record)
    return EventHistory(
        tuple(
            Change(c.date, c.sha[:SHORT_SHA], shown(c.subject))
            if c == record.added
            else Change(c.date, c.sha[:SHORT_SHA], shown(c.subject), True, fields.get(c.sha))
            for c in kept
        ),
        edits[-1].date if edits else None,
    )


_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def shown(subject: str) -> str:
    """A commit's subject as pages and feeds show it: control characters, which neither HTML
    nor XML may hold, each replaced by U+FFFD."""
    return _UNSHOWABLE.sub("\ufffd", subject)
