"""build.keys: one recipe for every key; the engine key covers what shapes output besides content."""

from __future__ import annotations

import shutil
import sys
from importlib import metadata
from pathlib import Path

import jinja2
import pytest
from conftest import FIXTURES

from chronicle.build import keys
from chronicle.build.cache import load_state
from chronicle.build.session import BuildOptions, BuildSession


@pytest.fixture
def fresh_engine_key() -> object:
    keys.engine_key.cache_clear()
    yield
    keys.engine_key.cache_clear()


def pretend_version(monkeypatch: pytest.MonkeyPatch, library: str, version: str) -> None:
    real = metadata.version

    def version_of(name: str) -> str:
        return version if name == library else real(name)

    monkeypatch.setattr(keys.metadata, "version", version_of)
    keys.engine_key.cache_clear()


@pytest.mark.usefixtures("fresh_engine_key")
def test_a_new_version_of_a_library_that_shapes_output_changes_the_engine_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = keys.engine_key()
    for library in ("markdown-it-py", "jinja2", "feedgen", "lxml", "pyyaml", "markupsafe"):
        pretend_version(monkeypatch, library, "999.0")
        assert keys.engine_key() != before, library
        monkeypatch.undo()
        keys.engine_key.cache_clear()
    assert keys.engine_key() == before


@pytest.mark.usefixtures("fresh_engine_key")
def test_a_new_python_changes_the_engine_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = keys.engine_key()
    monkeypatch.setattr(sys, "version", sys.version + " (patched)")
    keys.engine_key.cache_clear()
    assert keys.engine_key() != before


@pytest.mark.usefixtures("fresh_engine_key")
def test_a_new_markdown_it_version_remakes_every_cached_fragment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    options = BuildOptions(root, tmp_path / "out", "https://example.org/", jobs=1)
    BuildSession(options).run()
    kept = dict(load_state(root).fragments)
    assert kept
    pretend_version(monkeypatch, "markdown-it-py", "999.0")
    assert load_state(root).fragments == {}  # the cache of another engine is not read
    outcome = BuildSession(options).run()
    assert outcome.report is not None
    assert outcome.report.rendered == outcome.report.files


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates))


@pytest.mark.parametrize(
    "reference",
    [
        '{% include "part.html" %}',
        '{%+ include "part.html" %}',
        '{%- include "part.html" -%}',
        '{% import "part.html" as part %}',
        '{% from "part.html" import x %}',
        '{% extends "part.html" %}',
    ],
)
def test_a_template_key_follows_every_spelling_of_a_reference(reference: str) -> None:
    before = keys.template_key(environment({"page.html": reference, "part.html": "one"}), "page.html")
    after = keys.template_key(environment({"page.html": reference, "part.html": "two"}), "page.html")
    assert before != after


def test_a_computed_template_name_makes_every_template_count() -> None:
    page = "{% include name ~ '.html' %}"
    before = keys.template_key(environment({"page.html": page, "other.html": "one"}), "page.html")
    after = keys.template_key(environment({"page.html": page, "other.html": "two"}), "page.html")
    assert before != after


def test_references_are_kept_by_source_so_an_unchanged_template_is_not_parsed_again() -> None:
    known: dict[str, list[str]] = {}
    env = environment({"page.html": '{% include "part.html" %}', "part.html": "one"})
    first = keys.template_key(env, "page.html", known)
    assert sorted(references for references in known.values()) == [[], ["part.html"]]
    assert keys.template_key(env, "page.html", known) == first


@pytest.mark.parametrize(
    "reference",
    ['{% include "notice.html" ignore missing %}', '{% include ["notice.html", "part.html"] %}'],
    ids=["ignore-missing", "alternatives"],
)
def test_a_reference_that_may_be_missing_is_no_error_and_its_arrival_changes_the_key(reference: str) -> None:
    without = keys.template_key(environment({"page.html": reference, "part.html": "p"}), "page.html")
    added = {"page.html": reference, "part.html": "p", "notice.html": "n"}
    assert keys.template_key(environment(added), "page.html") != without


def test_a_missing_template_named_alone_is_still_an_error_at_its_line() -> None:
    env = environment({"page.html": 'one\n{% include "notice.html" %}'})
    with pytest.raises(jinja2.TemplateSyntaxError) as raised:
        keys.template_key(env, "page.html")
    assert raised.value.lineno == 2
