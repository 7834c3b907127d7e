"""What a newcomer is told about a source written short or out of place: a `url` source needs
its `title`; a key dedented out of its list item is pointed back under its item; an unknown
actor or place says where a new one is added."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.authoring.timelinejs_import import COLUMNS, read_timelinejs_csv
from chronicle.build.load import load_site

EVENT = "content/events/first-event.yaml"
HEAD = "title: T\ndate: 2025\nsummary: S\nsources:\n"


def test_a_url_source_without_title_is_an_error_at_the_url_with_how_to_title_it(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: HEAD + "  - url: https://example.org/r\nadded: 2026-01-02\n"})
    assert reported(root) == [
        (
            f"{EVENT}:5:10",
            "error: a source with 'url' needs a 'title': readers see it in place of the bare address",
            "add `title:` with the page's headline; for a page without one, write what it is and "
            "add `title_supplied: true` (shown in [brackets])",
        )
    ]


def test_a_claim_source_by_url_needs_its_title_too(tmp_path: Path) -> None:
    claims = (
        "claims:\n  - about: Dead\n    values:\n"
        "      - {value: '12', according_to: A, source: {url: https://example.org/a, title: A}}\n"
        "      - {value: '15', according_to: B, source: {url: https://example.org/b}}\n"
    )
    event = HEAD + "  - url: https://example.org/r\n    title: R\n" + claims + "added: 2026-01-02\n"
    ((where, message, _),) = reported(write_site(tmp_path, {EVENT: event}))
    assert (where, message.split(":")[0]) == (f"{EVENT}:11:54", "error")  # at its url
    assert "needs a 'title'" in message


def test_title_supplied_without_title_is_reported_once(tmp_path: Path) -> None:
    source = "  - url: https://example.org/r\n    title_supplied: true\nadded: 2026-01-02\n"
    assert [message for _, message, _ in reported(write_site(tmp_path, {EVENT: HEAD + source}))] == [
        "error: 'title_supplied' needs 'title': it says the editors wrote the title"
    ]


def test_an_imported_source_titled_by_the_headline_says_so_in_the_file() -> None:
    row = {"Year": "2025", "Headline": "Talks", "Text": "Body", "Media": "https://example.org/report"}
    sheet = ",".join(COLUMNS) + "\n" + ",".join(row.get(name, "") for name in COLUMNS) + "\n"
    (event,) = read_timelinejs_csv(sheet, datetime.date(2026, 1, 2)).events
    assert (
        '    title: "Talks"  # the Headline (no Media Caption): put the page\'s own headline\n' in event.text
    )


def test_a_source_key_dedented_out_of_its_item_is_one_error_pointing_under_the_item(tmp_path: Path) -> None:
    event = HEAD.replace(
        "sources:\n", 'sources:\n- article: one\nquote: "agreed to share river data every week"\n'
    )
    root = write_site(tmp_path, {EVENT: event + "added: 2026-01-02\n"})
    assert reported(root) == [
        (
            f"{EVENT}:6:1",
            "error: 'quote' is a key of a source, not of the event: it is not indented under its "
            "'- article:' line",
            "indent it under '- article:' (line 5): start it in column 3, where 'article' starts",
        )
    ]


def test_a_dedented_quote_is_still_checked_against_its_article(tmp_path: Path) -> None:
    event = HEAD.replace("sources:\n", "sources:\n- article: one\nquote: words the article lacks\n")
    root = write_site(tmp_path, {EVENT: event + "added: 2026-01-02\n"})
    messages = [message for _, message, _ in reported(root)]
    assert "error: quote not found in article 'one'" in messages
    assert not any("unknown key" in message or "needs a 'quote'" in message for message in messages)


def test_a_key_of_no_source_after_the_sources_is_still_an_unknown_key(tmp_path: Path) -> None:
    event = HEAD + "  - url: https://example.org/r\n    title: R\nsumary: S\nadded: 2026-01-02\n"
    ((_, message, _),) = reported(write_site(tmp_path, {EVENT: event}))
    assert message == "error: unknown key 'sumary' in event; did you mean 'summary'?"


def test_an_unknown_actor_lists_the_known_ids_and_where_a_new_one_goes(tmp_path: Path) -> None:
    event = HEAD.replace("sources:\n", "actors: [zulu]\nsources:\n")
    event += "  - url: https://example.org/r\n    title: R\nadded: 2026-01-02\n"
    assert reported(write_site(tmp_path, {EVENT: event})) == [
        (
            f"{EVENT}:4:10",
            "error: unknown actor 'zulu'",
            "known ids: alpha, bravo; a new one: add it to content/entities.yaml under 'actors'",
        )
    ]


@pytest.mark.parametrize("typed", ["alpha-navy", "navy-of-alpha"])
def test_an_unknown_id_holding_a_known_one_whole_suggests_it(tmp_path: Path, typed: str) -> None:
    event = HEAD.replace("sources:\n", f"actors: [{typed}]\nsources:\n")
    event += "  - url: https://example.org/r\n    title: R\nadded: 2026-01-02\n"
    ((_, message, hint),) = reported(write_site(tmp_path, {EVENT: event}))
    assert (message, hint) == (f"error: unknown actor '{typed}'", "did you mean 'alpha'?")


def test_the_site_builds_once_the_source_has_its_title(tmp_path: Path) -> None:
    event = HEAD + "  - url: https://example.org/r\n    title: The report\nadded: 2026-01-02\n"
    assert load_site(write_site(tmp_path, {EVENT: event})).site is not None
