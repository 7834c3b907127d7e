"""cli: argv -> command; exit 0 success, 1 content errors, 2 usage errors; no traceback for an editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from unit_helpers import run_build, write_site

import chronicle
import chronicle.commands.check
from chronicle.cli import main

EVENT = "content/events/first-event.yaml"
MISSPELT = (
    "title: T\ndate: 2025\nsummry: S\nsources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
)


def test_no_command_builds_the_current_folder(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    result = run_build(cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 1 event")
    assert (root / "site" / "events" / "first-event" / "index.html").is_file()


def test_options_without_command_mean_build(tmp_path: Path) -> None:
    root = write_site(tmp_path / "root")
    result = run_build("--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_check_of_valid_content_exits_0_and_says_so(tmp_path: Path) -> None:
    result = run_build("check", "--root", str(write_site(tmp_path)))
    assert (result.returncode, result.stdout) == (0, "ok: 1 event, 1 article, every quote verified\n")


def test_check_of_broken_content_exits_1_with_located_errors(tmp_path: Path) -> None:
    result = run_build("check", "--root", str(write_site(tmp_path, {EVENT: MISSPELT})))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "content/events/first-event.yaml:3:1: error: unknown key 'summry' in event; did you mean 'summary'?"
    )
    assert lines[-1] == "1 error, 0 warnings"


def test_check_format_github_prints_annotations(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: MISSPELT})
    result = run_build("check", "--format", "github", cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/events/first-event.yaml,line=3,col=1::"
        "unknown key 'summry' in event; did you mean 'summary'?%0Aevent needs 'summary'",
    ]


def test_check_format_github_prints_warnings_as_warnings(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {EVENT: "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"},
    )
    result = run_build("check", "--format", "github", cwd=root)
    assert result.returncode == 0
    warned = [line for line in result.stdout.splitlines() if "first-event.yaml" in line]
    assert len(warned) == 1
    expected = "::warning file=content/events/first-event.yaml,line=1,col=1::'added' is not set"
    assert warned[0].startswith(expected)


def test_build_of_broken_content_exits_1_and_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: MISSPELT})
    (root / "site").mkdir()
    (root / "site" / ".chronicle-output").write_bytes(b"an earlier build\n")
    (root / "site" / "index.html").write_bytes(b"old")
    result = run_build("build", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"nothing written; {root / 'site'} is as it was"
    assert sorted(path.name for path in (root / "site").iterdir()) == [".chronicle-output", "index.html"]
    assert (root / "site" / "index.html").read_bytes() == b"old"


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["check", "--format", "xml"], "build.py check: error: argument --format: invalid choice: 'xml'"),
        (
            ["build", "--base-url", "example.org"],
            "build.py build: error: argument --base-url: must be an http:// or https:// address, "
            "not 'example.org'",
        ),
        (["check", "--no-such-option"], "build.py: error: unrecognized arguments: --no-such-option"),
        (["new", "Title"], "build.py new: error: the following arguments are required: --date"),
        (["buidl"], "build.py: error: unknown command 'buidl'; did you mean 'build'?"),
        (["publish"], "build.py: error: unknown command 'publish' (commands: build, check, serve,"),
    ],
    ids=[
        "bad-choice",
        "bad-base-url",
        "unknown-option",
        "missing-date",
        "misspelt-command",
        "unknown-command",
    ],
)
def test_usage_error_exits_2(tmp_path: Path, args: list[str], last_line: str) -> None:
    result = run_build(*args, "--root", str(write_site(tmp_path)))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(last_line)


@pytest.mark.parametrize("command", ["build", "check", "serve", "new", "links"])
def test_a_root_that_is_no_folder_is_a_usage_error(tmp_path: Path, command: str) -> None:
    extra = ["Title", "--date", "2025"] if command == "new" else []
    result = run_build(command, *extra, "--root", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"build.py: error: --root {tmp_path / 'missing'}: no such folder"


def test_version_prints_the_program_and_its_version() -> None:
    result = run_build("--version")
    assert (result.returncode, result.stdout) == (0, f"build.py {chronicle.__version__}\n")


def test_messages_name_the_program_as_it_was_run() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chronicle", "check", "--format", "xml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("python -m chronicle check: error: argument --format")


def test_one_event_is_counted_in_the_singular(tmp_path: Path) -> None:
    result = run_build("--root", str(write_site(tmp_path)))
    assert result.stdout.startswith("built 1 event into ")


def test_output_folder_holding_the_content_is_a_usage_error(tmp_path: Path) -> None:
    root = write_site(tmp_path).resolve()
    result = run_build("build", "--root", str(root), "--out", str(root / "content"))
    assert (result.returncode, result.stderr) == (
        2,
        f"error: refusing to write into {root / 'content'}: it is part of the content\n",
    )


def fail_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_load_site(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(chronicle.commands.check, "load_site", broken_load_site)


def test_internal_error_prints_one_line_asking_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fail_inside(monkeypatch)
    (tmp_path / "content").mkdir()  # a site folder, its settings file missing
    assert main(["check", "--root", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "internal error: RuntimeError: boom. This is a bug in the timeline builder, not in your content; "
        "please report it at https://github.com/chronicle-timeline/chronicle/issues "
        "(run with --debug for the traceback)"
    ]


def test_internal_error_with_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fail_inside(monkeypatch)
    (tmp_path / "content").mkdir()
    assert main(["--debug", "check", "--root", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last):" in err
    assert err.rstrip().endswith("RuntimeError: boom")


def test_check_format_github_paths_lead_from_the_working_directory_to_the_file(tmp_path: Path) -> None:
    write_site(tmp_path / "timeline", {EVENT: MISSPELT})
    result = run_build("check", "--root", "timeline", "--format", "github", cwd=tmp_path)
    assert result.stdout.startswith("::error file=timeline/content/events/first-event.yaml,line=3,col=1::")


def test_the_command_line_exits_with_the_status_of_its_command(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--root", str(tmp_path)],  # no site.yaml: exit 1
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr  # flushed before the quick exit


def test_a_profiled_command_line_still_writes_its_profile(tmp_path: Path) -> None:
    profile = tmp_path / "build.pstats"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(profile),
            str(REPO / "build.py"),
            "check",
            "--root",
            str(FIXTURES / "site"),
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert profile.stat().st_size > 0
