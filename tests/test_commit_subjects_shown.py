"""Commit subjects readers see (on the entry's page, the Corrections page, corrections.xml,
events.json) hold no character that hides or reorders text: a bidi override in a subject
turned around the commit id printed after it. They are shown without them, and `check` warns
at the event file, naming the commit (red team R6)."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, run_build, write_site

from chronicle.build.load import load_site
from chronicle.source.history import Commit, FileHistory, event_history, shown

EVENT = "content/events/first-event.yaml"
ORIGINAL = EVENT_YAML.replace("added: 2026-01-02\n", "")
CORRECTED = ORIGINAL.replace("every week.", "every day.")
HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
HIDDEN += ["\u200b", "\u2060", "\ufeff"]
SUBJECT = "Fixed the frequency \u202e(see 1234567)\u200b"
SHOWN = "Fixed the frequency (see 1234567)"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str, when: str) -> str:
    for relpath, text in files.items():
        (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repo / relpath).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty-message", "-m", message, when=when)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def corrected_site(repo: Path, subject: str = SUBJECT, site_yaml: str | None = None) -> str:
    """The site, its event added then corrected in a commit with `subject`; that commit's id."""
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    write_site(repo, {EVENT: None})
    commit(repo, {EVENT: ORIGINAL}, "Add the meeting", "2026-01-02T10:00:00+00:00")
    sha = commit(repo, {EVENT: CORRECTED}, subject, "2026-02-03T08:00:00+00:00")
    if site_yaml is not None:
        commit(
            repo, {"content/site.yaml": site_yaml.replace("SHA", sha)}, "Notes", "2026-02-04T08:00:00+00:00"
        )
    return sha


def warnings_of(repo: Path) -> list[tuple[str, str, str | None]]:
    return [(str(d.mark), d.message, d.hint) for d in load_site(repo).diagnostics if d.severity == "warning"]


def test_a_subject_is_shown_without_them_everywhere_readers_see_it(tmp_path: Path) -> None:
    repo = tmp_path / "timeline"
    sha = corrected_site(repo)
    out = tmp_path / "out"
    built = run_build("build", "--root", str(repo), "--out", str(out))
    assert built.returncode == 0, built.stdout + built.stderr
    pages = ["corrections/index.html", "corrections.xml", "events/first-event/index.html", "data/events.json"]
    for page in pages:
        text = (out / page).read_text(encoding="utf-8")
        assert SHOWN in text, page
        assert not [char for char in HIDDEN if char in text], page
        if page.endswith(".html"):  # the commit id printed after it, as written
            assert sha in text[text.index(SHOWN) :], page
    subjects = [
        change["subject"]
        for event in json.loads((out / "data/events.json").read_text(encoding="utf-8"))["events"]
        for change in event["history"]
    ]
    assert SHOWN in subjects
    held = [path.name for path in out.rglob("*") if path.is_file() and "\u202e".encode() in path.read_bytes()]
    assert held == []


def test_check_warns_at_the_event_file_naming_the_commit(tmp_path: Path) -> None:
    repo = tmp_path / "timeline"
    sha = corrected_site(repo)
    checked = run_build("check", "--root", str(repo))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ((where, message, hint),) = warnings_of(repo)
    assert where == f"{EVENT}:1:1"
    assert message == (
        f'commit {sha}\'s subject "{SHOWN}", shown to readers of this entry, holds the invisible '
        "characters U+202E (RIGHT-TO-LEFT OVERRIDE), U+200B (ZERO WIDTH SPACE), which the site leaves out"
    )
    assert hint is not None and f'`{sha}: "What changed in the entry."`' in hint
    assert f"{EVENT}:1:1: warning: commit {sha}" in checked.stdout + checked.stderr


def test_no_warning_when_a_note_stands_in_for_the_subject_or_the_commit_is_minor(tmp_path: Path) -> None:
    noted = tmp_path / "noted"
    settings = (
        "title: Test timeline\nbase_url: https://example.org/sub/\n"
        'correction_notes:\n  SHA: "The frequency is every day, as the minutes say."\n'
    )
    corrected_site(noted, site_yaml=settings)
    assert warnings_of(noted) == []
    minor = tmp_path / "minor"
    corrected_site(minor, subject="minor: tidy \u200bthe summary")
    assert warnings_of(minor) == []


def test_the_commit_that_added_the_file_is_shown_and_checked_too(tmp_path: Path) -> None:
    repo = tmp_path / "timeline"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    write_site(repo, {EVENT: None})
    sha = commit(repo, {EVENT: ORIGINAL}, "Add \u2066the meeting\u2069", "2026-01-02T10:00:00+00:00")
    ((where, message, _),) = warnings_of(repo)
    assert (where, message.split("'s subject")[0]) == (f"{EVENT}:1:1", f"commit {sha}")


@pytest.mark.parametrize("char", HIDDEN)
def test_shown_leaves_out_each_hidden_character_and_marks_control_characters(char: str) -> None:
    assert shown(f"Fix{char} the\x1b date") == "Fix the\ufffd date"


def test_a_subject_of_hidden_characters_only_reads_as_no_message() -> None:
    day = datetime.date(2026, 1, 2)
    added, edit = Commit("a" * 40, day, "Add"), Commit("b" * 40, day, "\u202e\u200b")
    history = event_history(FileHistory((added, edit), added))
    assert [change.subject for change in history.changes] == ["Add", "(no commit message)"]


def test_a_correction_note_may_not_hold_them_typed_or_as_a_reference(tmp_path: Path) -> None:
    for note in ("Fixed \u202ethe date", "Fixed &#x202E;the date"):
        settings = f'title: T\nbase_url: https://example.org/\ncorrection_notes:\n  abc1234: "{note}"\n'
        root = write_site(
            tmp_path / str(len(note)),
            {"content/site.yaml": settings},
        )
        errors = [d for d in load_site(root).diagnostics if d.severity == "error"]
        assert [(str(d.mark), d.message.split(" contains ")[0]) for d in errors] == [
            ("content/site.yaml:4:19", "'correction_notes: abc1234'")
        ]
