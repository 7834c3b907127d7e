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


def test_a_shallow_clone_deepened_reads_the_history_again(tmp_path: Path) -> None:
    # `git fetch --deepen` leaves HEAD where it was: the commits the clone stops at move.
    origin = make_repo(tmp_path / "origin")
    for number, day in enumerate(("2024-03-05", "2024-04-06", "2024-05-07")):
        commit_file(origin, f"content/events/e{number}.yaml", "title: E\n", f"{day}T10:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    memo = fresh_memo(clone)
    first = events_history(clone, memo).files
    git(clone, "fetch", "-q", "--deepen", "2")
    files = events_history(clone, memo).files
    assert first is not None and files is not None
    # Cut off, e0 seemed added by the one commit the clone had; deepened, by its own.
    assert [commit.subject for commit in first["content/events/e0.yaml"].commits] == ["Add e2"]
    assert [commit.subject for commit in files["content/events/e0.yaml"].commits] == ["Add e0"]
