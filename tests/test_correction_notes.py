"""`correction_notes:` in content/site.yaml: what readers are told of a commit whose own
subject is not written for them, since a published commit cannot be reworded."""

from __future__ import annotations

import datetime
from pathlib import Path

from test_git_history import EVENT, commit, edit, event_view, git, repo  # noqa: F401 (a fixture)
from unit_helpers import reported

from chronicle.model.records import Change, FieldChange

SITE_YAML = "content/site.yaml"
ENGINE_SUBJECT = "Engine and content in one go (issue 20): new date forms"


def add_notes(root: Path, notes: str) -> None:
    settings = root / SITE_YAML
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "correction_notes:\n" + notes, encoding="utf-8")


def add_notes_more(root: Path, notes: str) -> None:
    settings = root / SITE_YAML
    settings.write_text(settings.read_text(encoding="utf-8") + notes, encoding="utf-8")


def correct(root: Path) -> str:
    edit(root, "every week.", "every day.")
    return commit(root, ENGINE_SUBJECT, "2026-02-03T08:00:00+00:00")


def test_a_note_replaces_the_subject_readers_see(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f'  {sha}: "The data is shared every day, not every week."\n')
    (_, correction) = event_view(repo).history
    assert correction == Change(
        datetime.date(2026, 2, 3),
        sha,
        "The data is shared every day, not every week.",
        correction=True,
        fields=(FieldChange("summary", "changed"),),
    )


def test_a_note_may_name_the_commit_by_its_full_id(repo: Path) -> None:  # noqa: F811
    correct(repo)
    add_notes(repo, f"  {git(repo, 'rev-parse', 'HEAD')}: Every day, not every week.\n")
    assert event_view(repo).history[-1].subject == "Every day, not every week."


def test_a_note_minor_hides_the_commit_and_leaves_the_entry_uncorrected(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f"  {sha}: minor\n")
    view = event_view(repo)
    assert [change.subject for change in view.history] == ["Add the meeting in the capital"]
    assert view.event.updated is None


def test_a_note_naming_no_commit_of_the_events_is_warned_about_at_its_key(repo: Path) -> None:  # noqa: F811
    add_notes(repo, "  abcdef1: A note for nothing.\n")
    ((where, message, _),) = reported(repo)
    assert where.startswith(f"{SITE_YAML}:")
    assert message == (
        "warning: no commit to content/events/ matches 'abcdef1': this note is shown nowhere"
    )


def test_a_key_that_is_no_commit_id_is_an_error_at_the_key(repo: Path) -> None:  # noqa: F811
    add_notes(repo, "  issue-20: A note.\n")
    ((where, message, hint),) = reported(repo)
    assert (where, message) == (f"{SITE_YAML}:7:3", "error: 'issue-20' is not a commit id")
    assert hint is not None and "git log --oneline" in hint


def test_an_entrys_own_note_wins_over_the_commits_note(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f'  {sha}: "A note for every entry."\n')
    add_notes_more(repo, f'  {sha}/first-event: "Every day, not every week."\n')
    assert event_view(repo).history[-1].subject == "Every day, not every week."


def test_an_entry_alone_may_be_marked_minor(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f"  {sha}/first-event: minor\n")
    assert [change.subject for change in event_view(repo).history] == ["Add the meeting in the capital"]


def test_a_note_for_an_entry_the_commit_did_not_change_is_warned_about(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f"  {sha}/another-event: A note.\n")
    # (first-event still shows the commit's own subject: tests/test_team_subjects.py)
    ((_, message, _),) = [problem for problem in reported(repo) if "shown nowhere" in problem[1]]
    assert message == (
        f"warning: no commit to content/events/ matches '{sha}' and the entry 'another-event': "
        "this note is shown nowhere"
    )
