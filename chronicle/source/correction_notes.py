"""`correction_notes:` of content/site.yaml: what readers are told of a commit to the event
files whose own subject is not written for them (it names an issue, or covers the engine
too), since a published commit cannot be reworded: a note of its own, or `minor`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.records import CorrectionNote
from chronicle.source.history import Commit, FileHistory, GitHistory
from chronicle.source.load import YamlMap, YamlNode
from chronicle.source.validate import describe, read_text

MINOR = "minor"
"""The note that marks a commit minor: not shown, and not a correction."""
_KEY = re.compile(r"([0-9a-f]{7,40})(?:/([a-z0-9]+(?:-[a-z0-9]+)*))?")


def read_correction_notes(node: YamlNode, diagnostics: Diagnostics) -> tuple[CorrectionNote, ...]:
    """Commit id (7 to 40 hexadecimal digits, as `git log` shows it), or `commit/slug` for
    one entry of the commit -> the note; each problem located at its key or value."""
    if not isinstance(node, YamlMap):
        diagnostics.error(
            node.mark,
            f"'correction_notes' must be a mapping of `commit id: note` lines, not {describe(node)}",
            'for example: `3f2a9c1: "The date is now given as a range."` or `3f2a9c1: minor`',
        )
        return ()
    notes = []
    for key, value in node.entries:
        match = _KEY.fullmatch(key.value.strip().lower())
        if match is None:
            diagnostics.error(
                key.mark,
                f"'{key.value}' is not a commit id",
                "use the commit's id as `git log --oneline` shows it (7 to 40 hexadecimal digits), "
                "or `id/event-slug` for one entry of the commit",
            )
            continue
        note = read_text(value, f"correction_notes: {key.value}", diagnostics)
        if note is not None:
            notes.append(CorrectionNote(match[1], note.strip(), key.mark, match[2]))
    return tuple(notes)


def with_correction_notes(
    history: GitHistory, notes: Iterable[CorrectionNote], diagnostics: Diagnostics
) -> GitHistory:
    """The history with each noted commit's subject replaced by its note, an entry's own
    (`commit/slug`) before the commit's (a commit marked minor keeps its subject, marked so);
    a note that applies to no commit of the event files is warned about at its key."""
    # The entry's own notes first: the first note that applies is taken.
    notes = tuple(sorted(notes, key=lambda note: note.slug is None))
    if not notes or history.files is None:
        return history
    used: set[CorrectionNote] = set()

    def noted(commit: Commit, slugs: frozenset[str]) -> Commit:
        for note in notes:
            if commit.sha.startswith(note.commit) and (note.slug is None or note.slug in slugs):
                used.add(note)
                subject = f"minor: {commit.subject}" if note.text.casefold() == MINOR else note.text
                return dataclasses.replace(commit, subject=subject)
        return commit

    def file_noted(path: str, record: FileHistory) -> FileHistory:
        # A note written before the file was renamed names the entry by its name then.
        slugs = frozenset(
            name.rsplit("/", 1)[-1].removesuffix(".yaml") for name in (path, *record.former_names)
        )
        commits = tuple(noted(commit, slugs) for commit in record.commits)
        added = noted(record.added, slugs) if record.added is not None else None
        return dataclasses.replace(record, commits=commits, added=added)

    files = {path: file_noted(path, record) for path, record in history.files.items()}
    for note in notes:
        if note not in used:
            named = note.commit if note.slug is None else f"{note.commit}' and the entry '{note.slug}"
            diagnostics.warning(
                note.mark,
                f"no commit to content/events/ matches '{named}': this note is shown nowhere",
                "check the id with `git log --oneline -- content/events`",
            )
    return dataclasses.replace(history, files=files)
