"""`new` and `import` write only inside the site folder: a folder they write into (or any
folder above it, up to the site folder) that is a link out of the site folder, or into one
of its hidden folders, is a usage error, and nothing is written anywhere."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from chronicle.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
SHEET = "Year,Month,Day,Headline,Text\n2025,6,1,Hello there,Something happened\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(MINIMAL, root)
    return root


def moved_out(site: Path, relfolder: str, outside: Path) -> Path:
    """Moves ROOT/relfolder to `outside` and leaves a link to it in its place."""
    folder = site / relfolder
    if folder.exists():
        shutil.move(folder, outside)
    else:
        outside.mkdir()
    folder.symlink_to(outside)
    return outside


def files_in(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def new(site: Path) -> int:
    return main(["new", "Hello there", "--date", "2025-06-01", "--root", str(site)])


def imported(site: Path, tmp_path: Path) -> int:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    return main(["import", str(sheet), "--root", str(site)])


@pytest.mark.parametrize("relfolder", ["content/events", "content", "schema"])
def test_new_refuses_a_folder_linked_outside_the_site(
    site: Path, tmp_path: Path, relfolder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = moved_out(site, relfolder, tmp_path / "outside")
    before, site_before = files_in(outside), files_in(site)
    assert new(site) == 2
    assert "outside the site folder" in capsys.readouterr().err
    assert files_in(outside) == before
    assert files_in(site) == site_before


@pytest.mark.parametrize("relfolder", ["content/events", "schema"])
def test_import_refuses_a_folder_linked_outside_the_site(
    site: Path, tmp_path: Path, relfolder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = moved_out(site, relfolder, tmp_path / "outside")
    before, site_before = files_in(outside), files_in(site)
    assert imported(site, tmp_path) == 2
    assert "outside the site folder" in capsys.readouterr().err
    assert files_in(outside) == before
    assert files_in(site) == site_before


def test_new_refuses_a_folder_linked_into_a_hidden_folder_of_the_site(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / ".git").mkdir()
    (site / "schema").symlink_to(site / ".git")
    assert new(site) == 2
    assert "hidden folder" in capsys.readouterr().err
    assert files_in(site / ".git") == set()
    assert not (site / "content" / "events" / "hello-there.yaml").exists()


def test_a_link_inside_the_site_folder_is_written_through(site: Path) -> None:
    shutil.move(site / "content" / "events", site / "content" / "all-events")
    (site / "content" / "events").symlink_to("all-events")
    assert new(site) == 0
    assert (site / "content" / "all-events" / "hello-there.yaml").is_file()
