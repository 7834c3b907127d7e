"""The site folder in the person's own terms: a mistyped `--root` gets "did you mean"; with no
`--root`, the folder they are in is named as such and the site folders in it listed; `init`
inside a site folder is refused, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import write_site

from chronicle.cli import main


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    assert exit_info.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_a_mistyped_root_gets_the_closest_folder_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path / "my-timeline")
    monkeypatch.chdir(tmp_path)
    line = usage_error(capsys, "build", "--root", "my-timline")
    assert line.endswith("error: --root my-timline: no such folder; did you mean --root my-timeline?")


def test_a_root_like_no_folder_beside_it_is_only_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path / "my-timeline")
    monkeypatch.chdir(tmp_path)
    assert usage_error(capsys, "check", "--root", "elsewhere").endswith(
        "error: --root elsewhere: no such folder"
    )


def test_without_root_the_current_folder_is_named_and_its_site_folders_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path / "alpha")
    write_site(tmp_path / "bravo")
    monkeypatch.chdir(tmp_path)
    line = usage_error(capsys, "build")
    assert line.endswith(
        f"error: this folder ({tmp_path}): not a site folder (it has no content/site.yaml); it holds "
        "the site folders alpha, bravo: name one with --root (e.g. --root alpha)"
    )
    assert "--root ." not in line


def test_a_root_given_holding_site_folders_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_site(tmp_path / "alpha")
    write_site(tmp_path / "bravo")
    line = usage_error(capsys, "check", "--root", str(tmp_path))
    assert line.endswith(
        f"it holds the site folders {tmp_path / 'alpha'}, {tmp_path / 'bravo'}: name one "
        f"with --root (e.g. --root {tmp_path / 'alpha'})"
    )


def test_init_inside_a_site_folder_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site")
    target = site / "content" / "nested"
    assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"is inside the site folder {site} (it has content/site.yaml)" in err
    assert err.rstrip().endswith("nothing written")
    assert not target.exists()


def test_init_beside_a_site_folder_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(tmp_path / "site")
    assert main(["init", str(tmp_path / "site" / ".." / "other")]) == 0
    assert (tmp_path / "other" / "content" / "site.yaml").is_file()
