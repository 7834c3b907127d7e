"""A site's own theme that prints a function, a class or a module (`{{ _ }}` for
`{{ _("...") }}`, `{{ card }}`, `{{ range }}`) would write a memory address into the page,
different on every build: it is an error at the template's line instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chronicle.cli import main

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


def site_printing(tmp_path: Path, expression: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(MINIMAL, root, ignore=shutil.ignore_patterns(".chronicle-cache"))
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text(f"Not found\n[{expression}]\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("expression", ["{{ _ }}", "{{ card }}", "{{ range }}", "{{ _|string }}"])
def test_printing_a_function_is_an_error_at_the_template_line(
    tmp_path: Path, expression: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_printing(tmp_path, expression)
    for out in ("one", "two"):
        assert main(["build", "--root", str(root), "--no-cache", "--out", str(tmp_path / out)]) == 1
        assert (
            "templates/404.html:2:1: error: TypeError: a function cannot be shown" in capsys.readouterr().err
        )
        assert not (tmp_path / out).exists()


def test_calling_the_function_prints_its_text(tmp_path: Path) -> None:
    root = site_printing(tmp_path, '{{ _("Timeline") }} {{ range(2)|list|length }}')
    assert main(["build", "--root", str(root), "--no-cache", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "404.html").read_text(encoding="utf-8") == "Not found\n[Timeline 2]\n"


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ('{{ _ ~ "" }}', "2:1: error: TypeError: a function cannot be shown"),
        ("{{ [_] }}", "2:1: error: TypeError: a list or mapping holding a function cannot be shown"),
        ('{{ {"a": card} }}', "2:1: error: TypeError: a list or mapping holding a function cannot be shown"),
        ("{{ _|pprint }}", "2:1: error: TypeError: |pprint cannot make text of a function"),
        ("{{ _|upper }}", "2:1: error: TypeError: |upper cannot make text of a function"),
        ('{{ [range, 1]|join(",") }}', "2:1: error: TypeError: |join cannot make text of a function"),
        ('{{ "%s"|format(card) }}', "2:1: error: TypeError: |format cannot make text of a function"),
        ('{{ "{}".format(_) }}', "2:1: error: TypeError: format() cannot make text of a function"),
        ('{{ "%s" % range }}', "2:1: error: TypeError: % cannot make text of a function"),
        ("{{ (cycler(1)|string)[:-1] }}", "2:1: error: TypeError: an object without text of its own"),
        ('{{ (joiner(",")|pprint)[:-1] }}', "2:1: error: TypeError: |pprint cannot make text of a function"),
        ('{{ ("{}".format(cycler(1)))[:-1] }}', "2:1: error: TypeError: format() cannot make text"),
    ],
)
def test_a_function_turned_into_text_any_other_way_is_an_error_too(
    tmp_path: Path, expression: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_printing(tmp_path, expression)
    assert main(["build", "--root", str(root), "--no-cache", "--out", str(tmp_path / "out")]) == 1
    assert f"templates/404.html:{said}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
