"""The pages the preview server shows first are made as the build makes them: an event's page
chosen alone names the same period page and the same places on the Corrections page."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.build.load import load_site
from chronicle.model.records import Change, Site
from chronicle.render.pages import event_page_specs
from chronicle.timeline.assemble import in_chronology
from chronicle.timeline.markdown import make_markdown
from chronicle.timeline.views import Timeline

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def paged_timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    """bench/generate.py's synthetic timeline (pages by period), every seventh event corrected."""
    root = tmp_path_factory.mktemp("paged") / "site"
    generate = [sys.executable, str(REPO / "bench/generate.py"), "--events", "700", "--seed", "3"]
    subprocess.run([*generate, "--out", str(root)], check=True, capture_output=True)
    site = load_site(root).site
    assert site is not None
    events = tuple(
        dataclasses.replace(event, history=_corrected(number)) if number % 7 == 0 else event
        for number, event in enumerate(site.events)
    )
    return in_chronology(dataclasses.replace(site, events=events), make_markdown())


def _corrected(number: int) -> tuple[Change, ...]:
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 40)
    return (Change(day, f"{number:07x}", "Added"), Change(day, f"{number + 1:07x}", "Fixed", correction=True))


def _shown(site: Site) -> list[int]:
    return [0, 7, 350, len(site.events) - 1]


def test_an_event_page_chosen_alone_names_the_period_and_corrections_the_build_names(
    paged_timeline: Timeline,
) -> None:
    every = {spec.path: spec.variables for spec in event_page_specs(paged_timeline)}
    assert paged_timeline.chronology.pages, "the fixture is paged by period"
    for index in _shown(paged_timeline.site):
        path = paged_timeline.events[index].path + "index.html"
        (alone,) = event_page_specs(paged_timeline, only={path})
        assert alone.path == path
        assert alone.variables["period"] == every[path]["period"]
        assert alone.variables["correction_pages"] == every[path]["correction_pages"]


def test_a_corrected_event_chosen_alone_links_to_where_the_corrections_page_lists_it(
    paged_timeline: Timeline,
) -> None:
    path = paged_timeline.events[7].path + "index.html"
    (alone,) = event_page_specs(paged_timeline, only={path})
    assert alone.variables["correction_pages"], "its correction is listed on the Corrections page"
