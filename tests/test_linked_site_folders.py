"""A content or theme folder of the site that is a link into one of the site's own hidden
folders (.git, whose config may hold a CI token; .chronicle-cache) is refused, as a link
out of the site folder is: `check` and `build` report it and write nothing."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from chronicle.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")

FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def linked_into_a_hidden_folder(tmp_path: Path, folder: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns(".chronicle-cache", "site"))
    hidden = root / ".git" / folder
    hidden.parent.mkdir()
    if (root / folder).exists():
        shutil.move(root / folder, hidden)
    else:
        hidden.mkdir()
    (root / folder).symlink_to(Path(".git") / folder)
    return root


@pytest.mark.parametrize("folder", ["content", "seeds", "media", "templates"])
def test_check_refuses_a_folder_linked_into_a_hidden_folder_of_the_site(
    tmp_path: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = linked_into_a_hidden_folder(tmp_path, folder)
    assert main(["check", "--root", str(root)]) == 1
    assert "a link into a hidden folder of the site" in capsys.readouterr().err


def test_build_refuses_templates_linked_into_a_hidden_folder_of_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = linked_into_a_hidden_folder(tmp_path, "templates")
    assert main(["build", "--root", str(root), "--no-cache"]) == 1
    assert "templates/ is a link into a hidden folder of the site" in capsys.readouterr().err
    assert not (root / "site").exists()


def test_templates_linked_to_a_plain_folder_of_the_site_are_the_theme(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns(".chronicle-cache", "site"))
    (root / "theme").mkdir()
    (root / "theme" / "404.html").write_text("own 404\n", encoding="utf-8")
    (root / "templates").symlink_to("theme")
    assert main(["build", "--root", str(root), "--no-cache"]) == 0
    assert (root / "site" / "404.html").read_text(encoding="utf-8") == "own 404\n"
