"""`new`: a scaffold that fails `check` only on what is left to fill in, and schemas for the editor."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_schema import schema_errors

from chronicle.authoring.schema import FILE_KINDS, render_schema
from chronicle.build.load import load_site
from chronicle.cli import main
from chronicle.model.fields import CLAIM_FIELDS, CLAIM_VALUE_FIELDS, EVENT_FIELDS, MEDIA_FIELDS, SOURCE_FIELDS

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
TITLE = 'Kim "meets" Shoigu — again'
SLUG = "kim-meets-shoigu-again"
EVENT = f"content/events/{SLUG}.yaml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    return root


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The repository's own site folder (content, seeds, shipped schemas), outside git."""
    root = tmp_path / "timeline"
    for folder in ("content", "seeds", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def new(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["new", *args, "--root", str(root)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def errors_of(root: Path) -> list[tuple[str, int, int, str]]:
    result = load_site(root)
    return [
        (d.mark.path, d.mark.line, d.mark.col, d.message) for d in result.diagnostics if d.severity == "error"
    ]


def test_new_on_a_copy_of_the_timeline_fails_check_only_on_what_is_left_to_fill_in(repo_copy: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "new",
            TITLE,
            "--date",
            "2025-06-04",
            "--root",
            str(repo_copy),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, f"{repo_copy / EVENT}\n", "")

    lines = (repo_copy / EVENT).read_text(encoding="utf-8").splitlines()
    errors = errors_of(repo_copy)
    assert [(path, col) for path, _line, col, _message in errors] == [(EVENT, 1), (EVENT, 5)]
    # The summary left empty: reported at its key (or at the start of the event).
    assert "'summary'" in errors[0][3]
    assert lines[errors[0][1] - 1].startswith(("summary:", "title:"))
    # The source left empty, at the entry to fill in.
    assert errors[1][3] == "a source needs 'article' and 'quote', or 'url'"
    assert lines[errors[1][1] - 1].startswith("  - article:")

    check = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--root", str(repo_copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 1
    assert check.stderr.count(": error: ") == 2
    assert check.stderr.endswith("2 errors, 0 warnings\n")


def test_the_scaffold_filled_in_passes_check(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(site, TITLE, "--date", "2025-04", capsys=capsys)[0] == 0
    path = site / EVENT
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary:", "summary: They meet again.", 1)
    text = text.replace("  - article:", "  - article: alpha-report", 1)
    text = text.replace("    quote:", '    quote: "a breach of the 1998 Selka Waters Accord"', 1)
    path.write_text(text, encoding="utf-8")
    assert load_site(site).diagnostics == ()
    assert schema_errors("event", text) == []


def test_the_scaffold_carries_every_field_with_a_comment(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new(site, TITLE, "--date", "2025-06-04", capsys=capsys)
    lines = (site / EVENT).read_text(encoding="utf-8").splitlines()
    keys = {}
    for line in lines[3:]:
        if line.startswith(("# date: ", '#   "[')):  # the forms of a date, above its line
            continue
        match = re.match(r"^[#\s-]*([a-z_]+):", line)
        assert match, line
        keys[match[1]] = line
        assert re.search(r"\S\s+# \w", line), f"no comment: {line}"
    declared = {
        f.name
        for fields in (EVENT_FIELDS, SOURCE_FIELDS, CLAIM_FIELDS, CLAIM_VALUE_FIELDS, MEDIA_FIELDS)
        for f in fields
    }
    assert declared <= keys.keys()


def test_a_date_error_in_the_scaffold_quotes_a_short_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new(site, TITLE, "--date", "2025-06-04", capsys=capsys)
    lines = (site / EVENT).read_text(encoding="utf-8").splitlines()
    date_line = next(line for line in lines if line.startswith("date:"))
    assert len(date_line) < 90


def test_the_scaffold_reads_as_intended(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new(site, TITLE, "--date", "2025-06-04", capsys=capsys)
    text = (site / EVENT).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/event.schema.json\n")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text, as the engine reads it
    assert data == {
        "title": TITLE,
        "date": "2025-06-04",
        "summary": "",
        "tags": [],
        "actors": [],
        "places": [],
        "sources": [{"article": "", "quote": ""}],
        "added": datetime.date.today().isoformat(),
    }


def test_the_scaffold_shows_only_what_is_left_to_fill_in_against_the_schema(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new(site, TITLE, "--date", "2025", capsys=capsys)
    errors = schema_errors("event", (site / EVENT).read_text(encoding="utf-8"))
    assert errors == [
        "sources/0: {'article': None, 'quote': None} is not valid under any of the given schemas",
        "summary: None is not of type 'string', 'number', 'boolean'",
    ]


def test_the_modeline_points_at_schemas_new_writes_into_the_site(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = new(site, TITLE, "--date", "2025-06-04", capsys=capsys)
    assert (code, out) == (0, f"{site / EVENT}\n")
    modeline = (site / EVENT).read_text(encoding="utf-8").splitlines()[0]
    target = (site / EVENT).parent / modeline.split("$schema=", 1)[1]
    assert target.resolve() == (site / "schema" / "event.schema.json").resolve()
    for kind in FILE_KINDS:
        written = site / "schema" / kind.filename
        assert written.read_text(encoding="utf-8") == render_schema(kind)
        assert f"note: wrote {written} " in err

    # The next `new` finds them current and writes nothing more.
    code, _out, err = new(site, "Another event", "--date", "2025", capsys=capsys)
    assert (code, err) == (0, "")


def test_new_refreshes_its_own_stale_schema_and_leaves_others_alone(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = site / "schema"
    folder.mkdir()
    stale = json.loads(render_schema(FILE_KINDS[0]))
    stale["description"] = "an older version"
    (folder / "event.schema.json").write_text(json.dumps(stale), encoding="utf-8")
    (folder / "site.schema.json").write_text('{"$id": "https://example.org/mine"}', encoding="utf-8")

    code, _out, err = new(site, TITLE, "--date", "2025", capsys=capsys)

    assert code == 0
    assert (folder / "event.schema.json").read_text(encoding="utf-8") == render_schema(FILE_KINDS[0])
    assert (folder / "site.schema.json").read_text(encoding="utf-8") == '{"$id": "https://example.org/mine"}'
    assert "site.schema.json" not in err


def test_in_this_repository_new_uses_the_shipped_schemas(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {path.name: path.read_bytes() for path in (repo_copy / "schema").iterdir()}
    code, _out, err = new(repo_copy, TITLE, "--date", "2025", capsys=capsys)
    assert (code, err) == (0, "")
    assert {path.name: path.read_bytes() for path in (repo_copy / "schema").iterdir()} == before


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13", "June 2025", "25"])
def test_an_impossible_date_is_a_usage_error(
    site: Path, date: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", TITLE, "--date", date, "--root", str(site)])
    assert exit_.value.code == 2
    assert "argument --date: " in capsys.readouterr().err
    assert not (site / EVENT).exists()


def test_new_never_overwrites(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(site, TITLE, "--date", "2025", capsys=capsys)[0] == 0
    (site / EVENT).write_text("edited\n", encoding="utf-8")
    code, out, err = new(site, TITLE, "--date", "2024", capsys=capsys)
    assert (code, out) == (1, "")
    assert "already exists; nothing written" in err
    assert (site / EVENT).read_text(encoding="utf-8") == "edited\n"


def test_the_slug_is_transliterated(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = new(site, "Ким встречает Шойгу", "--date", "2025", capsys=capsys)
    assert (code, out) == (0, f"{site / 'content/events/kim-vstrechaet-shoigu.yaml'}\n")
