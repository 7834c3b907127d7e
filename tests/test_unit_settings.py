"""settings: content/site.yaml -> SiteSettings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.records import SiteSettings
from chronicle.model.wording import ENGLISH

SITE = "content/site.yaml"


def test_missing_settings_file_is_reported_with_what_to_write(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: None})
    assert reported(root) == [
        (
            f"{SITE}:1:1",
            "error: the site settings file content/site.yaml is missing",
            "create it with at least `title:` and `base_url:`",
        )
    ]


def test_settings_take_defaults_for_what_is_left_out(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x/\n"})).site
    assert site is not None
    wording = site.settings.wording
    assert dataclasses.replace(site.settings, wording=ENGLISH) == SiteSettings(
        "T", "", "https://example.org/x/", "en", ""
    )
    assert (wording.catalog, wording.locale, wording.direction, wording.overridden) == (
        "en",
        "en_GB",
        "ltr",
        (),
    )


def test_base_url_always_ends_in_a_slash(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x\n"})).site
    assert site is not None
    assert site.settings.base_url == "https://example.org/x/"


def test_base_url_given_to_the_build_overrides_the_file(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path), "https://other.example/y/").site
    assert site is not None
    assert site.settings.base_url == "https://other.example/y/"


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (
            "ftp://example.org/",
            "error: 'base_url' must be an http:// or https:// address, not 'ftp://example.org/'",
            None,
        ),
        (
            "example.org",
            "error: 'base_url' must be an http:// or https:// address, not 'example.org'",
            "did you mean https://example.org?",
        ),
        (
            '"https://example.org/a b/"',
            "error: 'base_url' contains spaces, quotes or control characters; encode them (%20)",
            None,
        ),
    ],
    ids=["ftp", "no-scheme", "space"],
)
def test_base_url_must_be_an_http_address(
    tmp_path: Path, written: str, message: str, hint: str | None
) -> None:
    root = write_site(tmp_path, {SITE: f"title: T\nbase_url: {written}\n"})
    assert reported(root) == [(f"{SITE}:2:11", message, hint)]


def test_language_must_be_a_language_tag(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/\nlanguage: English\n"})
    assert reported(root) == [
        (f"{SITE}:3:11", "error: 'language' must be a language tag such as en or pt-BR, not 'English'", None)
    ]


def test_misspelt_settings_key_suggests_the_known_one(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/\nauthr: Me\n"})
    assert reported(root) == [
        (f"{SITE}:3:1", "error: unknown key 'authr' in site settings; did you mean 'author'?", None)
    ]


def test_feeds_list_100_events_unless_the_settings_say(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x/\n"})).site
    assert site is not None
    assert site.settings.feed_limit == 100


def test_feed_limit_is_read_from_the_settings(tmp_path: Path) -> None:
    site = load_site(
        write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x/\nfeed_limit: 20\n"})
    ).site
    assert site is not None
    assert site.settings.feed_limit == 20


def test_feed_limit_below_one_is_an_error_at_its_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x/\nfeed_limit: 0\n"})
    assert reported(root) == [(f"{SITE}:3:13", "error: 'feed_limit' must be at least 1, not 0", None)]


def test_feed_limit_that_is_not_a_number_is_an_error_at_its_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/x/\nfeed_limit: all\n"})
    assert reported(root) == [(f"{SITE}:3:13", "error: 'feed_limit' must be a whole number, not 'all'", None)]


def test_feed_limit_too_large_is_told_how_many_digits_a_number_may_have(tmp_path: Path) -> None:
    site = "title: T\nbase_url: https://example.org/x/\nfeed_limit: 99999999999999999999999\n"
    root = write_site(tmp_path, {SITE: site})
    message = "error: 'feed_limit' must be a whole number of at most 9 digits, not one of 23"
    assert reported(root) == [(f"{SITE}:3:13", message, None)]


@pytest.mark.parametrize(
    ("written", "browsers"),
    [
        ("https://News.Example.org/timeline/", "https://news.example.org"),
        ("HTTPS://news.example.org/", "https://news.example.org"),
        ("https://news.example.org:443/", "https://news.example.org"),
        ("https://exämple.org/", "https://xn--exmple-cua.org"),
        ("https://ex%41mple.org/", "https://example.org"),
    ],
    ids=["capital-host", "capital-scheme", "default-port", "unicode-host", "escaped-host"],
)
def test_base_url_not_as_browsers_write_it_is_warned_about(
    tmp_path: Path, written: str, browsers: str
) -> None:
    root = write_site(tmp_path, {SITE: f"title: T\nbase_url: {written}\n"})
    [(where, message, hint)] = reported(root)
    assert where == f"{SITE}:2:11"
    assert message.startswith("warning: 'base_url' is written ") and message.endswith(
        f"which browsers write {browsers}"
    )
    assert hint is not None and browsers in hint and "subscribers" in hint


def test_base_url_as_browsers_write_it_is_not_warned_about(tmp_path: Path) -> None:
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://news.example.org:8443/Timeline/\n"})
    assert reported(root) == []


def test_base_url_with_a_path_beyond_ascii_is_told_the_escaped_path_browsers_send(tmp_path: Path) -> None:
    # The sitemap, the feeds' links and ids and canonical links carry base_url: URLs, not IRIs.
    root = write_site(tmp_path, {SITE: "title: T\nbase_url: https://example.org/тайм/\n"})
    [(where, message, hint)] = reported(root)
    assert where == f"{SITE}:2:11"
    escaped = "/%D1%82%D0%B0%D0%B9%D0%BC/"
    assert message == f"warning: 'base_url' has the path /тайм/, which browsers send as {escaped}"
    assert hint is not None and hint.startswith(f"write it `https://example.org{escaped}` now")
