"""events: an event file -> Event, with ids resolved, sources checked and quotes verified."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import event_yaml, reported, write_site

from chronicle.build.load import load_site
from chronicle.model.dates import PartialDate
from chronicle.model.event_dates import EventDate
from chronicle.model.records import ArticleSource, ExternalSource

EVENT = "content/events/first-event.yaml"
EVENT_YAML_TEXT = event_yaml()


def event_site(root: Path, text: str) -> Path:
    return write_site(root, {EVENT: text})


def test_valid_event_becomes_an_event_with_its_verified_source(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path)).site
    assert site is not None
    (event,) = site.events
    assert (event.slug, event.date, event.added, event.added_origin) == (
        "first-event",
        EventDate.exact(PartialDate(2025, 6, 3)),
        datetime.date(2026, 1, 2),
        "file",
    )
    (source,) = event.sources
    assert isinstance(source, ArticleSource)
    assert site.articles["one"].text[source.span.start : source.span.end] == (
        "agreed to share river data every week"
    )


def test_empty_sources_is_reported_at_the_list(tmp_path: Path) -> None:
    root = event_site(tmp_path, "title: T\ndate: 2025\nsummary: S\nsources: []\nadded: 2026-01-02\n")
    assert reported(root) == [
        (f"{EVENT}:4:10", "error: 'sources' is empty; an event needs at least one source", None)
    ]


def test_end_before_date_is_reported_at_end(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025-06-03\nend: 2025-06-01\nsummary: S\n"
        "sources: [{url: https://example.org/, title: T}]\n"
        "added: 2026-01-02\n",
    )
    assert reported(root) == [
        (f"{EVENT}:3:6", "error: 'end' (2025-06-01) is before 'date' (2025-06-03)", None)
    ]


def test_end_of_lower_precision_covering_the_date_is_accepted(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025-06-03\nend: 2025-06\nsummary: S\n"
        "sources: [{url: https://example.org/, title: T}]\n"
        "added: 2026-01-02\n",
    )
    assert reported(root) == []


def test_unknown_ids_are_located_at_the_list_item_with_a_suggestion(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025-06-03
        summary: S
        actors: [alpha, alpah, zulu]
        places: [capitol]
        sources:
          - article: onee
            quote: river data
        added: 2026-01-02
        """,
    )
    assert reported(root) == [
        (f"{EVENT}:4:17", "error: unknown actor 'alpah'", "did you mean 'alpha'?"),
        (
            f"{EVENT}:4:24",
            "error: unknown actor 'zulu'",
            "known ids: alpha, bravo; a new one: add it to content/entities.yaml under 'actors'",
        ),
        (f"{EVENT}:5:10", "error: unknown place 'capitol'", "did you mean 'capital'?"),
        (f"{EVENT}:7:14", "error: unknown article 'onee'", "did you mean 'one'?"),
    ]


def test_non_slug_tag_is_refused_with_a_slug_suggestion(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025\nsummary: S\ntags: [Foreign Policy]\n"
        "sources: [{url: https://example.org/, title: T}]\n"
        "added: 2026-01-02\n",
    )
    assert reported(root) == [
        (
            f"{EVENT}:4:8",
            "error: 'tags': 'Foreign Policy' is not a slug",
            "ids use only lowercase a-z, 0-9, hyphens, e.g. 'foreign-policy'",
        )
    ]


def test_event_file_name_that_is_not_a_slug_is_refused_with_a_new_name(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: None, "content/events/Kim_Meets Shoigu.yaml": "title: T\n"})
    assert reported(root) == [
        (
            "content/events/Kim_Meets Shoigu.yaml:1:1",
            "error: event file name 'Kim_Meets Shoigu' is not a slug",
            "the name is the event's permalink; rename it to content/events/kim-meets-shoigu.yaml",
        )
    ]


def test_event_file_name_that_is_not_a_slug_is_not_told_to_take_another_events_name(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/First-Event.yaml": EVENT_YAML_TEXT})
    assert reported(root) == [
        (
            "content/events/First-Event.yaml:1:1",
            "error: event file name 'First-Event' is not a slug",
            "the name is the event's permalink; content/events/first-event.yaml is taken by another "
            "event: choose another name, e.g. content/events/first-event-2.yaml",
        )
    ]


def test_event_file_ending_in_yml_is_told_to_end_in_yaml(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: None, "content/events/first-event.yml": EVENT_YAML_TEXT})
    assert reported(root) == [
        (
            "content/events/first-event.yml:1:1",
            "error: event files are named <slug>.yaml",
            "rename it to content/events/first-event.yaml",
        )
    ]


