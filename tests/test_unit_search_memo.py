"""The search index kept between builds of one session: whatever the edits, the files it
gives are those a new index of the same timeline gives, byte for byte; read back from the
cache by a build in a new process, too."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
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


class Words:
    """Each event's words, kept as the fragments keep them: under a key made from them, the
    old words staying under their old keys (as they do until the build's end)."""

    def __init__(self, timeline: Timeline) -> None:
        self.of = {view.slug: event_words(view) for view in timeline.events}
        self.store: dict[str, str] = {}

    def keys(self) -> dict[str, str]:
        keys = {}
        for slug, words in self.of.items():
            key = keys[slug] = f"search-words:{slug}:{hash(words)}"
            self.store[key] = words
        return keys

    def files(self, memo: SearchMemo, timeline: Timeline) -> dict[str, bytes]:
        return memo.files(timeline, self.words_of, self.keys(), self.store)

    def words_of(self, view: EventView) -> str:
        return self.of[view.slug]

    def new_index(self, timeline: Timeline) -> dict[str, bytes]:
        return search_files(timeline, self.words_of)


def edit_at_random(words: Words, chooser: random.Random) -> None:
    slug = chooser.choice(list(words.of))
    own = words.of[slug].split()
    change = chooser.randrange(3)
    if change == 0 and own:  # a word dropped (perhaps the last event holding it)
        own.remove(chooser.choice(own))
    elif change == 1:  # a word no event had, or one another event has
        other = chooser.choice(list(words.of.values())).split() or ["zebra"]
        own.append(chooser.choice([f"new{chooser.randrange(5)}", *other]))
    else:
        own = []
    words.of[slug] = " ".join(sorted(set(own)))


def test_an_index_patched_after_random_edits_equals_a_new_one(timeline: Timeline) -> None:
    chooser, words, memo = random.Random(7), Words(timeline), SearchMemo()
    for _ in range(40):
        edit_at_random(words, chooser)
        assert words.files(memo, timeline) == words.new_index(timeline)


def test_an_index_read_back_from_the_cache_and_patched_equals_a_new_one(timeline: Timeline) -> None:
    chooser, words, memo = random.Random(11), Words(timeline), SearchMemo()
    for _ in range(20):
        edit_at_random(words, chooser)
        words.files(memo, timeline)
        memo, kept = SearchMemo(), json.loads(json.dumps(memo.kept()))
        memo.restore(kept)
        edit_at_random(words, chooser)
        assert words.files(memo, timeline) == words.new_index(timeline)


def test_an_index_kept_several_edits_ago_is_patched_to_a_new_one(timeline: Timeline) -> None:
    chooser, words, memo = random.Random(3), Words(timeline), SearchMemo()
    words.files(memo, timeline)
    old = memo.kept()
    for _ in range(6):
        edit_at_random(words, chooser)
        words.files(memo, timeline)
    memo = SearchMemo()
    memo.restore(old)
    assert words.files(memo, timeline) == words.new_index(timeline)


def test_an_index_whose_old_words_are_gone_is_made_again_whole(timeline: Timeline) -> None:
    words, memo = Words(timeline), SearchMemo()
    words.files(memo, timeline)
    slug = timeline.events[0].slug
    words.of[slug] = "entirely different words"
    words.store.clear()
    assert words.files(memo, timeline) == words.new_index(timeline)


def test_an_index_of_other_events_is_made_again_whole(timeline: Timeline) -> None:
    words, memo = Words(timeline), SearchMemo()
    words.files(memo, timeline)
    fewer = dataclasses.replace(timeline, events=timeline.events[1:])
    assert words.files(memo, fewer) == words.new_index(fewer)
    assert words.files(memo, timeline) == words.new_index(timeline)


def test_an_unchanged_timeline_gives_the_same_files_and_no_change_to_keep(timeline: Timeline) -> None:
    words, memo = Words(timeline), SearchMemo()
    first = words.files(memo, timeline)
    memo.kept()
    assert words.files(memo, timeline) == first
    assert not memo.changed


@pytest.mark.parametrize("value", [None, "garbled", [1, 2], [["a"], [2024], [], []], [[], [], [], [["k"]]]])
def test_a_kept_value_that_is_not_an_index_leaves_the_memo_empty(timeline: Timeline, value: object) -> None:
    words, memo = Words(timeline), SearchMemo()
    memo.restore(value)
    assert memo.slugs == ()
    assert words.files(memo, timeline) == words.new_index(timeline)


def test_a_build_in_a_new_process_patches_the_index_the_last_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    BuildSession(BuildOptions(site, tmp_path / "out", jobs=1)).run()
    event = next((site / "content" / "events").glob("*.yaml"))
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("summary: ", "summary: Zanzibar ", 1), encoding="utf-8")

    def made_whole(*_: object) -> None:
        raise AssertionError("the index was made again whole")

    monkeypatch.setattr(SearchMemo, "_make", made_whole)
    session = BuildSession(BuildOptions(site, tmp_path / "out", jobs=1))
    assert not [problem for problem in session.run().diagnostics if problem.severity == "error"]
    assert any(b"zanzibar" in data for data in session.state.search_memo.entries.values())
