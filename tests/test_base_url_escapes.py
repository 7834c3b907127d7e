"""`base_url` (and `--base-url`, checked by the same rule) may not hold a percent-escape of
what its path could not hold as written: a control character (%00-%1F, %7F), a '/' (%2F),
or bytes that are not UTF-8; nor a folder `.` or `..`, as written or escaped (%2e%2e), which
browsers resolve. `serve` decodes the sub-path and refused every request under a NUL one; %2F
is one folder in the pages' links and two once decoded; `/news/%2e%2e/events/` is `/events/`."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.cli import main
from chronicle.source.base_url import base_url_problem

SITE = "content/site.yaml"
CONTROL = "the escape of a control character, which no address may hold"
SLASH = "an escaped '/': one folder name in links, two once a server decodes it"
LEAD_OUT = "the links made from it would lead out of the folder the site is published in"
ABOVE = f"which browsers read as '..' (the folder above): {LEAD_OUT}"
ITSELF = f"which browsers read as '.' (the folder itself): {LEAD_OUT}"

REFUSED = {
    "nul": ("https://example.org/%00/", f"has '%00', {CONTROL}"),
    "unit-separator": ("https://example.org/a%1f/", f"has '%1f', {CONTROL}"),
    "delete": ("https://example.org/%7F/", f"has '%7F', {CONTROL}"),
    "slash": ("https://example.org/a%2Fb/", f"has '%2F', {SLASH}"),
    "not-utf-8": ("https://example.org/%FF/", "has percent-escapes that are not UTF-8 text"),
    "right-to-left-override": (
        "https://example.org/%e2%80%ae/",
        "has the percent-escapes of the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    "escaped-dot-dot": ("https://example.org/news/%2e%2e/", f"has the folder '%2e%2e', {ABOVE}"),
    "half-escaped-dot-dot": ("https://example.org/news/.%2E/", f"has the folder '.%2E', {ABOVE}"),
    "dot-dot": ("https://example.org/news/../", f"has the folder '..', {ABOVE}"),
    "escaped-dot": ("https://example.org/%2E/news/", f"has the folder '%2E', {ITSELF}"),
    "dot-last": ("https://example.org/news/.", f"has the folder '.', {ITSELF}"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_base_url_may_not_escape_what_its_path_cannot_hold(tmp_path: Path, case: str) -> None:
    url, message = REFUSED[case]
    root = write_site(tmp_path, {SITE: f"title: T\nbase_url: {url}\n"})
    [(where, said, _hint)] = reported(root)
    assert (where, said) == (f"{SITE}:2:11", f"error: 'base_url' {message}")


@pytest.mark.parametrize("case", REFUSED)
def test_base_url_option_with_such_an_escape_is_a_usage_error(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url, message = REFUSED[case]
    root = write_site(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--root", str(root), "--out", str(tmp_path / "out"), "--base-url", url])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a%20b/", "https://example.org/%C3%A9t%C3%A9/", "https://example.org/v1%2e2/..a/"],
)
def test_escapes_of_ordinary_characters_are_fine(tmp_path: Path, url: str) -> None:
    assert reported(write_site(tmp_path, {SITE: f"title: T\nbase_url: {url}\n"})) == []


@pytest.mark.parametrize("page", ["index.html", "home.HTM", "index.php"])
def test_a_base_url_naming_a_page_is_refused_with_its_folder(page: str) -> None:
    assert base_url_problem(f"https://example.github.io/REPO/{page}") == (
        f"ends with the page '{page}': base_url is the folder the site is published in",
        "write https://example.github.io/REPO/",
    )


def test_a_base_url_option_not_written_as_browsers_write_it_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site(tmp_path / "site")
    written = "https://Example.org:443/t/"
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out"), "--base-url", written]) == 0
    assert (
        "warning: --base-url is written https://Example.org:443, which browsers write https://example.org; "
        "write it `https://example.org/t/` now" in capsys.readouterr().err
    )