def test_event_file_ending_in_yml_beside_its_yaml_says_the_yaml_is_read(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/first-event.yml": EVENT_YAML_TEXT})
    assert reported(root) == [
        (
            "content/events/first-event.yml:1:1",
            "error: event files are named <slug>.yaml",
            "content/events/first-event.yaml exists beside it and is the one read: merge the two into it, "
            "or delete this file",
        )
    ]


def test_article_source_with_url_reports_the_url(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025
        summary: S
        sources:
          - article: one
            quote: river data
            url: https://example.org/
        added: 2026-01-02
        """,
    )
    assert reported(root) == [
        (
            f"{EVENT}:7:10",
            "error: 'url' does not belong with 'article'",
            "an article source takes these from content/articles/<id>.yaml",
        )
    ]


def test_article_source_without_quote_is_reported_at_the_source(tmp_path: Path) -> None:
    root = event_site(
        tmp_path, "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\nadded: 2026-01-02\n"
    )
    assert reported(root) == [
        (f"{EVENT}:5:5", "error: a source with 'article' needs a 'quote' from it", None)
    ]


def test_external_source_with_quote_reports_the_quote(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025
        summary: S
        sources:
          - url: https://example.org/
            quote: words that cannot be checked
            title: T
        added: 2026-01-02
        """,
    )
    assert reported(root) == [
        (
            f"{EVENT}:6:12",
            "error: a 'quote' can only be checked against a local 'article'",
            "add the document to seeds/ and cite it with 'article'",
        )
    ]


def test_source_without_article_or_url_is_reported_at_the_source(tmp_path: Path) -> None:
    root = event_site(
        tmp_path, "title: T\ndate: 2025\nsummary: S\nsources:\n  - publisher: X\nadded: 2026-01-02\n"
    )
    assert reported(root) == [
        (f"{EVENT}:5:5", "error: a source needs 'article' and 'quote', or 'url'", "the site's articles: one")
    ]


def test_source_without_article_or_url_in_a_site_of_many_articles_says_where_they_are(tmp_path: Path) -> None:
    articles: dict[str, str | bytes | None] = {}
    for number in range(2, 12):
        articles[f"content/articles/a{number}.yaml"] = "title: A\npublisher: P\npublished: 2025\n"
        articles[f"seeds/a{number}.txt"] = "Text.\n"
    event = "title: T\ndate: 2025\nsummary: S\nsources:\n  - publisher: X\nadded: 2026-01-02\n"
    root = write_site(tmp_path, {**articles, EVENT: event})
    assert (
        f"{EVENT}:5:5",
        "error: a source needs 'article' and 'quote', or 'url'",
        ("the site's 11 articles are the files of content/articles/, each named <id>.yaml"),
    ) in reported(root)


def test_external_source_keeps_what_is_known_of_it(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - url: https://example.org/r\n    publisher: Ex\n"
        "    published: 2025-06\n    title: R\nadded: 2026-01-02\n",
    )
    site = load_site(root).site
    assert site is not None
    assert site.events[0].sources == (
        ExternalSource(
            "https://example.org/r", "R", "Ex", PartialDate(2025, 6), site.events[0].sources[0].mark
        ),
    )


def test_quote_not_in_the_article_shows_the_closest_passage(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025
        summary: S
        sources:
          - article: one
            quote: "agreed to share river data every month"
        added: 2026-01-02
        """,
    )
    assert reported(root) == [
        (
            f"{EVENT}:6:12",
            "error: quote not found in article 'one'",
            'closest passage (89% similar): "agreed to share river data every week."; '
            'the quote has "…every month" where the passage has "…every week."',
        )
    ]


def test_quote_close_to_a_passage_shows_where_the_two_first_differ(tmp_path: Path) -> None:
    event = event_yaml().replace(
        "[{url: https://example.org/, title: T}]",
        '[{article: one, quote: "The longest 57 seconds of my life"}]',
    )
    root = write_site(tmp_path, {"seeds/one.txt": "The longest 59 seconds of my life.\n", EVENT: event})
    ((_, _, hint),) = reported(root)
    assert hint is not None
    assert hint.endswith('the quote has "…longest 57 seconds…" where the passage has "…longest 59 seconds…"')


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“")],
    ids=["english-double", "english-single", "guillemets", "german-low-high"],
)
def test_quote_in_typographic_quotes_found_without_them_says_to_write_straight_quotes(
    tmp_path: Path, opening: str, closing: str
) -> None:
    root = event_site(
        tmp_path,
        f"""\
        title: T
        date: 2025
        summary: S
        sources:
          - article: one
            quote: {opening}agreed to share river data every week{closing}
        added: 2026-01-02
        """,
    )
    assert reported(root) == [
        (
            f"{EVENT}:6:12",
            "error: quote not found in article 'one'",
            f"the value starts and ends with typographic quotes ({opening} {closing}), which YAML keeps as "
            'part of the quote; without them it is found: write straight quotes "..." around the value',
        )
    ]


def test_quote_in_typographic_quotes_not_found_without_them_shows_the_closest_passage(
    tmp_path: Path,
) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025
        summary: S
        sources:
          - article: one
            quote: “agreed to share river data every month”
        added: 2026-01-02
        """,
    )
    ((_, _, hint),) = reported(root)
    assert hint is not None
    assert hint.startswith("closest passage")


def test_quote_missed_by_a_mark_that_may_not_show_names_it_in_the_hint(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        """\
        title: T
        date: 2025
        summary: S
        sources:
          - article: one
            quote: "agreed to share river data every wee\u0332k"
        added: 2026-01-02
        """,
    )
    ((_, _, hint),) = reported(root)
    assert hint is not None
    assert hint.endswith(
        "they differ in characters that may not show: U+0332 COMBINING LOW LINE only in the quote"
    )


def test_soft_hyphen_in_the_document_does_not_stop_a_quote_matching(tmp_path: Path) -> None:
    hyphenated = "They agreed to sha\u00adre river data every week.\n"
    root = write_site(tmp_path, {"seeds/one.txt": hyphenated})
    assert reported(root) == []


def test_updated_before_added_is_reported_at_updated(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"
        "added: 2026-01-02\nupdated: 2026-01-01\n",
    )
    assert reported(root) == [(f"{EVENT}:6:10", "error: 'updated' is before 'added'", None)]


def test_added_needs_a_full_date(tmp_path: Path) -> None:
    root = event_site(
        tmp_path,
        "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"
        "added: 2026-01\n",
    )
    assert reported(root) == [
        (f"{EVENT}:5:8", "error: 'added' is not a valid date: '2026-01' needs a full date, YYYY-MM-DD", None)
    ]


def test_added_absent_outside_git_warns_and_uses_the_event_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = event_site(
        tmp_path, "title: T\ndate: 2025-06\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"
    )
    result = load_site(root)
    assert [(str(d.mark), d.severity, d.message, d.hint) for d in result.diagnostics] == [
        (
            f"{EVENT}:1:1",
            "warning",
            "'added' is not set and git does not know this file: the feeds use the event's date",
            "commit the file, or set `added: YYYY-MM-DD`",
        )
    ]
    assert result.site is not None
    assert (result.site.events[0].added, result.site.events[0].added_origin) == (
        datetime.date(2025, 6, 1),
        "event-date",
    )


def test_events_are_in_order_of_earliest_possible_day_whatever_their_file_names(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: None,
            "content/events/a.yaml": event_yaml("2025"),
            "content/events/b.yaml": event_yaml("2025-06"),
            "content/events/c.yaml": event_yaml("2025-06-30"),
            "content/events/d.yaml": event_yaml("2024-12-31"),
        },
    )
    site = load_site(root).site
    assert site is not None
    # 2025 may be 1 January, June 2025 may be 1 June: each comes before the days it may precede.
    assert [event.slug for event in site.events] == ["d", "a", "b", "c"]


