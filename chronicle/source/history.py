"""Git history of the event files, read with one `git log` for the whole folder.

Besides the commit that added each file (the default of `added`), it gives each event its
substantive changes (the default of `updated`, and the history shown on its page): every
commit that touched the file, except those marked minor (see `is_minor`). Those after the
commit that added the file are its corrections; what each changed is read by `revisions`.
"""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.hidden_text import CONTROL, INVISIBLE, code_point
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
    former_names: tuple[str, ...] = ()
    """The paths the file had before git saw it renamed, oldest first."""


@dataclass(frozen=True)
class GitHistory:
    """What git says of a folder: `files` is None outside a repository or when git failed;
    `problem` says, in a sentence, why git could not be read or may be wrong (a shallow clone)."""

    files: dict[str, FileHistory] | None
    problem: str | None = None


def read_head(root: Path) -> str | None:
    """Whether the clone is shallow and HEAD's commit, as one string from one quick git call
    (and, in a shallow clone, the digest of the commits it stops at, which a `git fetch
    --deepen` moves while HEAD stays): the log of a folder is the same while it is the same.
    None when git cannot say (no repository, no commit yet, no git)."""
    said = _git(root, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "HEAD")
    if not isinstance(said, str) or len(said.splitlines()) != 3:
        return None
    shallow, boundary, head = said.splitlines()
    if shallow != "true":
        return f"{shallow} {head}"
    try:
        ends = hashlib.blake2b((root / boundary).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None
    return f"{shallow} {head} {ends}"


def read_history(root: Path, folder: str, head: str | None = None) -> GitHistory:
    """Root-relative path -> history of every file git knows in `folder`. `head`: what
    `read_head` said just before, if it was asked."""
    # NUL cannot occur in a commit's subject: it separates the fields unambiguously.
    # Renames are followed (an event file renamed keeps its history); --cc lists what a merge
    # itself changed (a conflict settled), not what its branches did, which their own commits show.
    log = _git(
        root,
        "log",
        "--relative",
        "--find-renames",
        "--raw",
        "--cc",
        "--no-abbrev",
        "--format=%x00%H%x00%aI %cI%x00%s",
        "--",
        folder,
    )
    if isinstance(log, GitHistory):
        return log
    head = head or read_head(root)
    problem = None
    if head is not None and head.split()[0] == "true":
        problem = (
            "this is a shallow clone of the repository: git knows only its last commits, so "
            "`added` and `updated` dates from git may be wrong (clone with the full history, "
            "e.g. fetch-depth: 0 in GitHub Actions)"
        )
    return GitHistory(parse_log(log), problem)


GIT_SETTINGS = (
    *("-c", "core.quotepath=off"),
    *("-c", "i18n.logOutputEncoding=UTF-8"),
    *("-c", "log.showRoot=true"),
)
"""What the output is read as, whatever the user's git configuration says: paths and subjects
in UTF-8 as committed (not octal escapes, not re-encoded to latin1), and the first commit's
files listed like any other's (else their `added` date is lost)."""


def _git(root: Path, *args: str) -> str | GitHistory:
    """git's output, or the GitHistory that says why there is none."""
    command = ["git", *GIT_SETTINGS, "-C", str(root), *args]
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
    """`git log --raw` in the format read_history asks for -> each file's history, a renamed
    file's under its last name. A commit is dated by its author date, or its commit date when
    that is earlier (an author date in the future is a clock set wrong); one whose dates git
    gives in a form that is not a date (a year past 9999) is left out."""
    names = _Names()
    fields = output.split("\x00")
    for at in range(1, len(fields) - 2, 3):
        sha, dates, rest = fields[at : at + 3]
        subject, _, body = rest.partition("\n")
        days = [day for day in map(_day, dates.split()) if day is not None]
        if days:
            names.read_commit(Commit(sha, min(days), subject), body)
    return {
        path: FileHistory(
            tuple(commit for commit, _ in reversed(seen)),
            names.added.get(path),
            tuple(blobs for _, blobs in reversed(seen)),
            tuple(reversed(names.former.get(path, ()))),
        )
        for path, seen in names.touched.items()
    }


def _raw_line(line: str) -> tuple[str, str, Blobs] | None:
    """(path, status, (blob before, blob after)) of a `--raw` line: ":100644 100644 <before>
    <after> M<TAB>path", or a merge's "::<modes> <blob per parent> <after> MM<TAB>path" (before:
    the first parent's); None for any other line."""
    meta, _, path = line.partition("\t")
    parents = len(meta) - len(meta.lstrip(":"))
    parts = meta.split()
    if not path or parents == 0 or len(parts) != 2 * (parents + 1) + 1:
        return None
    blobs = parts[parents + 1 : 2 * (parents + 1)]
    return path, parts[-1], (blobs[0], blobs[-1])


_EARLIER = "\x00earlier"
"""Appended to a name a file was renamed to: what that name held before the rename was
another file (or nothing), whose commits are not this file's."""


class _Names:
    """The commits of each file under its last name, read newest first: a name is followed
    back through each rename to the file that holds it at the end, as it stood at that point
    of the history (a name renamed away and back, or reused by another file, stays apart)."""

    def __init__(self) -> None:
        self.touched: dict[str, list[tuple[Commit, Blobs]]] = {}
        self.added: dict[str, Commit] = {}
        self.former: dict[str, list[str]] = {}
        """Last name -> its former names, newest first."""
        self._last: dict[str, str] = {}
        """A name, as the commits read so far left it -> the last name of the file it held."""

    def read_commit(self, commit: Commit, body: str) -> None:
        renamed: list[tuple[str, str, str]] = []
        for line in body.splitlines():
            read = _raw_line(line)
            if read is None:
                continue
            path, status, blobs = read
            old = None
            if status.startswith("R"):
                old, _, path = path.partition("\t")
            last = self._last.get(path, path)
            if old is not None:
                renamed.append((old, path, last))
                if blobs[0] == blobs[1]:
                    continue  # renamed only: not a change of the event
            self.touched.setdefault(last, []).append((commit, blobs))
            if status.startswith("A"):
                self.added[last] = commit  # newest first: the last seen is the first add
        # Before this commit, each file was at its old name, and its new name held another.
        for _, new, _ in renamed:
            self._last[new] = new + _EARLIER
        for old, _, last in renamed:
            self._last[old] = last
            if old != last and old not in self.former.setdefault(last, []):
                self.former[last].append(old)


def no_blob(blob: str) -> bool:
    """Whether a blob id of `git log --raw` says the file is not there."""
    return not blob.strip("0")


def _day(iso_date: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(iso_date[:10])
    except ValueError:
        return None


def _said(subject: str) -> str:
    said = shown(subject)
    return said if said.strip() else "(no commit message)"


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
    former_names: tuple[str, ...] = ()
    """The paths the file had before it was renamed, oldest first."""


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
            Change(c.date, c.sha[:SHORT_SHA], _said(c.subject))
            if c == record.added
            else Change(c.date, c.sha[:SHORT_SHA], _said(c.subject), True, fields.get(c.sha))
            for c in kept
        ),
        edits[-1].date if edits else None,
        record.former_names,
    )


