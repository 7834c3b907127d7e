"""validate: the rules every content file obeys, seen through load_site on small site folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.model.fields import EVENT_FIELDS
from chronicle.source.value_hints import QUOTED_FORMS

EVENT = "content/events/first-event.yaml"


def test_valid_site_has_nothing_to_report(tmp_path: Path) -> None:
    assert reported(write_site(tmp_path)) == []


def test_unknown_key_is_reported_at_the_key_with_the_close_known_key(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: """\
            title: T
            date: 2025-06-03
            circe: true
            summary: S
            sources:
              - url: https://example.org/
                title: T
            added: 2026-01-02
            """
        },
    )
    assert reported(root) == [
        (
            "content/events/first-event.yaml:3:1",
            "error: unknown key 'circe' in event; did you mean 'circa'?",
            None,
        )
    ]


def test_unknown_key_far_from_every_key_lists_the_known_keys(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/site.yaml": "title: T\nbase_url: https://example.org/\nxyz: 1\n"})
    assert reported(root) == [
        (
            "content/site.yaml:3:1",
            "error: unknown key 'xyz' in site settings",
            "known keys: title, description, base_url, language, author, feed_limit, start, strings, "
            "correction_notes",
        )
    ]


def test_unknown_key_that_misspells_a_missing_required_key_is_the_one_error(tmp_path: Path) -> None:
    event = (
        "title: T\ndate: 2025\nsumary: S\n"
        "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
    )
    assert reported(write_site(tmp_path, {EVENT: event})) == [
        (
            "content/events/first-event.yaml:3:1",
            "error: unknown key 'sumary' in event; did you mean 'summary'?",
            "event needs 'summary'",
        )
    ]


def test_missing_required_field_is_located_at_the_mapping_with_its_description(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: """\
            # a comment first, so the mapping starts on line 2
            title: T
            summary: S
            sources:
              - url: https://example.org/
                title: T
            added: 2026-01-02
            """
        },
    )
    assert reported(root) == [
        (
            "content/events/first-event.yaml:2:1",
            "error: event needs 'date'",
            "date: " + EVENT_FIELDS[1].description,
        )
    ]


def test_required_key_with_no_value_is_reported_as_empty_at_the_key(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/site.yaml": "base_url: https://example.org/\ntitle:\n"})
    assert reported(root) == [
        ("content/site.yaml:2:1", "error: 'title' is empty", "title: Title of the site.")
    ]


def test_required_key_left_empty_is_reported_at_that_key(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {EVENT: "title: T\ndate: 2025\nsummary:\nsources: [{url: https://example.org/, title: T}]\n"},
    )
    assert [where for where, _, _ in reported(root)] == ["content/events/first-event.yaml:3:1"]


def test_file_that_is_a_list_is_reported_at_its_start(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: "- title: T\n- date: 2025\n"})
    assert reported(root) == [
        (
            "content/events/first-event.yaml:1:1",
            "error: event must be a mapping of `key: value` lines, not a list",
            None,
        )
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "date: [2025-12-01..2025-12-26]",
            (
                "2:7",
                "error: 'date' is a list here: YAML reads an unquoted [..] as one",
                'put the range in quotes: date: "[2025-12-01..2025-12-26]"',
            ),
        ),
        (
            "date: [..2025-06-03]",
            (
                "2:7",
                "error: 'date' is a list here: YAML reads an unquoted [..] as one",
                'put the range in quotes: date: "[..2025-06-03]"',
            ),
        ),
        ("date: {year: 2025}", ("2:7", "error: 'date' must be a single value, not a mapping", None)),
        (
            "date: 2025-6-4",
            (
                "2:7",
                "error: 'date' is not a valid date: '2025-6-4' is not a date of the accepted forms",
                "did you mean 2025-06-04? dates are written YYYY-MM-DD",
            ),
        ),
        (
            "date: 2025-6~",
            (
                "2:7",
                "error: 'date' is not a valid date: '2025-6~' is not a date of the accepted forms",
                "did you mean 2025-06~? dates are written YYYY-MM-DD",
            ),
        ),
        (
            "date: 04/06/2025",
            (
                "2:7",
                "error: 'date' is not a valid date: '04/06/2025' is not a date of the accepted forms",
                "'04/06/2025' could be either day: write 2025-06-04 (4 June) or 2025-04-06 (6 April), "
                "as YYYY-MM-DD",
            ),
        ),
        (
            "date: 25.06.2025",
            (
                "2:7",
                "error: 'date' is not a valid date: '25.06.2025' is not a date of the accepted forms",
                "did you mean 2025-06-25? dates are written YYYY-MM-DD",
            ),
        ),
        (
            "date: 2025-02-30",
            ("2:7", "error: 'date' is not a valid date: February 2025 has 28 days, not 30", None),
        ),
        (
            "date: spring 2025",
            (
                "2:7",
                "error: 'date' is not a valid date: 'spring 2025' is not a date of the accepted forms",
                QUOTED_FORMS,
            ),
        ),
    ],
    ids=[
        "unquoted-range",
        "unquoted-open-range-echoed",
        "mapping",
        "digits-not-padded",
        "qualified-digits-not-padded",
        "day-and-month-either-way",
        "day-first-with-dots",
        "impossible",
        "words",
    ],
)
def test_date_that_is_not_one_date_is_reported_at_the_value(
    tmp_path: Path, line: str, problem: tuple[str, str, str | None]
) -> None:
    root = write_site(
        tmp_path,
        {EVENT: f"title: T\n{line}\nsummary: S\nsources: [{{url: https://example.org/, title: T}}]\n"},
    )
    where, message, hint = problem
    assert reported(root) == [(f"content/events/first-event.yaml:{where}", message, hint)]


def test_mapping_where_a_text_goes_is_reported_at_the_mapping(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: """\
            title:
              en: T
            date: 2025-06-03
            summary: S
            sources: [{url: https://example.org/, title: T}]
            added: 2026-01-02
            """
        },
    )
    assert reported(root) == [
        ("content/events/first-event.yaml:2:3", "error: 'title' must be a single value, not a mapping", None)
    ]


def test_single_value_where_a_list_goes_suggests_the_list(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: "title: T\ndate: 2025\nsummary: S\ntags: diplomacy\n"
            "sources: [{url: https://example.org/, title: T}]\n"
            "added: 2026-01-02\n"
        },
    )
    assert reported(root) == [
        (
            "content/events/first-event.yaml:4:7",
            "error: 'tags' must be a list, not a single value",
            "write tags: [diplomacy]",
        )
    ]


@pytest.mark.parametrize("written", ["yes", "'true'", "1"], ids=["yes", "quoted-true", "one"])
def test_bool_is_only_true_or_false(tmp_path: Path, written: str) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: f"title: T\ndate: 2025\ncirca: {written}\nsummary: S\n"
            f"sources: [{{url: https://example.org/, title: T}}]\n"
            "added: 2026-01-02\n"
        },
    )
    shown = written.strip("'")
    assert reported(root) == [
        ("content/events/first-event.yaml:3:8", f"error: 'circa' must be true or false, not '{shown}'", None)
    ]


def test_diagnostics_are_sorted_by_path_then_line(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/b-event.yaml": "title: T\ndate: 2025-13\nsummary: S\nfoo: 1\n"
            "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n",
            "content/events/a-event.yaml": "bar: 1\ntitle: T\ndate: 2025\nsummary: S\n"
            "sources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n",
            "content/site.yaml": "title: T\nbase_url: https://example.org/\nlanguag: en\n",
        },
    )
    assert [where for where, _, _ in reported(root)] == [
        "content/events/a-event.yaml:1:1",
        "content/events/b-event.yaml:2:7",
        "content/events/b-event.yaml:4:1",
        "content/site.yaml:3:1",
    ]


def test_every_error_of_a_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {EVENT: "title: [T]\ndate: 2025-00\ncirca: maybe\nsummary: S\nsources: []\nadded: 2026-01-02\n"},
    )
    assert [message for _, message, _ in reported(root)] == [
        "error: 'title' must be a single value, not a list",
        "error: 'date' is not a valid date: there is no month 0",
        "error: 'circa' must be true or false, not 'maybe'",
        "error: 'sources' is empty; an event needs at least one source",
    ]


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ('"Alpha \\u202eslatot\\u202c"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ('"Alpha\\u200b meet"', "U+200B (ZERO WIDTH SPACE)"),
        ('"Alpha\\r meet"', "U+000D (unnamed)"),
    ],
)
def test_a_one_line_field_with_an_invisible_character_is_an_error_naming_it(
    tmp_path: Path, title: str, named: str
) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: f"""\
            title: {title}
            date: 2025-06-03
            summary: S
            sources: [{{url: https://example.org/, title: T}}]
            added: 2026-01-02
            """
        },
    )
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/first-event.yaml:1:8"
    assert message == f"error: 'title' contains the invisible character {named}"


def test_zero_width_joiners_that_scripts_need_are_allowed(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: """\
            title: "می\\u200cخواهم"
            date: 2025-06-03
            summary: S
            sources: [{url: https://example.org/, title: T}]
            added: 2026-01-02
            """
        },
    )
    assert reported(root) == []


def test_added_written_without_zeros_is_given_in_its_iso_form(tmp_path: Path) -> None:
    event = (
        "title: T\ndate: 2025\nsummary: S\n"
        "sources: [{url: https://example.org/, title: T}]\nadded: 2026-1-2\n"
    )
    assert reported(write_site(tmp_path, {EVENT: event})) == [
        (
            "content/events/first-event.yaml:5:8",
            "error: 'added' is not a valid date: '2026-1-2' is not written YYYY, YYYY-MM or YYYY-MM-DD",
            "did you mean 2026-01-02? dates are written YYYY-MM-DD",
        )
    ]


def test_published_written_with_slashes_is_given_in_its_iso_form(tmp_path: Path) -> None:
    article = "title: One\npublished: 2025/06/03\n"
    assert reported(write_site(tmp_path, {"content/articles/one.yaml": article})) == [
        (
            "content/articles/one.yaml:2:12",
            "error: 'published' is not a valid date: '2025/06/03' is not written YYYY, YYYY-MM or YYYY-MM-DD",
            "did you mean 2025-06-03? dates are written YYYY-MM-DD",
        )
    ]
