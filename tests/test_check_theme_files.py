"""`check` refuses the theme files `build` refuses (a link out of the theme folder, a file too
large to publish), at the file: a pull request's check fails where its deploy would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from unit_helpers import run_build

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX only (symlinks)")
def test_check_refuses_a_theme_file_linking_out_of_the_theme_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    (site / "templates" / "assets").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    (site / "templates" / "assets" / "x.css").symlink_to(secret)
    checked = run_build("check", "--root", str(site), cwd=tmp_path)
    built = run_build("build", "--root", str(site), "--out", str(tmp_path / "out"), cwd=tmp_path)
    expected = "templates/assets/x.css:1:1: error: a theme file must be a file inside its theme folder"
    assert (checked.returncode, built.returncode) == (1, 1)
    assert expected in checked.stdout + checked.stderr
    assert expected in built.stdout + built.stderr
