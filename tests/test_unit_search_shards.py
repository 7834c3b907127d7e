"""The search index in shards: keys sorted as the script compares them, shards bounded in size
and cut where the keys say (an edit changes the shards it touches and no other), and every
event found by its words and facets."""

from __future__ import annotations

import random
from pathlib import Path

from renderers import timeline_of
from search_reader import read_index

from chronicle.build.load import load_site
from chronicle.render.search.shards import (
    MANIFEST_PATH,
    SHARD_MAX_BYTES,
    cut_shards,
    search_files,
    sort_key,
)
from chronicle.render.search.words import words

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def entries(count: int, seed: int = 1) -> list[tuple[str, bytes]]:
    chooser = random.Random(seed)
    keys = sorted({"".join(chooser.choices("abcdefghij", k=chooser.randint(2, 8))) for _ in range(count)})
    return [(key, f'"{key}":"{"x" * chooser.randint(1, 300)}"'.encode()) for key in keys]


def test_keys_sort_as_javascript_compares_strings() -> None:
    """By UTF-16 code unit: an emoji (a surrogate pair, D83D ...) before U+FFFD."""
    assert sorted(["\ufffd", "\U0001f600"], key=sort_key) == ["\U0001f600", "\ufffd"]


def test_a_shard_holds_at_most_the_maximum() -> None:
    shards = cut_shards(entries(3_000))
    assert len(shards) > 10
    assert all(sum(len(entry) + 1 for _, entry in shard) <= SHARD_MAX_BYTES + 1 for shard in shards)


def test_a_key_larger_than_the_maximum_has_a_shard_alone() -> None:
    big = ("m", b'"m":"' + b"x" * (SHARD_MAX_BYTES + 10) + b'"')
    shards = cut_shards([("a", b'"a":"1"'), big, ("z", b'"z":"1"')])
    assert [big] in shards


def test_editing_one_key_changes_only_the_shards_near_it() -> None:
    before = entries(3_000)
    after = list(before)
    key, _ = after[1_500]
    after[1_500] = (key, f'"{key}":"{"y" * 250}"'.encode())
    old = {tuple(shard) for shard in map(tuple, cut_shards(before))}
    new = {tuple(shard) for shard in map(tuple, cut_shards(after))}
    assert len(new - old) <= 2 and len(old) > 20


def test_every_event_is_found_by_its_title_words_and_facets(tmp_path: Path) -> None:
    site = load_site(FIXTURE).site
    assert site is not None
    timeline = timeline_of(site)
    for path, data in search_files(timeline).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    index = read_index(tmp_path)
    assert index.ids == [view.slug for view in timeline.events]
    for view, keys in zip(timeline.events, index.keys, strict=True):
        assert set(words(view.title)) <= keys
        assert {f"#tag:{tag}" for tag in view.event.tags} <= keys
        assert {f"#actor:{actor.id}" for actor in view.actors} <= keys
        for year in (group.year for group in timeline.years):
            assert (f"#year:{year}" in keys) == (view.year <= year <= view.last_year)


def test_the_same_timeline_gives_the_same_files() -> None:
    site = load_site(FIXTURE).site
    assert site is not None
    first, second = search_files(timeline_of(site)), search_files(timeline_of(site))
    assert first == second
    assert MANIFEST_PATH in first
