"""`correction_notes:` keyed `commit/slug` keep applying after the event's file is renamed:
a note written before the rename names the entry by its name then."""

from __future__ import annotations

from pathlib import Path

from test_correction_notes import add_notes, correct
from test_git_history import EVENT, commit, event_view, git, repo  # noqa: F401 (a fixture)
from unit_helpers import reported


def test_an_entrys_note_under_its_former_name_still_applies(repo: Path) -> None:  # noqa: F811
    sha = correct(repo)
    add_notes(repo, f'  {sha}/first-event: "Every day, not every week."\n')
    git(repo, "mv", EVENT, "content/events/meeting.yaml")
    moved = repo / "content/events/meeting.yaml"
    moved.write_text(moved.read_text(encoding="utf-8") + "former_slugs: [first-event]\n", encoding="utf-8")
    commit(repo, "minor: rename", "2026-02-04T08:00:00+00:00")
    assert event_view(repo).history[-1].subject == "Every day, not every week."
    assert [problem for problem in reported(repo) if "shown nowhere" in problem[1]] == []
