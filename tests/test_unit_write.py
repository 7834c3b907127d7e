"""write: output files -> the output folder, swapped in whole, or left exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from renderers import collect, write_output

from chronicle import cli
from chronicle.build import swap, write
from chronicle.build.write import (
    Chunks,
    DuplicateOutputError,
    ThreadedWriter,
    UnsafeOutputError,
    check_output_folder,
    write_file,
)

NEW_FILES = {"index.html": b"<p>new</p>", "events/a/index.html": b"a", "feed.xml": b"<rss/>"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def old_site(parent: Path) -> Path:
    out = parent / "site"
    (out / "events" / "gone").mkdir(parents=True)
    (out / "index.html").write_bytes(b"<p>old</p>")
    (out / "events" / "gone" / "index.html").write_bytes(b"gone")
    return out


def test_write_output_creates_the_folder_with_every_file(tmp_path: Path) -> None:
    write_output(NEW_FILES, tmp_path / "site")
    assert snapshot(tmp_path / "site") == NEW_FILES


def test_write_output_replaces_the_old_folder_whole(tmp_path: Path) -> None:
    out = old_site(tmp_path)
    write_output(NEW_FILES, out)
    assert snapshot(out) == NEW_FILES
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_failure_midway_leaves_the_old_folder_unchanged_and_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_site(tmp_path)
    before = snapshot(out)
    real_write_file = write.write_file
    calls: list[str] = []

    def fail_on_second_file(folder: Path, path: str, data: Chunks) -> os.stat_result:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write_file(folder, path, data)

    monkeypatch.setattr(write, "write_file", fail_on_second_file)
    with pytest.raises(OSError, match="No space left on device"):
        write_output(NEW_FILES, out)
    monkeypatch.undo()
    assert len(calls) == 2
    assert snapshot(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_swap_exchanges_the_two_folders_in_one_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_site(tmp_path)
    renames: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(
        os, "replace", lambda source, target: renames.append(str(target)) or real_replace(source, target)
    )
    write_output(NEW_FILES, out)
    assert renames == []  # never a moment without the output folder: no rename out and back in
    assert {path.name for path in out.iterdir()} == {path.split("/")[0] for path in NEW_FILES}


def test_staging_folders_of_ended_builds_are_removed_by_the_next(tmp_path: Path) -> None:
    out = old_site(tmp_path)
    (tmp_path / f".{out.name}.new-999999999-x").mkdir()
    (tmp_path / f".{out.name}.new-{os.getpid()}-y").mkdir()  # a build still running
    write_output(NEW_FILES, out)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == [
        f".{out.name}.new-{os.getpid()}-y"
    ]


def test_failure_of_the_swap_itself_leaves_the_old_folder_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_site(tmp_path)
    before = snapshot(out)
    monkeypatch.setattr(swap, "exchange_folders", lambda first, second: False)  # a system without exchanges
    real_replace = os.replace
    calls: list[str] = []

    def fail_on_second_replace(source: str | Path, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError(16, "Device or resource busy")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fail_on_second_replace)
    with pytest.raises(OSError):
        write_output(NEW_FILES, out)
    monkeypatch.undo()
    assert snapshot(out) == before


def test_collect_keeps_every_path_once() -> None:
    assert collect([("a/index.html", b"a"), ("b/index.html", b"b")]) == {
        "a/index.html": b"a",
        "b/index.html": b"b",
    }


def test_collect_refuses_a_path_given_twice() -> None:
    with pytest.raises(DuplicateOutputError) as caught:
        collect([("events/a/index.html", b"1"), ("feed.xml", b""), ("events/a/index.html", b"2")])
    assert str(caught.value) == "two files would be written to events/a/index.html"


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "refusing to replace {root}: it holds the site folder"),
        ("..", "refusing to replace {parent}: it holds the site folder"),
        ("content", "refusing to write into {root}/content: it is part of the content"),
        ("content/site", "refusing to write into {root}/content/site: it is part of the content"),
        ("seeds", "refusing to write into {root}/seeds: it is part of the content"),
        ("templates", "refusing to write into {root}/templates: it is part of the content"),
        ("media", "refusing to write into {root}/media: it is part of the content"),
        ("media/published", "refusing to write into {root}/media/published: it is part of the content"),
        (".git", "refusing to write into {root}/.git: it is the site's .git"),
        (
            ".chronicle-cache/out",
            "refusing to write into {root}/.chronicle-cache/out: it is the site's .chronicle-cache",
        ),
        ("../.git/site", "refusing to write into {parent}/.git/site: it is the git folder of {parent}"),
    ],
    ids=[
        "site-root",
        "its-parent",
        "content",
        "inside-content",
        "seeds",
        "templates",
        "media",
        "inside-media",
        "git",
        "cache",
        "git-of-a-repository-holding-it",
    ],
)
def test_check_output_folder_refuses_folders_that_hold_content(
    tmp_path: Path, out: str, message: str
) -> None:
    root = (tmp_path / "site-root").resolve()
    root.mkdir()
    with pytest.raises(UnsafeOutputError) as caught:
        check_output_folder(root / out, root)
    assert str(caught.value) == message.format(root=root, parent=root.parent)


def test_check_output_folder_refuses_a_folder_the_build_reads_through_a_link(tmp_path: Path) -> None:
    root = (tmp_path / "site-root").resolve()
    (root / "shared-images").mkdir(parents=True)
    (root / "media").symlink_to(root / "shared-images")
    with pytest.raises(UnsafeOutputError) as caught:
        check_output_folder(root / "shared-images" / "out", root)
    assert str(caught.value) == f"refusing to write into {root}/shared-images/out: it is part of the content"


def test_check_output_folder_refuses_the_default_theme_and_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronicle.render.theme import default_theme_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    theme = default_theme_dir().resolve()
    for out, said in (
        (theme / "new", "refusing to write into {out}: it is part of the default theme"),
        (
            tmp_path / "cache" / "chronicle",
            "refusing to write into {out}: it is part of chronicle's own cache folder",
        ),
        (theme.parent, "refusing to replace {out}: it holds the default theme"),
        (tmp_path / "cache", "refusing to replace {out}: it holds chronicle's own cache folder"),
    ):
        with pytest.raises(UnsafeOutputError) as caught:
            check_output_folder(out, tmp_path / "site")
        assert str(caught.value) == said.format(out=out.resolve())


@pytest.mark.parametrize("out", ["site/sub", "site/a/b"], ids=["inside", "deep-inside"])
def test_check_output_folder_refuses_a_folder_inside_the_default_output_folder(
    tmp_path: Path, out: str
) -> None:
    root = tmp_path.resolve()
    with pytest.raises(UnsafeOutputError) as caught:
        check_output_folder(root / out, root)
    assert str(caught.value) == (
        f"refusing to write into {root / out}: it is inside {root / 'site'}, the default output folder, "
        "which the next build without --out replaces whole"
    )


def test_check_output_folder_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(UnsafeOutputError) as caught:
        check_output_folder(tmp_path / "site", tmp_path)
    assert str(caught.value) == f"{(tmp_path / 'site').resolve()} exists and is not a folder"


@pytest.mark.parametrize("out", ["site", "build/site"], ids=["default", "nested"])
def test_check_output_folder_accepts_a_folder_of_its_own(tmp_path: Path, out: str) -> None:
    check_output_folder(tmp_path / out, tmp_path)


def test_a_file_given_in_pieces_is_written_whole(tmp_path: Path) -> None:
    write_file(tmp_path, "data/events.json", [b'{"events":[', b"1", b",", b"2", b"]}"])
    assert (tmp_path / "data/events.json").read_bytes() == b'{"events":[1,2]}'


def test_a_file_of_more_pieces_than_one_write_takes_is_written_whole(tmp_path: Path) -> None:
    pieces = [f"{n},".encode() for n in range(5_000)]
    write_file(tmp_path, "data/events.csv", pieces)
    assert (tmp_path / "data/events.csv").read_bytes() == b"".join(pieces)


def test_a_short_write_is_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def write_a_little(descriptor: int, pieces: list[bytes]) -> int:
        return os.write(descriptor, pieces[0][:3])  # as a full disk or a signal may cut it

    monkeypatch.setattr(os, "writev", write_a_little)
    write_file(tmp_path, "feed.xml", [b"<rss>", b"<item/>" * 100, b"</rss>"])
    assert (tmp_path / "feed.xml").read_bytes() == b"<rss>" + b"<item/>" * 100 + b"</rss>"


def test_the_threaded_writer_writes_every_file_and_its_stamp(tmp_path: Path) -> None:
    with ThreadedWriter(tmp_path, ahead=2) as writer:
        for number in range(20):
            writer.write(f"pages/{number}/index.html", [b"page ", str(number).encode()])
    assert (tmp_path / "pages/7/index.html").read_bytes() == b"page 7"
    status = (tmp_path / "pages/7/index.html").stat()
    assert writer.stamps["pages/7/index.html"] == (status.st_size, status.st_mtime_ns)


def test_the_threaded_writer_reports_a_failed_write(tmp_path: Path) -> None:
    (tmp_path / "pages").write_text("a file where a folder should be")
    with pytest.raises(OSError), ThreadedWriter(tmp_path) as writer:
        writer.write("pages/1/index.html", b"x")


def test_an_exchange_puts_the_new_file_in_place_and_the_old_one_where_the_new_was(tmp_path: Path) -> None:
    (tmp_path / "new").write_bytes(b"new")
    (tmp_path / "target").write_bytes(b"old")
    exchanged = swap.exchange_files(tmp_path / "new", tmp_path / "target")
    if exchanged is None:  # a system without exchanges: nothing done
        return
    assert exchanged is True
    assert (tmp_path / "target").read_bytes() == b"new"
    assert (tmp_path / "new").read_bytes() == b"old"


def test_an_exchange_with_no_file_in_place_moves_the_new_one(tmp_path: Path) -> None:
    (tmp_path / "new").write_bytes(b"new")
    assert swap.exchange_files(tmp_path / "new", tmp_path / "target") in (False, None)
    assert (tmp_path / "new").read_bytes() == b"new"  # nothing done: the caller renames it
    assert not (tmp_path / "target").exists()


def test_folders_of_lists_every_folder_up_to_the_top() -> None:
    assert write.folders_of(["index.html", "events/a/index.html", "data/x.json"]) == {
        "",
        "events",
        "events/a",
        "data",
    }


OLD_PATHS = ["index.html", "events/gone/index.html"]


def stamped_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recent_ns: int
) -> tuple[Path, dict[str, int]]:
    out = old_site(tmp_path)
    monkeypatch.setattr(write, "_RECENT_NS", recent_ns)
    return out, write.stamp_folders(out, write.folders_of(OLD_PATHS))


def test_folders_changed_in_the_last_seconds_are_stamped_unsure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=3_000_000_000)
    assert set(stamps.values()) == {write.UNSURE}


def test_a_tree_as_stamped_holds_exactly_its_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=0)
    assert write.UNSURE not in stamps.values()
    assert write.holds_exactly(out, OLD_PATHS, stamps)


def test_an_intact_tree_with_unsure_stamps_holds_exactly_its_files_by_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=3_000_000_000)
    assert write.holds_exactly(out, OLD_PATHS, stamps)


def test_a_folder_added_to_an_unsure_folder_is_noticed_by_listing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=3_000_000_000)
    (out / "events" / "stray").mkdir()
    assert not write.holds_exactly(out, OLD_PATHS, stamps)


def test_a_file_added_to_a_stamped_folder_is_noticed_by_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_site(tmp_path)
    os.utime(out / "events", ns=(1, 1))  # long ago: its stamp is trusted
    monkeypatch.setattr(write, "_RECENT_NS", 0)
    stamps = write.stamp_folders(out, write.folders_of(OLD_PATHS))
    (out / "events" / "stray.txt").write_bytes(b"")
    assert not write.holds_exactly(out, OLD_PATHS, stamps)


def test_a_file_added_to_an_unsure_folder_is_noticed_by_listing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=3_000_000_000)
    (out / "events" / "stray.txt").write_bytes(b"")
    assert not write.holds_exactly(out, OLD_PATHS, stamps)


def test_a_file_deleted_from_the_tree_is_noticed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=0)
    (out / "index.html").unlink()
    assert not write.holds_exactly(out, OLD_PATHS, stamps)


def test_a_file_replaced_by_a_folder_is_noticed_in_an_unsure_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, stamps = stamped_site(tmp_path, monkeypatch, recent_ns=3_000_000_000)
    (out / "index.html").unlink()
    (out / "index.html").mkdir()
    assert not write.holds_exactly(out, OLD_PATHS, stamps)


def test_no_stamps_means_not_known_to_hold_anything(tmp_path: Path) -> None:
    assert not write.holds_exactly(old_site(tmp_path), OLD_PATHS, {})


def test_write_file_makes_a_missing_folder_and_returns_the_files_stat(tmp_path: Path) -> None:
    status = write_file(tmp_path, "events/a/index.html", [b"<p>", b"a", b"</p>"])
    assert (tmp_path / "events/a/index.html").read_bytes() == b"<p>a</p>"
    assert (status.st_size, status.st_mtime_ns) == (
        os.stat(tmp_path / "events/a/index.html").st_size,
        os.stat(tmp_path / "events/a/index.html").st_mtime_ns,
    )


def test_after_an_update_only_the_changed_and_unsure_folders_are_stamped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = old_site(tmp_path)
    (out / "events" / "new").mkdir()
    (out / "events" / "new" / "index.html").write_bytes(b"new")
    (out / "data").mkdir()
    (out / "data" / "x.json").write_bytes(b"{}")
    monkeypatch.setattr(write, "_RECENT_NS", 0)
    old = {"": 1, "data": 4, "events": 2, "events/gone": write.UNSURE, "gone-folder": 3}
    paths = [*OLD_PATHS, "data/x.json", "events/new/index.html"]
    stamps = write.restamp_folders(out, old, paths, ["events/new/index.html"])
    assert set(stamps) == {"", "data", "events", "events/gone", "events/new"}
    assert stamps["data"] == 4  # not changed, kept as it was
    assert stamps["events"] == os.stat(out / "events").st_mtime_ns
    assert stamps["events/gone"] == os.stat(out / "events/gone").st_mtime_ns
    assert stamps["events/new"] == os.stat(out / "events/new").st_mtime_ns


@pytest.mark.parametrize("out", ["media", "media/published"])
def test_build_refuses_the_sites_image_folder_as_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    root = tmp_path / "site-root"
    shutil.copytree(FIXTURES / "minimal", root)
    assert cli.main(["build", "--root", str(root), "--out", str(root / out)]) == 2
    said = capsys.readouterr().err
    assert f"error: refusing to write into {(root / out).resolve()}: it is part of the content" in said
    assert not (root / "media").exists()  # nothing written


def test_check_output_folder_refuses_a_link_and_names_where_it_leads(tmp_path: Path) -> None:
    root = (tmp_path / "site-root").resolve()
    root.mkdir()
    (tmp_path / "published").mkdir()
    (tmp_path / "www").symlink_to(tmp_path / "published")
    with pytest.raises(UnsafeOutputError) as caught:
        check_output_folder(tmp_path / "www", root)
    assert str(caught.value).startswith(
        f"{tmp_path / 'www'} is a link (to {tmp_path / 'published'}): give the folder"
    )
