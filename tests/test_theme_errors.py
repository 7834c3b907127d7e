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


@pytest.mark.parametrize(
    "expression",
    [
        '{{ "ab" * 6000000 }}',
        "{{ [1, 2] * 6000000 }}",
        "{{ 3 ** 70000 }}",
        '{{ "%12000000s" % "a" }}',
        '{{ "%.12000000f" % 1 }}',
        '{{ "%12000000s" | format("a") }}',
        '{{ "{:>12000000}".format(1) }}',
        '{{ "x" | center(12000000) }}',
        '{{ "x" | indent(12000000, true) }}',
    ],
)
def test_a_theme_expression_that_would_build_too_much_is_refused_at_its_line(
    expression: str, tmp_path: Path
) -> None:
    root = write_site(tmp_path / "site", {"templates/404.html": f"<p>\n{expression}\n"})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "templates/404.html:2:1: error: SecurityError: " in result.stdout + result.stderr


@pytest.mark.parametrize("expression", ["{{ [1, 2, 3] | random }}", "{{ lipsum(1) }}"])
def test_a_theme_that_draws_at_random_is_refused_at_its_line(expression: str, tmp_path: Path) -> None:
    # Two builds of the same content must give the same bytes, and a cached rebuild would
    # keep the last build's draw.
    root = write_site(tmp_path / "site", {"templates/404.html": f"<p>\n{expression}\n"})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "templates/404.html:2:1: error: TemplateRuntimeError: " in result.stdout + result.stderr
    assert "may not draw at random" in result.stdout + result.stderr


def test_a_theme_may_still_repeat_and_format_within_the_bounds(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"templates/404.html": (BROKEN / "within-bounds.html").read_text()})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "-" * 80 in (tmp_path / "out" / "404.html").read_text(encoding="utf-8")


def test_check_fails_on_a_theme_that_cannot_render_where_the_build_would(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"templates/404.html": (BROKEN / "render-error.html").read_text()})
    checked = run_build("check", "--root", str(root))
    assert checked.returncode == 1
    assert "templates/404.html:2:1: error: ZeroDivisionError: division by zero" in checked.stderr
    built = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert built.returncode == 1
    assert "templates/404.html:2:1: error: ZeroDivisionError: division by zero" in built.stderr


def test_check_annotates_a_broken_theme_file_for_a_pull_request(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"templates/card.html": (BROKEN / "syntax-error.html").read_text()})
    checked = run_build("check", "--root", str(root), "--format", "github")
    assert checked.returncode == 1
    assert "::error file=" in checked.stdout and "templates/card.html,line=2" in checked.stdout


def test_check_passes_a_site_theme_that_renders(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"templates/404.html": (BROKEN / "within-bounds.html").read_text()})
    checked = run_build("check", "--root", str(root))
    assert checked.returncode == 0, checked.stderr
