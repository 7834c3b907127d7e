"""history: `git log` of the event files -> per file, its commits oldest first and the one that added it."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest
from unit_helpers import write_site

from chronicle.build.load import load_site
from chronicle.source.history import Commit, FileHistory, GitHistory, event_history, parse_log, read_history

Z = "0" * 40


def raw(status: str, path: str, before: str = Z, after: str = Z) -> str:
    """A line of `git log --raw --no-abbrev`."""
    return f":100644 100644 {before} {after} {status}\t{path}\n"


LOG = (
    "\x00c3\x002024-05-07T09:00:00+02:00\x00Edit a again\n\n"
    + raw("M", "content/events/a.yaml", "a2" * 20, "a3" * 20)
    + "\x00c2\x002024-04-06T10:00:00+00:00\x00Edit a, add b\n\n"
    + raw("M", "content/events/a.yaml", "a1" * 20, "a2" * 20)
    + raw("A", "content/events/b.yaml", Z, "b1" * 20)
    + "\x00c1\x002024-03-05T23:30:00-05:00\x00Add a\n\n"
    + raw("A", "content/events/a.yaml", Z, "a1" * 20)
)
C1 = Commit("c1", datetime.date(2024, 3, 5), "Add a")
C2 = Commit("c2", datetime.date(2024, 4, 6), "Edit a, add b")
C3 = Commit("c3", datetime.date(2024, 5, 7), "Edit a again")


def test_parse_log_gives_each_file_its_commits_oldest_first_and_its_first_add() -> None:
    assert parse_log(LOG) == {
        "content/events/a.yaml": FileHistory(
            (C1, C2, C3), C1, ((Z, "a1" * 20), ("a1" * 20, "a2" * 20), ("a2" * 20, "a3" * 20))
        ),
        "content/events/b.yaml": FileHistory((C2,), C2, ((Z, "b1" * 20),)),
    }


def test_commit_date_is_the_authors_local_day() -> None:
    log = "\x00c1\x002024-03-05T23:30:00-05:00\x00Add a\n\n" + raw("A", "content/events/a.yaml")
    assert parse_log(log)["content/events/a.yaml"].added == Commit("c1", datetime.date(2024, 3, 5), "Add a")


def test_file_re_added_after_deletion_keeps_its_first_add() -> None:
    log = (
        "\x00c3\x002024-05-07T09:00:00+00:00\x00Restore a\n\n"
        + raw("A", "content/events/a.yaml")
        + "\x00c2\x002024-04-06T10:00:00+00:00\x00Delete a\n\n"
        + raw("D", "content/events/a.yaml")
        + "\x00c1\x002024-03-05T10:00:00+00:00\x00Add a\n\n"
        + raw("A", "content/events/a.yaml")
    )
    added = parse_log(log)["content/events/a.yaml"].added
    assert added is not None
    assert added.sha == "c1"


def test_empty_log_is_no_history() -> None:
    assert parse_log("") == {}


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def make_repo(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def commit_file(repo: Path, relpath: str, text: str, when: str) -> None:
    path = repo / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    git(repo, "add", relpath)
    # A subject for readers: one naming a file is warned about (tests/test_team_subjects.py).
    git(repo, "commit", "-q", "-m", f"Add {Path(relpath).stem}", when=when)


def test_read_history_gives_the_date_of_the_commit_that_added_the_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    commit_file(repo, "content/events/a.yaml", "title: A\n", "2024-03-05T10:00:00+00:00")
    commit_file(repo, "content/events/a.yaml", "title: A2\n", "2024-04-06T10:00:00+00:00")
    history = read_history(repo, "content/events").files
    assert history is not None
    record = history["content/events/a.yaml"]
    assert record.added is not None
    assert record.added.date == datetime.date(2024, 3, 5)
    assert [commit.date for commit in record.commits] == [
        datetime.date(2024, 3, 5),
        datetime.date(2024, 4, 6),
    ]


def test_read_history_paths_are_relative_to_a_site_inside_the_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    commit_file(repo, "site/content/events/a.yaml", "title: A\n", "2024-03-05T10:00:00+00:00")
    history = read_history(repo / "site", "content/events").files
    assert history is not None
    assert list(history) == ["content/events/a.yaml"]


def test_read_history_is_none_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "site" / "content" / "events").mkdir(parents=True)
    assert read_history(tmp_path / "site", "content/events") == GitHistory(None)


def test_added_left_out_defaults_to_the_commit_date_without_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    repo = make_repo(tmp_path / "repo")
    write_site(repo)
    commit_file(
        repo,
        "content/events/first-event.yaml",
        "title: T\ndate: 2025-06\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n",
        "2025-07-08T12:00:00+00:00",
    )
    result = load_site(repo)
    assert result.diagnostics == ()
    assert result.site is not None
    event = result.site.events[0]
    assert (event.added, event.added_origin) == (datetime.date(2025, 7, 8), "git")


def test_a_subject_holding_separator_characters_is_read_whole() -> None:
    log = "\x00c1\x002024-03-05T10:00:00+00:00\x00Add \x1e a \x1f b\n\n" + raw("A", "content/events/a.yaml")
    added = parse_log(log)["content/events/a.yaml"].added
    assert added == Commit("c1", datetime.date(2024, 3, 5), "Add \x1e a \x1f b")


def test_a_commit_dated_past_year_9999_is_left_out() -> None:
    log = (
        "\x00c2\x00+10000-01-01T10:00:00+00:00\x00Edit a\n\n"
        + raw("M", "content/events/a.yaml")
        + "\x00c1\x002024-03-05T10:00:00+00:00\x00Add a\n\n"
        + raw("A", "content/events/a.yaml")
    )
    assert parse_log(log)["content/events/a.yaml"] == FileHistory((C1,), C1, ((Z, Z),))


def test_a_merge_that_settles_a_conflict_is_a_change_of_the_file_from_its_first_parent() -> None:
    log = (
        "\x00m1\x002024-05-07T09:00:00+00:00\x00Merge a branch\n\n"
        f"::100644 100644 100644 {'b1' * 20} {'b2' * 20} {'b3' * 20} MM\tcontent/events/a.yaml\n"
        "\x00c1\x002024-03-05T10:00:00+00:00\x00Add a\n\n" + raw("A", "content/events/a.yaml", Z, "a1" * 20)
    )
    history = parse_log(log)["content/events/a.yaml"]
    assert [commit.subject for commit in history.commits] == ["Add a", "Merge a branch"]
    assert history.blobs[-1] == ("b1" * 20, "b3" * 20)


def test_a_renamed_file_keeps_its_history_under_its_new_name() -> None:
    log = (
        "\x00r1\x002024-06-01T09:00:00+00:00\x00Rename a to b\n\n"
        + raw("R100", "content/events/a.yaml\tcontent/events/b.yaml", "a2" * 20, "a2" * 20)
        + "\x00c2\x002024-04-06T10:00:00+00:00\x00Edit a\n\n"
        + raw("M", "content/events/a.yaml", "a1" * 20, "a2" * 20)
        + "\x00c1\x002024-03-05T10:00:00+00:00\x00Add a\n\n"
        + raw("A", "content/events/a.yaml", Z, "a1" * 20)
    )
    history = parse_log(log)
    assert list(history) == ["content/events/b.yaml"]
    assert [c.subject for c in history["content/events/b.yaml"].commits] == ["Add a", "Edit a"]
    assert history["content/events/b.yaml"].added == C1


def test_a_commit_whose_author_date_is_after_its_commit_date_is_dated_by_the_commit() -> None:
    log = "\x00c1\x002031-05-05T10:00:00+00:00 2024-03-05T10:00:00+00:00\x00Add a\n\n" + raw(
        "A", "content/events/a.yaml", Z, "a1" * 20
    )
    assert parse_log(log)["content/events/a.yaml"].commits == (C1,)


def test_a_commit_without_a_message_says_so() -> None:
    add = Commit("a" * 40, datetime.date(2026, 1, 2), "add")
    edit = Commit("b" * 40, datetime.date(2026, 1, 3), "")
    changes = event_history(FileHistory((add, edit), add)).changes
    assert changes[-1].subject == "(no commit message)"


def test_a_subject_is_shown_without_the_control_characters_html_and_xml_cannot_hold() -> None:
    add = Commit("a" * 40, datetime.date(2026, 1, 2), "Add\x1ea\x07 b\tc")
    (change,) = event_history(FileHistory((add,), add)).changes
    assert change.subject == "Add\ufffda\ufffd b\tc"
