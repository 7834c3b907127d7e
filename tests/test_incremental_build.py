"""The build cache and the workers: same bytes every way, and an edit re-renders exactly what shows it."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

BASE_URL = "https://example.github.io/REPO/"


def build(root: Path, out: Path, *options: str) -> str:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--root",
            str(root),
            "--out",
            str(out),
            "--base-url",
            BASE_URL,
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    """Output file -> (inode, mtime_ns): what a rebuild left alone keeps both."""
    return {
        path.relative_to(out).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in out.rglob("*")
        if path.is_file()
    }


def touched(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {path for path in after if before.get(path) != after[path]} | (set(before) - set(after))


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)

    def equal(cmp: filecmp.dircmp[str]) -> bool:
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        if cmp.left_only or cmp.right_only or mismatch or errors:
            return False
        return all(equal(sub) for sub in cmp.subdirs.values())

    return equal(comparison)


def rebuilds_as_cold(site: Path, built: Path, tmp_path: Path) -> bool:
    """A cached rebuild of `site` into `built` gives what a cold build gives."""
    build(site, built)
    build(site, tmp_path / "cold", "--no-cache")
    return same_tree(built, tmp_path / "cold")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    return root


@pytest.fixture
def built(site: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build(site, out)
    return out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cold_builds_with_one_or_two_workers_and_a_cached_rebuild_are_byte_identical(
    site: Path, tmp_path: Path
) -> None:
    build(site, tmp_path / "one", "--jobs", "1", "--no-cache")
    build(site, tmp_path / "two", "--jobs", "2", "--no-cache")
    build(site, tmp_path / "cached")
    event = site / "content/events/water-board-report.yaml"
    original = event.read_text(encoding="utf-8")
    edit(event, "summary: ", "summary: Edited. ")
    build(site, tmp_path / "cached")
    event.write_text(original, encoding="utf-8")
    build(site, tmp_path / "cached")
    assert same_tree(tmp_path / "one", tmp_path / "two")
    assert same_tree(tmp_path / "one", tmp_path / "cached")


def test_rebuild_without_changes_rewrites_nothing(site: Path, built: Path) -> None:
    before = snapshot(built)
    output = build(site, built)
    assert touched(before, snapshot(built)) == set()
    assert " 0 rendered" in output


def test_a_cache_saved_while_the_workers_render_makes_the_next_build_render_nothing(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.build import session as build_command
    from chronicle.cli import main

    monkeypatch.setattr(build_command, "SAVE_MEANWHILE_FROM", 0)  # as a large build does
    out = tmp_path / "out"
    assert main(["build", "--root", str(site), "--out", str(out), "--base-url", BASE_URL]) == 0
    assert " 0 rendered" in build(site, out)


def test_files_written_from_a_second_thread_or_not_are_the_same(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.build import output
    from chronicle.cli import main

    build(site, tmp_path / "threaded", "--no-cache")  # a small site: written from a thread
    monkeypatch.setattr(output, "THREADED_WRITES_BELOW", 0)  # as a large build writes
    direct = tmp_path / "direct"
    assert main(["build", "--root", str(site), "--out", str(direct), "--base-url", BASE_URL]) == 0
    assert same_tree(tmp_path / "threaded", direct)


def test_editing_a_summary_rerenders_the_pages_showing_it_and_no_other_event_page(
    site: Path, built: Path
) -> None:
    before = snapshot(built)
    edit(site / "content/events/water-board-report.yaml", "summary: ", "summary: Edited. ")
    build(site, built)
    changed = touched(before, snapshot(built))
    assert "events/water-board-report/index.html" in changed
    assert {"index.html", "feed.xml", "atom.xml", "search/index.json"} <= changed
    other_events = {p for p in changed if p.startswith("events/") and "water-board-report" not in p}
    neighbours = _neighbour_pages(built, "water-board-report")
    assert other_events <= neighbours
    assert "Edited." in (built / "events/water-board-report/index.html").read_text(encoding="utf-8")


def _neighbour_pages(out: Path, slug: str) -> set[str]:
    """Event pages linking to `slug` as previous/next (they show its title)."""
    return {
        path.relative_to(out).as_posix()
        for path in (out / "events").glob("*/index.html")
        if f'href="../{slug}/"' in path.read_text(encoding="utf-8")
    }


def test_editing_the_summary_of_an_event_with_a_disputed_figure_leaves_the_disputes_page_alone(
    site: Path, built: Path
) -> None:
    before = snapshot(built)
    edit(site / "content/events/krakow-talks-stall.yaml", "Two days of talks", "Two long days of talks")
    build(site, built)
    changed = touched(before, snapshot(built))
    assert "events/krakow-talks-stall/index.html" in changed
    assert "disputes/index.html" not in changed


def test_editing_a_disputed_figure_rerenders_the_disputes_page(site: Path, built: Path) -> None:
    before = snapshot(built)
    edit(site / "content/events/krakow-talks-stall.yaml", "value: 40 per cent", "value: about 40 per cent")
    build(site, built)
    assert "disputes/index.html" in touched(before, snapshot(built))


def test_a_theme_template_override_rerenders_only_the_pages_using_it(site: Path, built: Path) -> None:
    before = snapshot(built)
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>Lost</h1>{% endblock %}", encoding="utf-8"
    )
    build(site, built)
    assert touched(before, snapshot(built)) == {"404.html"}


def test_a_theme_asset_override_changes_only_that_asset(site: Path, built: Path) -> None:
    before = snapshot(built)
    (site / "templates" / "assets").mkdir(parents=True)
    (site / "templates" / "assets" / "style.css").write_text("body { color: black; }\n")
    build(site, built)
    assert touched(before, snapshot(built)) == {"assets/style.css"}


def test_renaming_an_entity_rerenders_the_events_naming_it_and_not_the_others(
    site: Path, built: Path
) -> None:
    entities = site / "content/entities.yaml"
    actor_id, name = _first_actor(entities)
    naming = _events_naming(site, actor_id)
    assert naming, "the fixture names this actor in some event"
    before = snapshot(built)
    edit(entities, name, name + " Renamed")
    build(site, built)
    changed = touched(before, snapshot(built))
    assert {f"events/{slug}/index.html" for slug in naming} <= changed
    unrelated = {f"events/{p.stem}/index.html" for p in (site / "content/events").glob("*.yaml")}
    unrelated -= {f"events/{slug}/index.html" for slug in naming}
    unrelated -= {page for slug in naming for page in _neighbour_pages(built, slug)}
    assert not (unrelated & changed)
    assert f"actors/{actor_id}/index.html" in changed


def _first_actor(entities: Path) -> tuple[str, str]:
    import yaml

    data = yaml.load(entities.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    actor_id, fields = next(iter(data["actors"].items()))
    return actor_id, fields["name"]


def _events_naming(site: Path, actor_id: str) -> set[str]:
    import yaml

    found = set()
    for path in (site / "content/events").glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        if actor_id in data.get("actors", []):
            found.add(path.stem)
    return found


def test_editing_an_article_title_rerenders_its_source_page_and_the_events_citing_it_only(
    site: Path, built: Path
) -> None:
    import yaml

    meta = site / "content/articles/beta-wire.yaml"
    title = yaml.load(meta.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["title"]
    citing = {
        path.stem
        for path in (site / "content/events").glob("*.yaml")
        if "beta-wire" in path.read_text(encoding="utf-8")
    }
    before = snapshot(built)
    edit(meta, title, title + " (corrected)")
    build(site, built)
    changed = touched(before, snapshot(built))
    assert "sources/beta-wire/index.html" in changed
    assert {f"events/{slug}/index.html" for slug in citing} <= changed
    assert "sources/alpha-report/index.html" not in changed
    not_citing = {p.stem for p in (site / "content/events").glob("*.yaml")} - citing
    neighbours = {page for slug in citing for page in _neighbour_pages(built, slug)}
    assert not ({f"events/{slug}/index.html" for slug in not_citing} - neighbours) & changed


def test_changing_a_setting_rerenders_every_page(site: Path, built: Path) -> None:
    before = snapshot(built)
    edit(site / "content/site.yaml", "author: ", "author: New ")
    build(site, built)
    changed = touched(before, snapshot(built))
    # Every page's footer shows the author; an embed page has no footer, its oEmbed answer names it.
    pages = {p for p in before if p.endswith(".html") and not p.startswith("embed/")}
    answers = {p for p in before if p.endswith("oembed.json")}
    assert answers and pages | answers <= changed


def test_a_deleted_event_disappears_from_the_output(site: Path, built: Path, tmp_path: Path) -> None:
    (site / "content/events/kostra-planning-begins.yaml").unlink()
    assert rebuilds_as_cold(site, built, tmp_path)
    assert not (built / "events/kostra-planning-begins").exists()


def test_a_renamed_event_file_builds_as_a_cold_build_would(site: Path, built: Path, tmp_path: Path) -> None:
    # The same bytes under a new name: a new slug, so new links, anchors and feed ids.
    events = site / "content/events"
    (events / "kostra-planning-begins.yaml").rename(events / "kostra-planning-started.yaml")
    assert rebuilds_as_cold(site, built, tmp_path)
    assert (built / "events/kostra-planning-started/index.html").exists()


def test_an_event_file_copied_under_a_new_name_builds_as_a_cold_build_would(
    site: Path, built: Path, tmp_path: Path
) -> None:
    events = site / "content/events"
    shutil.copyfile(events / "water-board-report.yaml", events / "water-board-report-again.yaml")
    assert rebuilds_as_cold(site, built, tmp_path)


def test_an_article_file_copied_under_a_new_id_builds_as_a_cold_build_would(
    site: Path, built: Path, tmp_path: Path
) -> None:
    shutil.copyfile(site / "content/articles/beta-wire.yaml", site / "content/articles/beta-wire-copy.yaml")
    shutil.copyfile(site / "seeds/beta-wire.md", site / "seeds/beta-wire-copy.md")
    assert rebuilds_as_cold(site, built, tmp_path)


def test_a_corrupt_cache_is_ignored(site: Path, built: Path, tmp_path: Path) -> None:
    (site / ".chronicle-cache" / "state.pickle").write_bytes(b"not a pickle")
    assert rebuilds_as_cold(site, built, tmp_path)


def test_a_file_added_to_the_output_by_hand_is_gone_after_the_next_build(
    site: Path, built: Path, tmp_path: Path
) -> None:
    (built / "events" / "stray.html").write_text("not ours")
    assert rebuilds_as_cold(site, built, tmp_path)
    assert not (built / "events" / "stray.html").exists()


def test_a_rebuild_of_a_few_files_renders_them_without_forking_a_worker(
    site: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from chronicle.cli import main

    def no_fork() -> int:
        raise AssertionError("a worker was forked")

    edit(site / "content/events/water-board-report.yaml", "summary: ", "summary: Edited. ")
    monkeypatch.setattr(os, "fork", no_fork)
    command = ["build", "--root", str(site), "--out", str(built), "--base-url", BASE_URL, "--jobs", "2"]
    assert main(command) == 0
    assert "Edited." in (built / "events/water-board-report/index.html").read_text(encoding="utf-8")


def test_a_rebuild_of_many_files_still_shares_them_with_workers(
    site: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from chronicle.build import output
    from chronicle.cli import main

    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(output, "ONE_PROCESS_REBUILD_BELOW", 1)  # every rebuild counts as large
    edit(site / "content/events/water-board-report.yaml", "summary: ", "summary: Edited. ")
    monkeypatch.setattr(os, "fork", counted_fork)
    command = ["build", "--root", str(site), "--out", str(built), "--base-url", BASE_URL, "--jobs", "2"]
    assert main(command) == 0
    assert forks
