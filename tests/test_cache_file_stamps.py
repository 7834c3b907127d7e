"""The cache trusts a file's stamp only where the stamp can tell that the file is unchanged.

A result is kept under the key of the very bytes it was made from (a save landing during a
build must not pair one version's bytes with another's result); a link swapped in for a file
is checked again; an edit that keeps a file's size and modification time is still seen.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from types import ModuleType

import pytest
from output_trees import REPO, SUB_PATH_URL, build, build_command, copy_site
from test_cache_equals_cold import rebuild_cached_and_cold

from chronicle import cli
from chronicle.build import load
from chronicle.build import memo as memo_module
from chronicle.build.cache import BuildState
from chronicle.build.memo import RACY_NS, Memo
from chronicle.source import catalogue, site

FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
EVENT = "content/events/selka-accord-signed.yaml"
TITLE = "title: Veldoria and Marenzia sign the Selka Waters Accord"
DOCUMENT = "seeds/alpha-report.txt"
DOCUMENT_WORDS = "Engineers at the Kostra Dam"
IMAGES = REPO / "tests" / "fixtures" / "images"
IMAGE_EVENT = "content/events/kostra-dam-construction.yaml"
IMAGE = "media/kostra-dam.jpg"


def build_in_process(root: Path, out: Path, must_succeed: bool = True) -> None:
    arguments = ["build", "--root", str(root), "--out", str(out), "--base-url", SUB_PATH_URL, "--jobs", "1"]
    code = cli.main(arguments)
    assert code == 0 or not must_succeed


def edit_event_showing_the_image(site_folder: Path) -> None:
    """An edit that has the next build check the event again, and so its image."""
    event = site_folder / IMAGE_EVENT
    edited = event.read_text(encoding="utf-8").replace("four years", "four long years")
    event.write_text(edited, encoding="utf-8")


def saving_before(real, path: Path, text: str):  # type: ignore[no-untyped-def]
    """`real`, which first saves `text` into `path` once: an editor's save landing mid-build."""
    saved = []

    def reader(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not saved:
            saved.append(path)
            path.write_text(text, encoding="utf-8")
        return real(*args, **kwargs)

    return reader


def page_after_a_save_mid_build(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    relpath: str,
    words: str,
    reader: tuple[ModuleType, str],
    page: str,
) -> str:
    """`page` once the file at `relpath` was saved twice, the second save landing while the
    build's `reader` (module, function) read it, then undone: the file holds the first."""
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    path = site_folder / relpath
    original = path.read_text(encoding="utf-8")
    build(site_folder, out)
    first = original.replace(words, words + " (first save)")
    path.write_text(first, encoding="utf-8")
    second = original.replace(words, words + " (second save)")
    module, name = reader
    monkeypatch.setattr(module, name, saving_before(getattr(module, name), path, second))
    build_in_process(site_folder, out)
    monkeypatch.undo()

    path.write_text(first, encoding="utf-8")  # the editor undoes the second save
    build(site_folder, out)
    return (out / page / "index.html").read_text(encoding="utf-8")


def test_an_event_saved_while_the_build_reads_it_is_not_kept_under_its_earlier_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_after_a_save_mid_build(
        tmp_path, monkeypatch, EVENT, TITLE, (site, "read_event"), "events/selka-accord-signed"
    )
    assert "(first save)" in page and "(second save)" not in page


def test_a_document_saved_while_the_build_reads_it_is_not_kept_under_its_earlier_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_after_a_save_mid_build(
        tmp_path, monkeypatch, DOCUMENT, DOCUMENT_WORDS, (catalogue, "_read_article"),
        "sources/alpha-report",
    )
    assert "(first save)" in page and "(second save)" not in page


def failed_build(root: Path, out: Path) -> str:
    done = subprocess.run(build_command(root, out), capture_output=True, text=True, timeout=180)
    assert done.returncode == 1, f"the build exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def test_a_document_swapped_for_a_link_out_of_the_site_fails_a_cached_build_too(tmp_path: Path) -> None:
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    build(site_folder, out)
    # The link leads to the same file, moved: followed, its size and times are as they were.
    moved = tmp_path / "elsewhere.txt"
    (site_folder / DOCUMENT).rename(moved)
    (site_folder / DOCUMENT).symlink_to(moved)
    assert "link to a place outside the site folder" in failed_build(site_folder, out)


def test_an_event_swapped_for_a_link_into_a_hidden_folder_fails_a_cached_build_too(tmp_path: Path) -> None:
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    build(site_folder, out)
    hidden = site_folder / "content" / ".kept"
    hidden.mkdir()
    (site_folder / EVENT).rename(hidden / "event.yaml")
    (site_folder / EVENT).symlink_to(Path(".kept") / "event.yaml")
    assert "link into a hidden folder" in failed_build(site_folder, out)


def test_a_same_size_edit_that_restores_the_modification_time_is_seen(tmp_path: Path) -> None:
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    event = site_folder / EVENT
    build(site_folder, out)
    status = event.stat()
    # As `cp -p`, `rsync -a` or `tar x` leave a file: another text, the same size and time.
    edited = event.read_text(encoding="utf-8").replace("Selka Waters", "SELKA WATERS")
    event.write_text(edited, encoding="utf-8")
    os.utime(event, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert event.stat().st_size == status.st_size
    build(site_folder, out)
    page = (out / "events" / "selka-accord-signed" / "index.html").read_text(encoding="utf-8")
    assert "SELKA WATERS Accord" in page


def test_a_racy_stamp_holds_only_while_the_bytes_have_its_key(tmp_path: Path) -> None:
    # A second save in the same tick of a coarse clock (FAT: 2 s) keeps size and times: the
    # stamp of a file saved that recently cannot tell the two saves apart, the bytes can.
    (tmp_path / "recent.txt").write_text("saved just now", encoding="utf-8")
    memo = Memo(tmp_path, BuildState(""))
    key = memo.read("recent.txt").key
    assert memo.state.stamps["recent.txt"][-1] == 1  # racy
    assert memo.known_file_key("recent.txt") == key  # unchanged bytes: still known
    # A same-status save, as a coarse clock allows: only the key the stamp records differs.
    memo.state.stamps["recent.txt"] = (*memo.state.stamps["recent.txt"][:4], "another key", 1)
    assert memo.known_file_key("recent.txt") is None


def test_a_file_still_for_longer_than_the_granularity_has_a_stamp_that_is_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "still.txt").write_text("saved a while ago", encoding="utf-8")
    later = time.time_ns() + 2 * RACY_NS
    monkeypatch.setattr(memo_module.time, "time_ns", lambda: later)
    memo = Memo(tmp_path, BuildState(""))
    memo.read("still.txt")
    assert memo.state.stamps["still.txt"][-1] == 0  # not racy
    # Trusted without reading the bytes: a changed key in the stamp is taken as it is.
    memo.state.stamps["still.txt"] = (*memo.state.stamps["still.txt"][:4], "recorded key", 0)
    assert memo.known_file_key("still.txt") == "recorded key"


def saving_after(real, path: Path, save):  # type: ignore[no-untyped-def]
    """`real`, after which `save(path)` runs once, for the event showing the image: a save
    landing after the build checked the image, before it took the image's key."""
    saved = []

    def reader(root, file, *args):  # type: ignore[no-untyped-def]
        result = real(root, file, *args)
        if file.relpath == IMAGE_EVENT and not saved:
            saved.append(path)
            save(path)
        return result

    return reader


def test_an_image_saved_while_the_build_checks_it_is_not_kept_under_its_later_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    build(site_folder, out)
    edit_event_showing_the_image(site_folder)
    other = (IMAGES / "turned.jpg").read_bytes()
    replace = saving_after(load.read_event_file, site_folder / IMAGE, lambda path: path.write_bytes(other))
    monkeypatch.setattr(load, "read_event_file", replace)
    build_in_process(site_folder, out, must_succeed=False)
    monkeypatch.undo()

    difference = rebuild_cached_and_cold(site_folder, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"


def test_an_image_deleted_while_the_build_checks_it_fails_the_next_cached_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_folder = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    build(site_folder, out)
    edit_event_showing_the_image(site_folder)
    delete = saving_after(load.read_event_file, site_folder / IMAGE, Path.unlink)
    monkeypatch.setattr(load, "read_event_file", delete)
    build_in_process(site_folder, out, must_succeed=False)
    monkeypatch.undo()

    assert "no such file: media/kostra-dam.jpg" in failed_build(site_folder, out)


def test_a_link_is_read_again_even_when_a_watcher_reports_no_change(tmp_path: Path) -> None:
    # An edit of what a link leads to is reported as a change of the target, not of the link.
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "event.yaml").write_text("title: first\n", encoding="utf-8")
    (tmp_path / "event.yaml").symlink_to(Path("drafts") / "event.yaml")
    state = BuildState("")
    first = Memo(tmp_path, state)
    assert first.read("event.yaml").data == b"title: first\n"
    assert "event.yaml" not in state.stamps
    unreported = Memo(tmp_path, state, reported=set())
    assert unreported.known_file_key("event.yaml") is None


def test_a_file_in_a_linked_folder_is_read_again_even_when_a_watcher_reports_nothing(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "event.yaml").write_text("title: first\n", encoding="utf-8")
    (tmp_path / "events").symlink_to("real")
    state = BuildState("")
    Memo(tmp_path, state).read("events/event.yaml")
    assert "events/event.yaml" not in state.stamps
    assert Memo(tmp_path, state, reported=set()).known_file_key("events/event.yaml") is None
