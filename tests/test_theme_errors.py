"""A site's own theme files that cannot be compiled are located errors: a syntax error at its
line, a missing template at the line that names it; never `templates: error:` alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import run_build, write_site

BROKEN = Path(__file__).parent / "fixtures" / "broken-themes"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "syntax-error.html",
            "templates/404.html:2:1: error: Expected an expression, got 'end of statement block'",
        ),
        ("include-missing.html", "templates/404.html:2:1: error: template 'missing.html' not found"),
        ("extends-missing.html", "templates/404.html:1:1: error: template 'nonexist.html' not found"),
    ],
)
def test_a_theme_file_that_cannot_compile_is_located(fixture: str, expected: str, tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"templates/404.html": (BROKEN / fixture).read_text()})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert expected in result.stdout + result.stderr
