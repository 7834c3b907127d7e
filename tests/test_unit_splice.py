"""build.splice: a rebuild takes each unchanged event's piece of the whole-timeline files out of
the file the last build wrote, and makes it anew wherever that file is not as it was left."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from output_trees import SUB_PATH_URL, build, copy_site, first_difference

from chronicle.build import splice
from chronicle.build.fragments import PIECE_KINDS
from chronicle.build.session import BuildOptions, BuildSession

EVENT = "content/events/water-board-report.yaml"


def edit_summary(site: Path) -> None:
    path = site / EVENT
    text = path.read_text(encoding="utf-8")
    assert "summary: " in text
    path.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")


def build_counting(site: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Build in this process; the slugs whose pieces were made on demand (not in a fragment
    pass, not out of an earlier file)."""
    made: list[str] = []
    original = splice.PieceSource.made

    def counting(source: splice.PieceSource, slug: str) -> tuple[bytes, ...]:
        if slug not in source.fresh:
            made.append(slug)
        return original(source, slug)

    monkeypatch.setattr(splice.PieceSource, "made", counting)
    outcome = BuildSession(BuildOptions(site, out, SUB_PATH_URL, jobs=1)).run()
    assert outcome.report is not None, outcome.diagnostics
    return made


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(FIXTURES / "site", tmp_path / "site")


def test_a_rebuild_takes_the_unchanged_pieces_out_of_the_files_it_wrote(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_counting(site, out, monkeypatch)
    edit_summary(site)
    assert build_counting(site, out, monkeypatch) == []
    build(site, tmp_path / "cold", "--no-cache")
    assert first_difference(tmp_path / "cold", out) is None


def test_a_whole_file_changed_since_the_last_build_gives_no_piece(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_counting(site, out, monkeypatch)
    events_json = out / "data/events.json"
    data = events_json.read_bytes()
    status = events_json.stat()
    events_json.write_bytes(data.replace(b'"', b"'"))  # same size: only its time tells
    os.utime(events_json, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    edit_summary(site)
    assert build_counting(site, out, monkeypatch) != []  # made again, not sliced out of it
    build(site, tmp_path / "cold", "--no-cache")
    assert first_difference(tmp_path / "cold", out) is None


def test_a_build_into_another_folder_makes_every_piece_again(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_counting(site, tmp_path / "out", monkeypatch)
    edit_summary(site)
    shutil.rmtree(tmp_path / "out")
    assert build_counting(site, tmp_path / "elsewhere", monkeypatch) != []
    build(site, tmp_path / "cold", "--no-cache")
    assert first_difference(tmp_path / "cold", tmp_path / "elsewhere") is None


def test_a_layout_names_each_piece_handed_out_where_it_lands() -> None:
    source = splice.PieceSource.__new__(splice.PieceSource)
    source.keys, source.fresh = {"a": "k" * splice.KEY_LENGTH}, {"a": tuple(b"<%d>" % n for n in range(7))}
    pieces = splice.FilePieces(source, "feed.xml")

    class View:
        slug = "a"

    piece = pieces.piece("record")(View())  # type: ignore[arg-type]
    layout = pieces.layout("file-key", [b"head,", piece, b",", b"tail", b"<2>"])
    assert layout == ["file-key", "k" * splice.KEY_LENGTH, PIECE_KINDS.index("record"), 5, len(piece)]
