"""The default theme's shortcuts give the pages a site's own copy of the theme gives.

Two things are done only for the default theme's own templates: an event card is made once
for every page below the site root (its root put in afterwards), and the fixed messages are
translated when a template is compiled. A site whose templates/ holds a copy of the default
theme gets neither, so both builds must be the same, byte for byte.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from chronicle.render.fixed_messages import translate_fixed_messages
from chronicle.render.theme import default_theme_dir
from tests.output_trees import REPO, build, first_difference, tree_files

EVENTS = 500  # enough for a topic's events to run onto a second page (a folder deeper)


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "site"
    command = [
        sys.executable,
        str(REPO / "bench" / "generate.py"),
        "--events",
        str(EVENTS),
        "--out",
        str(root),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return root


def test_a_copy_of_the_default_theme_builds_the_same_site(generated_site: Path, tmp_path: Path) -> None:
    default_out = tmp_path / "default"
    build(generated_site, default_out, "--no-cache")
    own = tmp_path / "own"
    shutil.copytree(generated_site, own)
    shutil.copytree(default_theme_dir(), own / "templates")
    own_out = tmp_path / "own-out"
    build(own, own_out, "--no-cache")
    assert first_difference(default_out, own_out) is None
    deeper = [
        path for path in tree_files(default_out) if re.fullmatch(r"tags/[^/]+/[0-9]+/index\.html", path)
    ]
    assert deeper, "no listing page a folder deeper: the shared cards were not put to the test"


def test_no_placeholder_of_a_shared_card_reaches_a_page(generated_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(generated_site, out)
    placeholders = ("\ue000".encode(), "\ue001".encode())
    leaked = [
        path
        for path, file in tree_files(out).items()
        if any(mark in file.read_bytes() for mark in placeholders)
    ]
    assert leaked == []


def _folded(source: str, translate: dict[str, str]) -> str:
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    tree = translate_fixed_messages(env.parse(source), lambda message: translate.get(message, message))
    return "".join(env.compile(tree, raw=True).splitlines(keepends=True))


def test_a_fixed_message_is_compiled_as_its_translation() -> None:
    code = _folded('{{ _("Timeline") }}', {"Timeline": "Chronologie"})
    assert "Chronologie" in code and "'Timeline'" not in code


def test_a_fixed_message_says_a_doubled_percent_sign_once() -> None:
    assert "'100% sure'" in _folded('{{ _("100%% sure") }}', {})


def test_a_message_with_placeholders_is_left_to_the_render() -> None:
    assert "'Hello %(name)s'" in _folded('{{ _("Hello %(name)s", name=who) }}', {})


def test_a_message_that_asks_for_an_unfilled_placeholder_is_left_to_the_render() -> None:
    assert "'Hello %(name)s'" in _folded('{{ _("Hello %(name)s") }}', {})


def test_a_site_template_that_redefines_the_gettext_function_is_obeyed_by_the_default_ones(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", root)
    shutil.copytree(REPO / "tests" / "fixtures" / "own-gettext" / "templates", root / "templates")
    build(root, tmp_path / "out", "--no-cache")
    assert "[[Skip to content]]" in (tmp_path / "out" / "404.html").read_text(encoding="utf-8")
