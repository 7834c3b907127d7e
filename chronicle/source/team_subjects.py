"""A commit subject shown to readers that reads as written for the team: a warning at
`correction_notes:` in content/site.yaml, where the note that replaces it goes.

A commit to content/events/ is shown by its subject on the event's page, the Corrections page,
corrections.xml and events.json (README, "History from git") unless its subject marks it minor
or a `correction_notes:` entry gives readers a note instead (source.correction_notes). The test
is deliberately narrow: it looks only for what no sentence written for readers holds (an issue
or ticket number, a review finding's id, WIP, fixup!, a file's path, a merge of a branch),
never at the mood or the wording, so that a subject it passes may still be for the team, but
one it flags almost surely is.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.records import CorrectionNote
from chronicle.source.history import SHORT_SHA, Commit, GitHistory, is_minor
from chronicle.source.load import YamlMap, load_yaml_file, shown
from chronicle.source.settings import SETTINGS_PATH

NOTES_KEY = "correction_notes"

# (what it is, as the warning names it; the pattern). Each is matched against the subject as
# git gives it; the first that matches is named.
_TEAM_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an issue or ticket number", re.compile(r"(?<![\w&])#[0-9]+\b")),
    (
        "an issue or ticket number",
        re.compile(r"\b(?:issues?|tickets?|bugs?|PRs?|pull requests?|GH)[ -]?#?[0-9]+\b", re.IGNORECASE),
    ),
    (
        "a review finding's id",
        re.compile(r"\b(?i:findings?|review|per)\b[ ,:]+(?:[\w-]+ ){0,4}?(?P<words>[A-Z][0-9]{1,3})\b"),
    ),
    ("a review finding's id", re.compile(r"\((?:[^()]*?[ ,])?(?P<words>F[0-9]{1,3})(?=[ ,;)-])[^()]*\)")),
    ("a document by the team's number", re.compile(r"\bdocs? [0-9]+\b", re.IGNORECASE)),
    ("work in progress", re.compile(r"\bWIP\b|\bwip:", re.IGNORECASE)),
    ("a fix-up for git", re.compile(r"\b(?:fixup|squash|amend)!", re.IGNORECASE)),
    (
        "a file's path",
        re.compile(
            r"(?<![\w/.:-])(?P<words>(?:content|seeds|templates|media|chronicle|tests)/[\w.*-][^\s,;:)]*)"
        ),
    ),
    ("a file's name", re.compile(r"(?<![\w/.:-])[\w][\w./-]*\.(?:ya?ml|py|md|txt|html)\b")),
    ("a merge of a branch", re.compile(r"^Merge (?:(?:remote-tracking )?branch|pull request|tag) ")),
)


def team_mark(subject: str) -> tuple[str, str] | None:
    """What in `subject` is written for the team, and its words: ("an issue or ticket number",
    "issue 20"); None for a subject that may be for readers."""
    for what, pattern in _TEAM_MARKS:
        found = pattern.search(subject)
        if found is not None:
            words = found.group("words") if "words" in pattern.groupindex else found.group()
            return what, words.strip()
    return None


def warn_team_subjects(
    root: Path,
    history: GitHistory,
    notes: Iterable[CorrectionNote],
    diagnostics: Diagnostics,
    events: Collection[str],
) -> None:
    """One warning per commit whose own subject readers see on at least one entry of `events`
    (the event files' paths: a deleted file's history is shown nowhere) and reads as written
    for the team, a note of its own or of the entry's not standing in for it: at the
    `correction_notes:` key of content/site.yaml, naming the commit, what in its subject, the
    entries showing it, and the fix."""
    if history.files is None:
        return
    notes = tuple(notes)
    shown_on: dict[str, tuple[Commit, list[str]]] = {}
    flagged: dict[str, tuple[str, str] | None] = {}
    for path in sorted(set(events) & history.files.keys()):
        record = history.files[path]
        slug = path.rsplit("/", 1)[-1].removesuffix(".yaml")
        for commit in record.commits:
            if is_minor(commit.subject) and commit != record.added:
                continue  # not shown (the commit that added the file is: in events.json)
            if any(commit.sha.startswith(note.commit) and note.slug in (None, slug) for note in notes):
                continue
            if commit.sha not in flagged:
                flagged[commit.sha] = team_mark(commit.subject)
            if flagged[commit.sha] is not None:
                shown_on.setdefault(commit.sha, (commit, []))[1].append(slug)
    if not shown_on:
        return
    where = _notes_mark(root)
    for sha, (commit, slugs) in sorted(shown_on.items(), key=lambda item: (item[1][0].date, item[0])):
        what, words = flagged[sha] or ("", "")
        short = sha[:SHORT_SHA]
        diagnostics.warning(
            where,
            f'commit {short}\'s subject "{shown(commit.subject, 80)}" is shown to readers of '
            f"{_entries(slugs)} and reads as written for the team: it names {what} ('{words}')",
            f"add under `{NOTES_KEY}:` in {SETTINGS_PATH} a note readers see in its place "
            f'(`{short}: "What changed in the entry, for readers."`), or `{short}: minor` if nothing '
            "readers see changed",
        )


def _entries(slugs: list[str]) -> str:
    if len(slugs) == 1:
        return f"the entry {slugs[0]}"
    return f"{len(slugs)} entries ({', '.join(slugs[:3])}{', …' if len(slugs) > 3 else ''})"


def _notes_mark(root: Path) -> Mark:
    """Where a note goes: the `correction_notes:` key of content/site.yaml, else its start."""
    node = load_yaml_file(root, SETTINGS_PATH, Diagnostics())
    if isinstance(node, YamlMap):
        for key, _ in node.entries:
            if key.value == NOTES_KEY:
                return key.mark
    return Mark(SETTINGS_PATH)
