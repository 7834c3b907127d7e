"""The preview server's first build is made by a child process; the server's own session
then reads the cache that build left and finds every file unchanged (`serve._first_build`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES
from output_trees import build, copy_site, first_difference

from chronicle.build.session import BuildOptions, BuildSession
from chronicle.preview.child_build import build_in_child, builds_apart

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the child build needs os.fork")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return copy_site(FIXTURES / "site", tmp_path / "site")


def test_the_child_writes_the_whole_output(site: Path, tmp_path: Path) -> None:
    build_in_child(BuildOptions(site, tmp_path / "served", jobs=1))
    build(copy_site(site, tmp_path / "cold-site"), tmp_path / "cold", "--no-cache")
    assert first_difference(tmp_path / "cold", tmp_path / "served") is None


def test_after_the_child_the_session_renders_nothing(site: Path, tmp_path: Path) -> None:
    options = BuildOptions(site, tmp_path / "served", jobs=1)
    build_in_child(options)
    outcome = BuildSession(options).run(save_later=True)
    assert outcome.report is not None
    assert outcome.report.rendered == 0
    assert outcome.report.reused == outcome.report.files > 0


def test_a_child_that_fails_leaves_the_output_to_the_session(site: Path, tmp_path: Path) -> None:
    event = next((site / "content" / "events").glob("*.yaml"))
    event.write_text("title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "served"
    build_in_child(BuildOptions(site, out, jobs=1))
    assert not out.exists() or not any(out.iterdir())


def test_no_child_without_a_cache(site: Path) -> None:
    assert builds_apart(BuildOptions(site, site / "out", use_cache=True))
    assert not builds_apart(BuildOptions(site, site / "out", use_cache=False))
