"""A commit subject readers see (event pages, the Corrections page and feed, events.json) that
reads as written for the team is warned about at `correction_notes:` in content/site.yaml,
until a note (or `minor`) stands in for it there."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_correction_notes import SITE_YAML, add_notes
from test_git_history import commit, edit, repo  # noqa: F401 (a fixture)
from unit_helpers import reported, run_build

from chronicle.source.team_subjects import team_mark


def correct(root: Path, subject: str) -> str:
    edit(root, "every week.", "every day.")
    return commit(root, subject, "2026-02-03T08:00:00+00:00")


def warnings_of(root: Path) -> list[tuple[str, str, str | None]]:
    return [problem for problem in reported(root) if "written for the team" in problem[1]]


@pytest.mark.parametrize(
    ("subject", "named"),
    [
        ("Fix dates (issue 20)", ("an issue or ticket number", "issue 20")),
        ("Dates of the strike (#12)", ("an issue or ticket number", "#12")),
        ("Cite doc 3 per review F2", ("a review finding's id", "F2")),
        ("The entry's sources (standards read, F2, F3)", ("a review finding's id", "F2")),
        ("Cite doc 3", ("a document by the team's number", "doc 3")),
        ("WIP: dates", ("work in progress", "WIP")),
        ('Revert "fixup! dates"', ("a fix-up for git", "fixup!")),
        ("Dates in content/events/first-event.yaml", ("a file's path", "content/events/first-event.yaml")),
        ("Edit first-event.yaml", ("a file's name", "first-event.yaml")),
        ("Merge branch 'dates'", ("a merge of a branch", "Merge branch")),
    ],
)
def test_a_subject_for_the_team_is_named_by_what_gives_it_away(subject: str, named: tuple[str, str]) -> None:
    assert team_mark(subject) == named


@pytest.mark.parametrize(
    "subject",
    [
        "Correct the number of soldiers: NIS says 2,000",
        "The date is now a range: the report gives no day",
        "F-16 jets are now listed among the weapons, as the report says",
        "The G7 summit's statement is now cited",
        "The report (document 004) is now cited for the date",
        "Resolution 2397 is now named in the summary",
        "The link to events.json now leads to the dataset",
    ],
)
def test_a_subject_written_for_readers_is_not_taken_for_the_teams(subject: str) -> None:
    assert team_mark(subject) is None


def test_a_correction_whose_subject_names_an_issue_is_warned_about(repo: Path) -> None:  # noqa: F811
    sha = correct(repo, "Fix dates (issue 20)")
    ((where, message, hint),) = warnings_of(repo)
    assert where == f"{SITE_YAML}:1:1"
    assert message == (
        f'warning: commit {sha}\'s subject "Fix dates (issue 20)" is shown to readers of the entry '
        "first-event and reads as written for the team: it names an issue or ticket number ('issue 20')"
    )
    assert hint is not None and f'`{sha}: "What changed in the entry, for readers."`' in hint
    assert f"`{sha}: minor`" in hint


def test_the_warning_is_at_the_correction_notes_key_when_site_yaml_has_one(repo: Path) -> None:  # noqa: F811
    correct(repo, "Fix dates (issue 20)")
    add_notes(repo, "  abcdef1: A note for another commit.\n")
    assert [where for where, _, _ in warnings_of(repo)] == [f"{SITE_YAML}:6:1"]


def test_a_note_for_the_commit_ends_the_warning(repo: Path) -> None:  # noqa: F811
    sha = correct(repo, "Fix dates (issue 20)")
    add_notes(repo, f'  {sha}: "The data is shared every day, not every week."\n')
    assert reported(repo) == []


def test_a_note_marking_the_commit_minor_ends_the_warning(repo: Path) -> None:  # noqa: F811
    sha = correct(repo, "Fix dates (issue 20)")
    add_notes(repo, f"  {sha}: minor\n")
    assert reported(repo) == []


def test_a_note_for_the_entry_ends_the_warning(repo: Path) -> None:  # noqa: F811
    sha = correct(repo, "Fix dates (issue 20)")
    add_notes(repo, f'  {sha}/first-event: "Every day, not every week."\n')
    assert reported(repo) == []


def test_a_subject_marked_minor_is_not_warned_about(repo: Path) -> None:  # noqa: F811
    correct(repo, "minor: wording (issue 20)")
    assert reported(repo) == []


def test_a_subject_written_for_readers_is_not_warned_about(repo: Path) -> None:  # noqa: F811
    correct(repo, "The data is shared every day, not every week")
    assert reported(repo) == []


def test_the_subject_of_the_commit_that_added_the_entry_is_warned_about(repo: Path) -> None:  # noqa: F811
    (repo / "content/events/second-event.yaml").write_text(
        (repo / "content/events/first-event.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    sha = commit(repo, "Add second-event.yaml", "2026-02-04T08:00:00+00:00")
    ((_, message, _),) = warnings_of(repo)
    assert message.startswith(f'warning: commit {sha}\'s subject "Add second-event.yaml" is shown')


def test_check_and_build_report_the_warning_and_succeed(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    sha = correct(repo, "WIP dates")
    for command in (["check"], ["build", "--out", str(tmp_path / "out")]):
        result = run_build(*command, "--root", str(repo))
        assert result.returncode == 0, result.stderr
        assert f'{SITE_YAML}:1:1: warning: commit {sha}\'s subject "WIP dates"' in result.stderr


def test_no_subject_is_warned_about_while_site_yaml_cannot_be_read(repo: Path) -> None:  # noqa: F811
    correct(repo, "Fix dates (issue 20)")
    settings = repo / SITE_YAML
    settings.write_text(settings.read_text(encoding="utf-8") + "correction_notes: [\n", encoding="utf-8")
    assert warnings_of(repo) == []
