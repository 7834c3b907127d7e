"""The search index kept between builds of one session: whatever the edits, the files it
gives are those a new index of the same timeline gives, byte for byte."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from renderers import timeline_of

from chronicle.build.load import load_site
from chronicle.build.search_memo import SearchMemo
from chronicle.build.session import BuildOptions, BuildSession
from chronicle.render.search.shards import search_files
from chronicle.render.search.terms import event_words
from chronicle.timeline.views import EventView, Timeline

FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    site = load_site(FIXTURE).site
    assert site is not None
    return timeline_of(site)


def edited(words: dict[str, str]) -> Callable[[EventView], str]:
    return lambda view: words[view.slug]


def test_an_index_patched_after_random_edits_equals_a_new_one(timeline: Timeline) -> None:
    chooser = random.Random(7)
    words = {view.slug: event_words(view) for view in timeline.events}
    memo = SearchMemo()
    for _ in range(40):
        slug = chooser.choice(list(words))
        own = words[slug].split()
        change = chooser.randrange(3)
        if change == 0 and own:  # a word dropped (perhaps the last event holding it)
            own.remove(chooser.choice(own))
        elif change == 1:  # a word no event had, or one another event has
            other = chooser.choice(list(words)).split() or ["zebra"]
            own.append(chooser.choice([f"new{chooser.randrange(5)}", *other]))
        else:
            own = []
        words[slug] = " ".join(sorted(set(own)))
        assert memo.files(timeline, edited(words)) == search_files(timeline, edited(words))


def test_an_index_of_other_events_is_made_again_whole(timeline: Timeline) -> None:
    memo = SearchMemo()
    memo.files(timeline, event_words)
    fewer = dataclasses.replace(timeline, events=timeline.events[1:])
    assert memo.files(fewer, event_words) == search_files(fewer, event_words)
    assert memo.files(timeline, event_words) == search_files(timeline, event_words)


def test_an_unchanged_timeline_gives_the_same_files(timeline: Timeline) -> None:
    memo = SearchMemo()
    assert memo.files(timeline, event_words) == memo.files(timeline, event_words)


def test_only_a_session_that_builds_again_keeps_the_index_in_memory(tmp_path: Path) -> None:
    once = BuildSession(BuildOptions(tmp_path, tmp_path / "out", use_cache=False))
    again = BuildSession(BuildOptions(tmp_path, tmp_path / "out", use_cache=False, again=True))
    assert once.state.search is None
    assert isinstance(again.state.search, SearchMemo)