def shown(subject: str) -> str:
    """A commit's subject as pages and feeds show it: control characters, which neither HTML
    nor XML may hold, each replaced by U+FFFD; the characters that hide or reorder text (bidi
    controls, zero-width spaces: what `check` refuses in the editors' text) left out, so that
    an override cannot turn around the commit id shown after the subject."""
    return INVISIBLE.sub("", CONTROL.sub("\ufffd", subject))


def warn_hidden_subjects(history: GitHistory, diagnostics: Diagnostics, events: Collection[str]) -> None:
    """A warning at each event file of `events` for each commit whose subject readers see (on
    the entry's page, the Corrections page, corrections.xml, events.json) and that holds
    characters that hide or reorder text: it is shown without them (`shown`). `history` is as
    `correction_notes` made it: a note standing in for a subject is what readers see."""
    files = history.files or {}
    for path in sorted(set(events) & files.keys()):
        record = files[path]
        for commit in record.commits:
            found = list(dict.fromkeys(INVISIBLE.findall(commit.subject)))
            if found and (commit == record.added or not is_minor(commit.subject)):
                diagnostics.warning(Mark(path), *_hidden_subject(commit, found))


def _hidden_subject(commit: Commit, found: list[str]) -> tuple[str, str]:
    short, said = commit.sha[:SHORT_SHA], _said(commit.subject)
    said = said if len(said) <= 80 else said[:80] + "…"
    what = "the invisible character" if len(found) == 1 else "the invisible characters"
    return (
        f'commit {short}\'s subject "{said}", shown to readers of this entry, holds {what} '
        f"{', '.join(map(code_point, found))}, which the site leaves out",
        "they hide or reorder what readers see (an override turns around the commit id after it); "
        f"to tell readers something else, add under `correction_notes:` in content/site.yaml a note "
        f'shown in its place (`{short}: "What changed in the entry."`)',
    )
