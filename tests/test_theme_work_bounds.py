"""A site's own theme cannot make one render build gigabytes or run for hours: every method
and filter whose result a number or a repeated argument makes large is sized before it runs,
and the loop rounds, macro calls and `range` items of one page's render draw from a budget."""

from __future__ import annotations

import time
from pathlib import Path

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from unit_helpers import run_build, write_site

from chronicle.render import sandbox_budget
from chronicle.render.sandbox_budget import MAX_STEPS
from chronicle.render.theme import default_theme_dir, make_environment, render_template


def sandbox(tmp_path: Path) -> jinja2.Environment:
    own = tmp_path / "templates"
    own.mkdir(exist_ok=True)
    return make_environment((own, default_theme_dir()), {})


@pytest.mark.parametrize(
    "expression",
    [
        '{{ "x".ljust(30000000) }}',
        '{{ "x".rjust(30000000) }}',
        '{{ "x".center(30000000) }}',
        '{{ "x".zfill(30000000) }}',
        '{{ ("a\\t" * 1000).expandtabs(100000) }}',
        '{{ ("a" * 3000).replace("a", "b" * 1000000) }}',
        '{{ ("b" * 3000000).join("a" * 1000) }}',
        '{{ ("b" * 3000000).join(("a" * 1000) | map("upper")) }}',
        '{{ ("a" * 100).translate({97: "b" * 1000000}) }}',
        '{{ ("a" * 3000) | replace("a", "b" * 1000000) }}',
        '{{ (("a" * 1000) | list) | join("b" * 3000000) }}',
        '{{ (["a" * 1000000] * 20) | join }}',
        '{{ ("a\\n" * 1000000) | indent("b" * 100) }}',
        '{{ ("a" * 100000) | wordwrap(1, wrapstring="x" * 1000) }}',
        "{{ [[[1]]] | tojson(10000000) }}",
        "{{ [1] | batch(100000000, 0) | list }}",
        '{% set a = "x" * 6000000 %}{{ a + a }}',
    ],
)
def test_a_theme_method_or_filter_that_would_build_too_much_is_refused(
    expression: str, tmp_path: Path
) -> None:
    with pytest.raises(SecurityError, match=r"a theme may (build|ask for) at most"):
        render_template(sandbox(tmp_path).from_string(expression), {})


def test_a_theme_may_still_pad_replace_and_join_within_the_bounds(tmp_path: Path) -> None:
    template = (
        '{{ "a".ljust(3) }}|{{ "x,y" | replace(",", ";") }}|{{ [1, 2] | join(", ") }}|{{ "-".join("ab") }}'
    )
    assert render_template(sandbox(tmp_path).from_string(template), {}) == "a  |x;y|1, 2|a-b"


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> int:
    """A budget a tenth of the build's, spent the same way (the build's takes 20 s of macro
    calls to run out: a test needs to see it run out, not how long that takes)."""
    monkeypatch.setattr(sandbox_budget, "MAX_STEPS", MAX_STEPS // 10)
    return MAX_STEPS // 10


@pytest.mark.parametrize(
    "template",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{% for j in range(100000) if false %}{% endfor %}{% endfor %}",
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
    ],
)
def test_a_render_that_would_take_too_many_steps_stops_early(
    template: str, tmp_path: Path, small_budget: int
) -> None:
    started = time.monotonic()
    with pytest.raises(SecurityError, match=f"at most {small_budget:,} steps"):
        render_template(sandbox(tmp_path).from_string(template), {})
    assert time.monotonic() - started < 12  # hours without the budget


def test_each_render_has_a_budget_of_its_own(tmp_path: Path, small_budget: int) -> None:
    # 100,000 steps a render (50,000 rounds, each of a `range` item): three budgets in all.
    template = sandbox(tmp_path).from_string("{% for i in range(50000) %}{% endfor %}ok")
    for _ in range(3 * small_budget // 100_000):
        assert render_template(template, {}) == "ok"


def test_nested_loops_in_a_theme_are_an_error_at_their_line(tmp_path: Path) -> None:
    loops = "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    root = write_site(tmp_path / "site", {"templates/404.html": f"<p>\n{loops}"})
    result = run_build("check", "--root", str(root))
    assert result.returncode == 1
    assert "templates/404.html:3:1: error: SecurityError: " in result.stdout + result.stderr
