"""`build` warns when the site it built is larger than GitHub Pages publishes (1 GB), naming
the folders that weigh most."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from output_trees import copy_site

from chronicle.build.session import BuildOptions, BuildSession
from chronicle.commands.report import site_size_warning


def test_a_site_within_the_limit_gets_no_warning() -> None:
    assert site_size_warning({"events": 600, "": 300}, limit=1000) is None


def test_a_site_over_the_limit_is_told_with_its_heaviest_folders() -> None:
    warning = site_size_warning(
        {"actors": 380_000_000, "places": 370_000_000, "tags": 390_000_000, "events": 60_000_000}
    )
    assert warning is not None
    assert warning.startswith("warning: the built site is 1,200 MB, more than the 1,000 MB GitHub Pages")
    assert "most in tags/ 390 MB, actors/ 380 MB, places/ 370 MB" in warning


def test_the_build_counts_the_bytes_of_each_top_level_folder(tmp_path: Path) -> None:
    root = copy_site(FIXTURES / "site", tmp_path / "site")
    out = tmp_path / "out"
    outcome = BuildSession(BuildOptions(root, out, use_cache=False)).run()
    assert outcome.report is not None
    on_disk = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    assert sum(outcome.report.folder_bytes.values()) == on_disk
    assert outcome.report.folder_bytes["events"] > 0
