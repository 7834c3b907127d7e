"""`--base-url` (build, init) is checked by the same rule as `base_url` in content/site.yaml:
a bad address is a usage error (exit 2) naming what `check` would say, and nothing is written
(red team F9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.cli import main

SITE = "content/site.yaml"

BAD_ADDRESSES = {
    "user-and-password": "https://user:pw@x.example/",
    "user-only": "https://editor@x.example/",
    "bad-percent-escape": "https://x.example/%zz/",
    "lone-percent-sign": "https://x.example/100%/",
    "empty-query": "https://x.example/?",
    "fragment": "https://x.example/#top",
    "invisible-character": "https://x.example/\u202edoc/",
    "not-http": "ftp://x.example/",
}


def site_yaml_says(tmp_path: Path, address: str) -> str:
    """What `check` says about `address` as base_url in content/site.yaml, after "'base_url' "."""
    root = write_site(tmp_path / "said", {SITE: f'title: T\nbase_url: "{address}"\n'})
    errors = [message for _where, message, _hint in reported(root) if message.startswith("error:")]
    assert len(errors) == 1, errors
    return errors[0].removeprefix("error: 'base_url' ")


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_site_yaml_refuses_the_address_at_its_value(tmp_path: Path, address: str) -> None:
    root = write_site(tmp_path, {SITE: f'title: T\nbase_url: "{address}"\n'})
    # An invisible character is located where it is written, as in any text field (R5).
    column = 11 + 1 + address.index("\u202e") if "\u202e" in address else 11
    assert [where for where, message, _hint in reported(root) if message.startswith("error:")] == [
        f"{SITE}:2:{column}"
    ]


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_build_refuses_the_address_as_site_yaml_does_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    said = site_yaml_says(tmp_path, address)
    root = write_site(tmp_path / "site-folder")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--root", str(root), "--out", str(out), "--base-url", address])
    assert exit_info.value.code == 2
    assert f": error: argument --base-url: {said}" in capsys.readouterr().err.splitlines()[-1]
    assert not out.exists()
    assert not (root / "site").exists()


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
def test_init_refuses_the_address_as_site_yaml_does_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    said = site_yaml_says(tmp_path, address)
    with pytest.raises(SystemExit) as exit_info:
        main(["init", str(tmp_path / "new"), "--base-url", address])
    assert exit_info.value.code == 2
    assert f": error: argument --base-url: {said}" in capsys.readouterr().err.splitlines()[-1]
    assert not (tmp_path / "new").exists()


def test_a_user_name_in_the_address_is_refused_with_what_to_write_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["init", str(tmp_path / "new"), "--base-url", "https://user:pw@x.example/"])
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith(
            "argument --base-url: carries a user name or password (before '@'); the site would publish "
            "it; write the address without them: https://host/path"
        )
    )


@pytest.mark.parametrize("address", ["https://x.example/my%20site/", "http://127.0.0.1:8000/a/"])
def test_an_address_with_valid_escapes_or_a_port_is_accepted_by_both(tmp_path: Path, address: str) -> None:
    root = write_site(tmp_path / "site", {SITE: f'title: T\nbase_url: "{address}"\n'})
    assert reported(root) == []
    assert main(["init", str(tmp_path / "new"), "--base-url", address]) == 0
