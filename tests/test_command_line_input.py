"""Ordinary bad command-line input is a usage error: exit 2, one line saying what is wrong, and
nothing written; never an internal error (exit 3) nor a command that hangs (red team F10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from unit_helpers import BUILD_PY, write_site

from chronicle.cli import main

LONG_NAME = "a" * 300


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The last line `main(args)` prints, having exited 2 (argparse's usage error)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    return err.splitlines()[-1]


def files_under(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "eighty", "\u00b2", "8" * 5000])
def test_serve_refuses_a_port_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], port: str
) -> None:
    line = usage_error(capsys, "serve", "--root", str(write_site(tmp_path)), "--port", port)
    assert line.endswith(f"error: argument --port: '{port}' is not a port number from 0 to 65535")


@pytest.mark.parametrize("jobs", ["0", "\u00b2", "4" * 5000])
def test_build_refuses_jobs_that_are_no_positive_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    line = usage_error(capsys, "build", "--root", str(write_site(tmp_path)), "--jobs", jobs)
    assert line.endswith(f"error: argument --jobs: '{jobs}' is not a positive whole number")


def test_serve_refuses_an_empty_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = usage_error(capsys, "serve", "--root", str(write_site(tmp_path)), "--host", "")
    assert line.endswith("error: argument --host: '' is not a host name or IP address")


def test_init_refuses_a_folder_name_too_long_for_the_file_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = usage_error(capsys, "init", str(tmp_path / LONG_NAME))
    assert line.endswith(
        "error: argument folder: the name 'aaaaaaaaaaaaaaaaaaaaaaaa…' is too long (300 bytes; at most 255)"
    )
    assert files_under(tmp_path) == []


def test_init_refuses_a_folder_inside_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    line = usage_error(capsys, "init", str(tmp_path / "notes.txt" / "site"))
    assert line.endswith(f"error: argument folder: {tmp_path / 'notes.txt' / 'site'}: Not a directory")
    assert files_under(tmp_path) == ["notes.txt"]


def test_build_refuses_an_output_folder_name_too_long_for_the_file_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site(tmp_path / "site-folder")
    before = files_under(tmp_path)
    line = usage_error(capsys, "build", "--root", str(root), "--out", str(tmp_path / LONG_NAME))
    assert "error: argument --out: the name 'aaaa" in line
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("command", ["build", "check", "serve", "links", "new", "import"])
def test_every_command_refuses_a_root_name_too_long_for_the_file_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    extra = {"new": ["Title", "--date", "2025"], "import": [str(tmp_path / "sheet.csv")]}.get(command, [])
    line = usage_error(capsys, command, *extra, "--root", str(tmp_path / LONG_NAME))
    assert "error: argument --root: the name 'aaaa" in line


@pytest.mark.parametrize(
    ("command", "extra"),
    [("new", ["Title", "--date", "2025"]), ("import", ["sheet.csv"])],
    ids=["new", "import"],
)
def test_a_command_that_writes_into_a_site_refuses_a_folder_that_is_no_site(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    extra: list[str],
) -> None:
    (tmp_path / "sheet.csv").write_text("Year,Headline,Text\n2025,T,S\n", encoding="utf-8")
    folder = tmp_path / "typo"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    line = usage_error(capsys, command, *extra, "--root", str(folder))
    assert line.endswith(
        f"error: --root {folder}: not a site folder (it has no content/site.yaml); `init` makes a new one"
    )
    assert files_under(folder) == []


@pytest.mark.parametrize("command", ["build", "check", "serve", "links"])
def test_a_folder_without_content_is_no_site_for_any_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    line = usage_error(capsys, command, "--root", str(tmp_path))
    assert line.endswith(
        f"error: --root {tmp_path}: not a site folder (it has no content/site.yaml); `init` makes a new one"
    )


def test_the_one_site_folder_inside_the_root_is_suggested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path / "my-timeline")
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path)
    line = usage_error(capsys, "build")
    assert line.endswith(
        f"error: this folder ({tmp_path}): not a site folder (it has no content/site.yaml); "
        "did you mean --root my-timeline? (or cd my-timeline)"
    )


def test_a_command_run_inside_a_sites_folders_uses_the_site_holding_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "my-timeline")
    monkeypatch.chdir(root / "content" / "events")
    assert main(["check"]) == 0
    said = capsys.readouterr()
    assert f"note: using the site folder {root}, which holds this folder" in said.err
    assert "ok:" in said.out + said.err


def test_new_run_inside_a_sites_folders_writes_into_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path / "my-timeline")
    monkeypatch.chdir(root / "content" / "events")
    assert main(["new", "Talks resume", "--date", "2025-03-12"]) == 0
    assert (root / "content" / "events" / "talks-resume.yaml").is_file()
    assert not (root / "content" / "events" / "content").exists()


def test_a_site_folder_missing_only_its_settings_gets_the_located_error(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/site.yaml": None})
    result = subprocess.run(
        [sys.executable, str(BUILD_PY), "check", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert (
        "content/site.yaml:1:1: error: the site settings file content/site.yaml is missing" in result.stderr
    )


def test_import_refuses_a_named_pipe_at_once(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site-folder")
    before = files_under(root)
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, str(BUILD_PY), "import", str(fifo), "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"error: cannot read {fifo}: not a regular file (a CSV file is needed)\n"
    assert files_under(root) == before


@pytest.mark.parametrize("what", ["a folder", "a device"])
def test_import_refuses_what_is_no_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    root = write_site(tmp_path / "site-folder")
    before = files_under(root)
    given = str(tmp_path) if what == "a folder" else os.devnull
    assert main(["import", given, "--root", str(root)]) == 2
    assert capsys.readouterr().err.startswith(f"error: cannot read {given}: ")
    assert files_under(root) == before


def test_a_command_after_its_options_is_a_usage_error_saying_where_it_goes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--root", ".", "check"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "error: options go after the command: " in err
    assert err.rstrip().endswith(" check --root .")


def test_a_folder_named_like_a_command_is_still_a_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--root", str(tmp_path / "check")])
    assert "options go after the command" not in capsys.readouterr().err
