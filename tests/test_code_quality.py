"""The code itself: ruff clean, and mypy strict on the package (configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by `pip install -e '.[test]'`")
def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "chronicle", "tests", "build.py")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_finds_nothing_in_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy is installed by `pip install -e '.[test]'`")
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout
