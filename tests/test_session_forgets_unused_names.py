"""A session that builds again keeps the key of each name an event's check looked up (an
article, an entity, an image), to find at its next run which of them changed; a name no event
looks up any more is forgotten (build.dependencies.forget_unused_dependencies)."""

from __future__ import annotations

from pathlib import Path

from output_trees import SUB_PATH_URL, copy_site
from test_session_rebuild_equals_cold import EVENTS, FIXTURE_SITE, changed_between, replace, run, stamps

from chronicle.build.session import BuildOptions, BuildSession


def session_of(tmp_path: Path) -> tuple[Path, BuildSession]:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1))
    run(session)
    return site, session


def without_krakow(site: Path, session: BuildSession) -> None:
    """The only event in Kraków placed in the Selka delta instead, and built again."""
    before = stamps(site)
    replace(site, f"{EVENTS}/krakow-talks-stall.yaml", "places: [krakow]", "places: [selka-delta]")
    run(session, changed_between(before, stamps(site)))


def test_a_name_no_event_looks_up_any_more_is_forgotten(tmp_path: Path) -> None:
    site, session = session_of(tmp_path)
    assert "place:krakow" in session.state.dependencies
    without_krakow(site, session)
    assert "place:krakow" not in session.state.dependencies


def test_a_name_other_events_still_look_up_is_kept(tmp_path: Path) -> None:
    site, session = session_of(tmp_path)
    without_krakow(site, session)
    assert {"place:selka-delta", "article:beta-wire"} <= session.state.dependencies.keys()
