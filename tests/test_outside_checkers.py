"""The Nu Html Checker (vnu.jar, run by Debian's Java) finds no error on any page of the
fixture site or of the repository's own timeline, both built for a sub-path.

Without Java (apt-get install -y default-jre-headless) or the jar ((cd tests/outside && npm ci))
the tests are skipped, except when CI=true, where a missing checker is a failure. Lighthouse is
not run here (a minute a page): `python scripts/outside_checks.py lighthouse` runs it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from site_reader import BuiltSite

REPO = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("outside_checks", REPO / "scripts" / "outside_checks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


outside_checks = _script()


def nu_errors(*folders: Path) -> list[str]:
    try:
        return [str(error) for error in outside_checks.nu_errors(folders)]
    except FileNotFoundError as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(str(missing))


def test_nu_finds_no_error_in_the_fixture_and_real_sites(
    built_fixture_site: BuiltSite, built_real_site: BuiltSite
) -> None:
    pages = [*built_fixture_site.out.rglob("*.html"), *built_real_site.out.rglob("*.html")]
    assert len(pages) > 50
    assert nu_errors(built_fixture_site.out, built_real_site.out) == []


def test_nu_reports_an_error_with_its_file_line_and_column(tmp_path: Path) -> None:
    """The check is live: a page with a stray end tag and an image without alt is caught."""
    page = tmp_path / "bad" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><title>t</title></head>\n'
        '<body><p><div>x</div></p><img src="a.png"></body></html>\n',
        encoding="utf-8",
    )
    (tmp_path / "bad" / "feed.xml").write_text("<not-html/>", encoding="utf-8")  # skipped, not an error
    errors = nu_errors(tmp_path / "bad")
    assert len(errors) == 2, errors
    assert all(error.startswith(f"{page}:3:") and ": error: " in error for error in errors), errors
    assert "“p” end tag" in errors[0]
    assert "alt" in errors[1]
