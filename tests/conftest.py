"""Shared fixtures: the repository, the fixture sites, and a built copy of each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_reader import BuiltSite, build_site

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SUB_PATH_URL = "https://example.github.io/REPO/"


@pytest.fixture(scope="session")
def fixture_site_root() -> Path:
    return FIXTURES / "site"


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site, copied out of the repo (no git history), built for a sub-path."""
    root = tmp_path_factory.mktemp("fixture") / "site-folder"
    shutil.copytree(FIXTURES / "site", root)
    return build_site(root, root.parent / "out", SUB_PATH_URL)


@pytest.fixture(scope="session")
def built_real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own timeline, built for a sub-path."""
    return build_site(REPO, tmp_path_factory.mktemp("real") / "out", SUB_PATH_URL)
