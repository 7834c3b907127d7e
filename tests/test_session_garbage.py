"""A session that builds again (the preview server's) leaves its plan and its views to
reference counting: freed as soon as a run ends. What a run leaves in reference cycles is
kept until a full collection, which at 20,000 events scans the whole site for seconds, in
the middle of a later save; and meanwhile every run's plan would pile up."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import jinja2
import pytest
from output_trees import SUB_PATH_URL, copy_site
from test_session_rebuild_equals_cold import EVENTS, FIXTURE_SITE, changed_between, replace, run, stamps

from chronicle.build.session import BuildOptions, BuildSession


def left_in_cycles_by_a_rebuild(tmp_path: Path, broken_theme: bool = False) -> Counter[str]:
    """What a session's rebuild after one edit leaves in cycles: kind -> how many. With
    `broken_theme`, the edit is an event page template that fails as it renders."""
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1, again=True))
    run(session)
    gc.collect()
    before = stamps(site)
    if broken_theme:
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates" / "event.html").write_text("{{ no_such_function() }}\n", encoding="utf-8")
        with pytest.raises(jinja2.TemplateError):
            session.run(save_later=True)
    else:
        replace(site, f"{EVENTS}/krakow-talks-stall.yaml", "Two days of talks", "Two long days of talks")
        run(session, changed_between(before, stamps(site)))
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        found = Counter(getattr(item, "__qualname__", type(item).__name__) for item in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    return found


def test_a_rebuild_leaves_no_plan_in_cycles(tmp_path: Path) -> None:
    found = left_in_cycles_by_a_rebuild(tmp_path)
    assert not {"Plan", "OutputFile", "PageSpec", "FilePieces", "PieceSource"} & found.keys()


def test_a_rebuild_leaves_no_index_of_views_in_cycles(tmp_path: Path) -> None:
    found = left_in_cycles_by_a_rebuild(tmp_path)
    assert not [name for name in found if "view_versions" in name]


def test_a_rebuild_whose_theme_fails_leaves_only_the_pages_it_was_rendering_in_cycles(
    tmp_path: Path,
) -> None:
    found = left_in_cycles_by_a_rebuild(tmp_path, broken_theme=True)
    # The error's traceback holds what its frames held: the event pages being rendered, and
    # not the plan's other files.
    events = len(list((FIXTURE_SITE / EVENTS).glob("*.yaml")))
    assert (found["OutputFile"] <= events, found["FilePieces"]) == (True, 0)
