"""The preview server tells a notice once: it asks for nothing, so a rebuild that finds it
again leaves it out, and the errors and warnings of each build stay in view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chronicle.build.session import BuildOptions, BuildSession
from chronicle.commands.serve import rebuild
from chronicle.preview.state import PreviewState

FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def session_for(tmp_path: Path) -> BuildSession:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", ".chronicle-cache"))
    return BuildSession(BuildOptions(root, tmp_path / "out", jobs=1))


def test_a_notice_is_told_at_the_first_build_and_not_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session, state = session_for(tmp_path), PreviewState()
    assert rebuild(session, state)
    first = capsys.readouterr().err
    assert ": notice: " in first
    assert rebuild(session, state)
    assert ": notice: " not in capsys.readouterr().err


def test_a_notice_that_went_away_and_came_back_is_told_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session, state = session_for(tmp_path), PreviewState()
    rebuild(session, state)
    capsys.readouterr()
    state.notices = frozenset()  # as after a build that found none
    rebuild(session, state)
    assert ": notice: " in capsys.readouterr().err
