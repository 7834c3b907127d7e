"""A session that builds again keeps git's history of the event files while HEAD stays where
it was, and reads it again once HEAD moves (a commit, an amend, a checkout)."""

from __future__ import annotations

from pathlib import Path

from test_unit_history import commit_file, git, make_repo

from chronicle.build.kept_history import events_history
from chronicle.build.memo import fresh_memo


def test_the_history_is_kept_while_head_stays(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    commit_file(repo, "content/events/a.yaml", "title: A\n", "2024-03-05T10:00:00+00:00")
    memo = fresh_memo(repo)
    first = events_history(repo, memo)
    (repo / "content/events/a.yaml").write_text("title: A, not committed\n")
    assert events_history(repo, memo) is first


def test_a_commit_reads_the_history_again(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    commit_file(repo, "content/events/a.yaml", "title: A\n", "2024-03-05T10:00:00+00:00")
    memo = fresh_memo(repo)
    events_history(repo, memo)
    commit_file(repo, "content/events/b.yaml", "title: B\n", "2024-04-06T10:00:00+00:00")
    files = events_history(repo, memo).files
    assert files is not None and sorted(files) == ["content/events/a.yaml", "content/events/b.yaml"]


def test_an_amended_commit_reads_the_history_again(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    commit_file(repo, "content/events/a.yaml", "title: A\n", "2024-03-05T10:00:00+00:00")
    memo = fresh_memo(repo)
    events_history(repo, memo)
    git(repo, "commit", "-q", "--amend", "-m", "Add the first event", when="2024-03-05T10:00:00+00:00")
    files = events_history(repo, memo).files
    assert files is not None
    assert [commit.subject for commit in files["content/events/a.yaml"].commits] == ["Add the first event"]
