"""Compiled templates (code) and the cache's key are kept in the user's own cache folder,
never among a site's files: a relative XDG_CACHE_HOME is ignored (the XDG spec), and a cache
folder inside the site folder, or the git work tree holding it, is not used."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from output_trees import first_difference

from chronicle.build.cache import user_cache_folder

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "fixtures" / "minimal"


def build(root: Path, out: Path, cache_home: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")
    assert user_cache_folder() == tmp_path / ".cache" / "chronicle"


def test_an_absolute_xdg_cache_home_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert user_cache_folder() == tmp_path / "elsewhere" / "chronicle"


@pytest.mark.parametrize("inside", ["site", "work tree"])
def test_a_cache_folder_among_the_sites_files_is_not_used(tmp_path: Path, inside: str) -> None:
    tree = tmp_path / "repository"
    site = tree / "timeline" if inside == "work tree" else tree
    shutil.copytree(MINIMAL, site)
    (tree / ".git").mkdir()
    plain = shutil.copytree(MINIMAL, tmp_path / "plain")
    normal = build(plain, tmp_path / "normal", str(tmp_path / "own-cache"), tmp_path)
    assert normal.returncode == 0, normal.stderr
    cache_home = tree / ".cache"
    result = build(site, tmp_path / "out", str(cache_home), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: chronicle's cache folder" in result.stderr
    assert not cache_home.exists()  # no compiled template, no key
    assert not (site / ".chronicle-cache").exists()
    assert first_difference(tmp_path / "normal", tmp_path / "out") is None
