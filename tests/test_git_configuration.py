"""History from git is read the same whatever the user's (or the CI image's) git
configuration says: a commit subject as committed, not re-encoded by
`i18n.logOutputEncoding`, and the files of the first commit added like any other's despite
`log.showRoot=false`. The configuration is given as git reads it from the environment."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from test_git_history import EVENT, ORIGINAL, commit, edit, event_view, git
from unit_helpers import write_site


def configured(monkeypatch: pytest.MonkeyPatch, key: str, value: str) -> None:
    """`git -c key=value` for every git the build runs, as a user's configuration would."""
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", key)
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", value)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose first commit holds the event, then a correction with a subject in French."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    root = tmp_path / "timeline"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test Editor")
    git(root, "config", "user.email", "editor@example.org")
    write_site(root, {EVENT: ORIGINAL})
    commit(root, "Start the timeline", "2026-01-01T09:00:00+00:00")
    edit(root, "every week.", "every week, from June.")
    commit(root, "Corrige la date de l'été", "2026-01-05T09:00:00+00:00")
    return root


def test_a_commit_subject_is_read_as_committed_whatever_the_log_encoding(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured(monkeypatch, "i18n.logOutputEncoding", "latin1")
    view = event_view(site)
    assert [change.subject for change in view.history][-1] == "Corrige la date de l'été"


def test_the_first_commits_files_are_added_there_even_where_git_hides_its_changes(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured(monkeypatch, "log.showRoot", "false")
    view = event_view(site)
    assert view.event.added == datetime.date(2026, 1, 1)
