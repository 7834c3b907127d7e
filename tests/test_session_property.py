"""A session that builds again (the preview server's) gives, after any sequence of edits, the
files a cold build gives: the random edits of test_cache_equals_cold.py, each rebuilt by one
long-lived `BuildSession` in this process, as `serve` runs it (every page open shown first,
the files changed since the last run reported as its watcher reports them), and compared
with a cold build (`build --no-cache`, in a process of its own) of a fresh copy.

Derandomized like the other property test; CHRONICLE_SESSION_PROPERTY_EXAMPLES=100 runs
more examples (default 15, under a minute on two cores).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from output_trees import SUB_PATH_URL, copy_site, finish_build, first_difference, start_build
from test_cache_equals_cold import EDITS, FIXTURE_SITE, THEMES, Edit, ThemeOverride, derandomized
from test_session_rebuild_equals_cold import changed_between, run, stamps

from chronicle.build.session import BuildOptions, BuildSession

EXAMPLES = int(os.environ.get("CHRONICLE_SESSION_PROPERTY_EXAMPLES", "15"))


def cold_difference(site: Path, out: Path, work: Path) -> str | None:
    """The first difference between `out` and a cold build of a fresh copy of `site`, or None."""
    cold_root, cold_out = work / "cold-site", work / "cold"
    for stale in (cold_root, cold_out):
        if stale.exists():
            shutil.rmtree(stale)
    copy_site(site, cold_root)
    finish_build(start_build(cold_root, cold_out, "--no-cache"), "the cold build")
    return first_difference(cold_out, out)


@derandomized(EXAMPLES)
@given(theme=THEMES, edits=st.lists(EDITS, min_size=1, max_size=5))
def test_after_every_edit_a_session_rebuild_equals_a_cold_build(
    theme: dict[str, int], edits: list[Edit]
) -> None:
    with tempfile.TemporaryDirectory(prefix="chronicle-session-test-") as temporary:
        work = Path(temporary)
        site = copy_site(FIXTURE_SITE, work / "site")
        steps = [f"before the first build: {ThemeOverride(*item).apply(site)}" for item in theme.items()]
        out = work / "out"
        session = BuildSession(BuildOptions(site, out, SUB_PATH_URL, jobs=1))
        run(session)
        for edit in edits:
            before = stamps(site)
            description = edit.apply(site)
            if description is None:
                continue
            steps.append(description)
            note(f"edit: {description}")
            run(session, changed_between(before, stamps(site)))
            difference = cold_difference(site, out, work)
            if difference is not None:
                listed = "\n".join(f"  {number}. {step}" for number, step in enumerate(steps, 1))
                pytest.fail(f"after\n{listed}\na session's rebuild differs from a cold build at {difference}")
