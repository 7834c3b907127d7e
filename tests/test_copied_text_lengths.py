"""A text copied onto many pages (the site's title on every page, an article's title on every
event citing it) is bounded at its value (red team 22, siblings of T10 and T16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_claim_bounds import site_with, value
from unit_helpers import ARTICLE_YAML, SITE_YAML, reported, write_site

from chronicle.source.copied_texts import ARTICLE_MOST, EVENT_PART_MOST, SITE_MOST
from chronicle.source.validate import MAX_URL_LENGTH


@pytest.mark.parametrize("name", sorted(SITE_MOST))
def test_a_site_setting_on_every_page_longer_than_its_limit_is_an_error_at_it(
    tmp_path: Path, name: str
) -> None:
    most = SITE_MOST[name]
    settings = "".join(
        line for line in SITE_YAML.splitlines(keepends=True) if not line.startswith(f"{name}:")
    )
    root = write_site(tmp_path, {"content/site.yaml": settings + f"{name}: {'x' * (most + 1)}\n"})
    assert reported(root) == [
        (
            f"content/site.yaml:{settings.count(chr(10)) + 1}:{len(name) + 3}",
            f"error: '{name}' is {most + 1:,} characters long; it may have at most {most:,}",
            "it is copied onto every page of the site: keep it short",
        )
    ]


@pytest.mark.parametrize("name", sorted(ARTICLE_MOST))
def test_an_articles_text_on_every_citing_event_longer_than_its_limit_is_an_error_at_it(
    tmp_path: Path, name: str
) -> None:
    most = ARTICLE_MOST[name]
    metadata = "".join(
        line for line in ARTICLE_YAML.splitlines(keepends=True) if not line.startswith(f"{name}:")
    )
    root = write_site(tmp_path, {"content/articles/one.yaml": metadata + f"{name}: {'x' * (most + 1)}\n"})
    assert [(where, message) for where, message, _ in reported(root)] == [
        (
            f"content/articles/one.yaml:{metadata.count(chr(10)) + 1}:{len(name) + 3}",
            f"error: '{name}' is {most + 1:,} characters long; it may have at most {most:,}",
        )
    ]


def test_texts_within_their_limits_pass(tmp_path: Path) -> None:
    settings = SITE_YAML.replace("title: Test timeline", f"title: {'x' * SITE_MOST['title']}")
    assert reported(write_site(tmp_path, {"content/site.yaml": settings})) == []


EVENT = "content/events/first-event.yaml"
URL_SOURCE_EVENT = """\
title: T
date: 2025-06-03
summary: S
sources:
  - url: https://example.org/report
    title: {title}
    publisher: {publisher}
added: 2026-01-02
"""


@pytest.mark.parametrize("name", ["title", "publisher"])
def test_a_url_sources_text_copied_into_every_feed_longer_than_its_limit_is_an_error_at_it(
    tmp_path: Path, name: str
) -> None:
    most = EVENT_PART_MOST[name]
    texts = {"title": "Report", "publisher": "Wire", name: "x" * (most + 1)}
    root = write_site(tmp_path, {EVENT: URL_SOURCE_EVENT.format(**texts)})
    ((where, message, hint),) = reported(root)
    line = 6 if name == "title" else 7
    assert (where, message) == (
        f"{EVENT}:{line}:{len(name) + 7}",
        f"error: '{name}' is {most + 1:,} characters long; it may have at most {most:,}",
    )
    assert hint == "it is copied onto the event's page and into every feed that lists it: keep it short"


def test_a_claim_values_words_longer_than_their_limit_are_an_error_at_them(tmp_path: Path) -> None:
    most = EVENT_PART_MOST["value"]
    root = site_with(tmp_path, value("x" * (most + 1), "low: 600"))
    assert [message for _, message, _ in reported(root) if message.startswith("error")] == [
        f"error: 'value' is {most + 1:,} characters long; it may have at most {most:,}"
    ]


def test_an_address_longer_than_any_browser_takes_is_an_error_at_it(tmp_path: Path) -> None:
    long_url = "https://example.org/" + "a" * MAX_URL_LENGTH
    event = URL_SOURCE_EVENT.format(title="Report", publisher="Wire").replace(
        "https://example.org/report", long_url
    )
    ((where, message, _),) = reported(write_site(tmp_path, {EVENT: event}))
    assert (where, message) == (
        f"{EVENT}:5:10",
        f"error: 'url' is {len(long_url):,} characters long; an address may have at most {MAX_URL_LENGTH:,}",
    )
