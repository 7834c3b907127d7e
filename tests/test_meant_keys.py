"""A misspelt key, or another word for one, is one error at the key, with the key meant: not
also a missing field reported at the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

EVENT = "content/events/first-event.yaml"
START = "title: T\ndate: 2025\nsummary: S\n"


def problems(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    root = write_site(tmp_path, {EVENT: START + text + "added: 2026-01-02\n"})
    return [(where, message) for where, message, _ in reported(root)]


def test_a_misspelt_quote_is_one_error_at_the_key(tmp_path: Path) -> None:
    text = "sources:\n  - article: one\n    qoute: agreed to share river data every week\n"
    assert problems(tmp_path, text) == [
        (f"{EVENT}:6:5", "error: unknown key 'qoute' in source; did you mean 'quote'?")
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("topics", "tags"), ("people", "actors"), ("location", "places")]
)
def test_another_word_for_a_key_suggests_the_key(tmp_path: Path, written: str, meant: str) -> None:
    text = f"{written}: [x]\nsources: [{{url: https://example.org/, title: T}}]\n"
    assert problems(tmp_path, text) == [
        (f"{EVENT}:4:1", f"error: unknown key '{written}' in event; did you mean '{meant}'?")
    ]


def test_a_missing_quote_under_another_name_is_still_missing(tmp_path: Path) -> None:
    text = "sources:\n  - article: one\n    words: agreed to share river data every week\n"
    found = problems(tmp_path, text)
    assert (f"{EVENT}:5:5", "error: a source with 'article' needs a 'quote' from it") in found


@pytest.mark.parametrize("key", ["tags: [x]", "claims:", "actors: [alpha]"])
def test_a_key_of_the_event_indented_into_a_source_is_told_it_belongs_to_the_event(
    tmp_path: Path, key: str
) -> None:
    source = 'sources:\n  - article: one\n    quote: "agreed to share river data"\n'
    root = write_site(tmp_path, {EVENT: START + source + f"    {key}\nadded: 2026-01-02\n"})
    name = key.partition(":")[0]
    [(where, message, hint)] = reported(root)
    assert where == f"{EVENT}:7:5"
    assert message == f"error: unknown key '{name}' in source: '{name}' is a key of the event"
    assert hint == "start it at the event's own indentation, in column 1, as `title:` and `sources:` are"