def test_circa_makes_both_ends_approximate(tmp_path: Path) -> None:
    root = event_site(tmp_path, event_yaml("2025-06-04") + "end: 2025-06-09?\ncirca: true\n")
    site = load_site(root).site
    assert site is not None
    (event,) = site.events
    assert (event.date.edtf, event.end.edtf if event.end else None) == ("2025-06-04~", "2025-06-09%")


def test_circa_on_a_range_is_located_at_circa(tmp_path: Path) -> None:
    root = event_site(tmp_path, event_yaml('"[2025-06-01..2025-06-09]"') + "circa: true\n")
    assert reported(root) == [
        (
            f"{EVENT}:6:8",
            "error: 'circa' cannot qualify a range of days",
            "a range already says how far the date may lie; leave 'circa' out or widen the range",
        )
    ]


def test_an_end_that_must_be_before_a_range_start_is_an_error(tmp_path: Path) -> None:
    root = event_site(tmp_path, event_yaml('"[2025-06-05..]"') + "end: 2025-06-04\n")
    assert reported(root) == [
        (f"{EVENT}:6:6", "error: 'end' (2025-06-04) is before 'date' ([2025-06-05..])", None)
    ]


def test_an_end_that_may_follow_an_open_start_is_accepted(tmp_path: Path) -> None:
    root = event_site(tmp_path, event_yaml('"[..2025-06-30]"') + "end: 2025-06-04\n")
    assert reported(root) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "error: the file is empty"), ("# to do\n\n", "error: the file holds only comments")],
    ids=["empty", "comments"],
)
def test_an_event_file_without_fields_says_what_it_holds_and_what_to_do(
    tmp_path: Path, text: str, message: str
) -> None:
    problems = reported(write_site(tmp_path, {"content/events/later.yaml": text}))
    assert problems == [
        (
            "content/events/later.yaml:1:1",
            message,
            "write the event's fields in it (the `new` command writes a file with each one explained), "
            "or delete it",
        )
    ]
