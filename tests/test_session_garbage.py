"""A session that builds again (the preview server's) leaves its plan and its views to
reference counting: freed as soon as a run ends. What a run leaves in reference cycles is
kept until a full collection, which at 20,000 events scans the whole site for seconds, in
the middle of a later save; and meanwhile every run's plan would pile up."""

from __future__ import annotations

import gc
import sys
import types
from collections import Counter
from pathlib import Path

import jinja2
import pytest
from output_trees import SUB_PATH_URL, copy_site
from test_session_rebuild_equals_cold import EVENTS, FIXTURE_SITE, changed_between, replace, run, stamps

from chronicle.build.cards import Cards
from chronicle.build.session import BuildOptions, BuildSession


def left_in_cycles_by_a_rebuild(tmp_path: Path, broken_theme: bool = False) -> Counter[str]:
    """What a session's rebuild after one edit leaves in cycles: kind -> how many. With
    `broken_theme`, the edit is an event page template that fails as it renders."""
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1))
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
    return left_in_cycles()


def left_in_cycles(only_chronicles: bool = False) -> Counter[str]:
    """What a full collection now finds in cycles, kind -> how many; with `only_chronicles`,
    only chronicle's own objects (its functions, its classes' instances). Not counted: what
    only a library's caught exceptions hold, through the frames of their tracebacks (EDTF's
    parser leaves such cycles at every parse; each frame holds its callers' frames), and what
    only the theme's Jinja environment holds."""
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        garbage = {id(item): item for item in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    # Also not counted: the theme's environment and what it holds. Each compiled template is
    # functions in a namespace of their own that holds them (a cycle by construction), and the
    # environment holds its templates: it is freed at the next collection (build.cards).
    held = [
        item
        for item in garbage.values()
        if isinstance(item, types.FrameType | types.TracebackType | jinja2.Environment)
    ]
    through_frames = {id(item) for item in held}
    while held:
        for inner in gc.get_referents(held.pop()):
            if id(inner) in garbage and id(inner) not in through_frames:
                through_frames.add(id(inner))
                held.append(inner)
    return Counter(
        getattr(item, "__qualname__", type(item).__name__)
        for key, item in garbage.items()
        if key not in through_frames
        and (
            not only_chronicles
            or (getattr(item, "__module__", None) or type(item).__module__ or "").startswith("chronicle")
        )
    )


def test_a_rebuild_leaves_no_plan_in_cycles(tmp_path: Path) -> None:
    found = left_in_cycles_by_a_rebuild(tmp_path)
    assert not {"Plan", "OutputFile", "PageSpec", "FilePieces", "PieceSource"} & found.keys()


def test_a_rebuild_leaves_no_card_it_made_in_cycles(tmp_path: Path) -> None:
    # The theme's environment (in cycles of Jinja's own) holds the card functions, so their
    # object stays until a full collection: not the cards it made.
    seen: list[int] = []
    real = left_in_cycles

    def cards_made_in_cycles() -> Counter[str]:
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            seen.extend(len(item.made) for item in gc.garbage if isinstance(item, Cards))
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        return real()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules[__name__], "left_in_cycles", cards_made_in_cycles)
        left_in_cycles_by_a_rebuild(tmp_path)
    assert seen and not any(seen)


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


def test_a_build_leaves_nothing_of_chronicles_in_cycles(tmp_path: Path) -> None:
    # The collector is off during a build (build.heap): what a build leaves in cycles stays
    # until a full collection, and is shared with each worker forked meanwhile, then copied.
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    gc.collect()
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1))
    run(session)
    assert left_in_cycles(only_chronicles=True) == Counter()
