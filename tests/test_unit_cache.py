"""The build cache's tables: saved in shards, and a rebuild rewrites only the shards it changed."""

from __future__ import annotations

from pathlib import Path

from chronicle.build.cache import (
    CACHE_DIRNAME,
    SHARDS,
    BuildState,
    engine_key,
    load_state,
    save_state,
    table_shards,
    write_tables,
)


def _saved(tmp_path: Path, fragments: dict[str, str]) -> BuildState:
    state = BuildState(engine_key())
    for key, value in fragments.items():
        state.fragments[key] = value
    save_state(tmp_path, state)
    return load_state(tmp_path)


def _shard_files(tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / CACHE_DIRNAME / engine_key()
    return {path.name: path.stat().st_mtime_ns for path in folder.glob("fragments-*")}


def test_a_saved_table_loads_back_equal(tmp_path: Path) -> None:
    fragments = {f"key-{number}": f"value {number}" for number in range(200)}
    assert dict(_saved(tmp_path, fragments).fragments) == fragments


def test_a_first_save_writes_every_shard(tmp_path: Path) -> None:
    _saved(tmp_path, {"only": "one"})
    assert len(_shard_files(tmp_path)) == SHARDS["fragments"]


def test_changing_one_key_rewrites_only_its_shard(tmp_path: Path) -> None:
    state = _saved(tmp_path, {f"key-{number}": "old" for number in range(200)})
    before = _shard_files(tmp_path)
    state.fragments["key-7"] = "new"
    save_state(tmp_path, state)
    after = _shard_files(tmp_path)
    assert len([name for name in after if after[name] != before[name]]) == 1
    assert load_state(tmp_path).fragments["key-7"] == "new"


def test_a_deleted_key_is_gone_after_loading_again(tmp_path: Path) -> None:
    state = _saved(tmp_path, {f"key-{number}": "value" for number in range(50)})
    state.fragments.keep_only({"key-1", "key-2"})
    save_state(tmp_path, state)
    assert dict(load_state(tmp_path).fragments) == {"key-1": "value", "key-2": "value"}


def test_a_missing_shard_means_starting_cold(tmp_path: Path) -> None:
    _saved(tmp_path, {f"key-{number}": "value" for number in range(50)})
    next((tmp_path / CACHE_DIRNAME / engine_key()).glob("fragments-*")).unlink()
    assert dict(load_state(tmp_path).fragments) == {}


def test_shards_taken_for_writing_later_are_a_copy_unmoved_by_later_changes(tmp_path: Path) -> None:
    state = BuildState(engine_key())
    state.fragments["kept"] = "before"
    shards = table_shards(state)
    state.fragments["kept"] = "after"  # e.g. a card rendered while the shards are written
    state.fragments["late"] = "new"
    write_tables(tmp_path, state.engine, shards)
    save_state(tmp_path, state, tables=())
    loaded = load_state(tmp_path)
    assert dict(loaded.fragments) == {"kept": "before"}


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / CACHE_DIRNAME).symlink_to(elsewhere)
    state = BuildState(engine_key())
    state.fragments["key"] = "value"
    save_state(site, state)
    assert list(elsewhere.iterdir()) == []
    assert dict(load_state(site).fragments) == {}


def test_a_run_that_saves_later_writes_the_cache_only_when_told(tmp_path: Path) -> None:
    from chronicle.build.session import BuildOptions, BuildSession
    from tests.output_trees import REPO, copy_site

    root = copy_site(REPO / "tests" / "fixtures" / "minimal", tmp_path / "site")
    session = BuildSession(BuildOptions(root, tmp_path / "out"))
    assert session.run(save_later=True).site is not None
    assert not (root / ".chronicle-cache").exists()
    session.save()
    assert any((root / ".chronicle-cache").rglob("state.json"))
