"""The fixture site builds to the committed golden output, byte for byte.

tests/golden/fixture-site/ holds every file a cold build (`--no-cache`) of tests/fixtures/site
writes for `--base-url https://example.github.io/REPO/`, from a copy of the site outside git
(every fixture event sets `added`, so no date comes from git history or the clock). Any change
to what the build writes shows up here as the first differing file, with a diff excerpt.

After a deliberate change to the output (theme, exports, feeds ...), regenerate the golden
files and review their diff before committing it:

    CHRONICLE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_output.py

tests/golden/.gitattributes keeps git from touching line endings (events.csv uses CRLF).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from output_trees import REPO, build, copy_site, first_difference, tree_files

FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
GOLDEN = REPO / "tests" / "golden" / "fixture-site"
UPDATE_VARIABLE = "CHRONICLE_UPDATE_GOLDEN"


@pytest.fixture(scope="module")
def two_cold_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture site built cold twice, from two copies in different folders."""
    outputs = []
    for name in ("first", "second"):
        folder = tmp_path_factory.mktemp(name)
        root = copy_site(FIXTURE_SITE, folder / f"site-{name}")
        build(root, folder / "out", "--no-cache")
        outputs.append(folder / "out")
    return outputs[0], outputs[1]


def test_two_cold_builds_from_different_folders_are_byte_identical(
    two_cold_builds: tuple[Path, Path],
) -> None:
    first, second = two_cold_builds
    difference = first_difference(first, second)
    if difference is not None:
        pytest.fail(f"two cold builds differ at {difference}")


def test_the_fixture_site_builds_to_the_golden_output(two_cold_builds: tuple[Path, Path]) -> None:
    built, _ = two_cold_builds
    if os.environ.get(UPDATE_VARIABLE) == "1":
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(built, GOLDEN)
    assert GOLDEN.is_dir(), f"no golden output at {GOLDEN}: run with {UPDATE_VARIABLE}=1 to write it"
    difference = first_difference(GOLDEN, built)
    if difference is not None:
        pytest.fail(
            f"the build differs from {GOLDEN.relative_to(REPO)} at {difference}\n"
            f"(if the change is intended, rerun with {UPDATE_VARIABLE}=1 and review the golden diff)"
        )


def test_the_golden_output_is_small() -> None:
    total = sum(path.stat().st_size for path in tree_files(GOLDEN).values())
    assert total < 3_000_000, f"{GOLDEN.relative_to(REPO)} holds {total} bytes: keep the fixture site small"
