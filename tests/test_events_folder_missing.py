"""A site whose events folder is gone would publish an empty timeline over its last one: a
file in its place is an error (nothing is written), and a missing folder a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.cli import main


def test_a_file_in_place_of_the_events_folder_is_an_error_and_the_output_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site(tmp_path / "site")
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out")]) == 0
    before = sorted(path.relative_to(tmp_path / "out") for path in (tmp_path / "out").rglob("*"))
    shutil.rmtree(root / "content" / "events")
    (root / "content" / "events").write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out")]) == 1
    assert "content/events:1:1: error: content/events is not a folder" in capsys.readouterr().err
    assert sorted(path.relative_to(tmp_path / "out") for path in (tmp_path / "out").rglob("*")) == before


def test_a_missing_events_folder_is_a_warning(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    shutil.rmtree(root / "content" / "events")
    found = [(where, message) for where, message, _ in reported(root) if "is missing" in message]
    assert found == [
        (
            "content/events:1:1",
            "warning: content/events/ is missing: the site has no events, and its timeline is empty",
        )
    ]
