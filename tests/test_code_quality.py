"""The code itself: ruff clean, mypy strict on the package (configured in pyproject.toml), and
small modules and functions (at most 400 lines a module, 60 a function)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


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


def package_modules() -> list[Path]:
    return sorted((REPO / "chronicle").rglob("*.py"))


def test_every_module_has_at_most_400_lines() -> None:
    too_long = [
        f"{path.relative_to(REPO)}: {lines} lines"
        for path in package_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert too_long == [], f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(too_long)


def test_every_function_has_at_most_60_lines() -> None:
    """Methods and nested functions included, each from its `def` to its last line (decorators
    not counted)."""
    too_long = []
    for path in package_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.name}, {lines} lines")
    assert too_long == [], f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(too_long)


# The pipeline's layers, in order: each imports only the layers before it (and itself).
LAYERS = ["model", "source", "timeline", "render", "build", "authoring", "preview", "links", "commands"]


def test_each_layer_imports_only_the_layers_before_it() -> None:
    climbing = []
    for path in sorted((REPO / "chronicle").rglob("*.py")):
        parts = path.relative_to(REPO / "chronicle").parts
        if len(parts) < 2:
            continue  # cli.py and __main__.py sit above every layer
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("chronicle."):
                target = (node.module or "").split(".")[1]
                if target in LAYERS and LAYERS.index(target) > LAYERS.index(parts[0]):
                    climbing.append(f"{path.relative_to(REPO)}:{node.lineno}: imports {node.module}")
    assert climbing == [], "\n".join(climbing)
