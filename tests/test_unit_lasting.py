"""Sources that last: `accessed`, `archive_url`, `archive_date`, `url_status` on url sources and
article metadata, `title_supplied`, and `translation` beside a quote, read and checked."""

from __future__ import annotations

import datetime
from pathlib import Path

from renderers import timeline_of
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.records import Article, ArticleSource, ExternalSource
from chronicle.render.search.terms import searchable_parts

EVENT = "content/events/first-event.yaml"
ARTICLE = "content/articles/one.yaml"
ARCHIVE = "https://web.archive.org/web/2025/https://example.org/r"


def url_event(*lines: str, titled: bool = True) -> str:
    """An event citing https://example.org/r with `lines` added to the source (line 6 on),
    then its title (unless not `titled`)."""
    source = "".join(f"    {line}\n" for line in (*lines, *(["title: R"] if titled else [])))
    return (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - url: https://example.org/r\n"
        f"{source}added: 2026-01-02\n"
    )


def article_yaml(*lines: str) -> str:
    """The base article (title, publisher, published 2025-06-03) with `lines` (line 4 on)."""
    extra = "".join(f"{line}\n" for line in lines)
    return f"title: Alpha officials meet in the capital\npublisher: Test Wire\npublished: 2025-06-03\n{extra}"


def external_source(root: Path) -> ExternalSource:
    site = load_site(root).site
    assert site is not None
    source = site.events[0].sources[0]
    assert isinstance(source, ExternalSource)
    return source


def the_article(root: Path) -> Article:
    site = load_site(root).site
    assert site is not None
    return site.articles["one"]


def test_a_url_source_keeps_every_field_as_data(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            EVENT: url_event(
                "title: Report",
                "title_supplied: true",
                "accessed: 2025-07-04",
                f"archive_url: {ARCHIVE}",
                "archive_date: 2025-07-05",
                "url_status: dead",
                titled=False,
            )
        },
    )
    source = external_source(root)
    assert (source.title_supplied, source.accessed, source.archive_url, source.archive_date) == (
        True,
        datetime.date(2025, 7, 4),
        ARCHIVE,
        datetime.date(2025, 7, 5),
    )
    assert source.url_status == "dead"


def test_url_status_is_live_when_not_given(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event()})
    assert external_source(root).url_status == "live"
    assert the_article(root).url_status == "live"


def test_article_metadata_keeps_every_field_as_data(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            ARTICLE: article_yaml(
                "title_supplied: true",
                "url: https://example.org/one",
                "accessed: 2025-06-04",
                f"archive_url: {ARCHIVE}",
                "archive_date: 2025-06-05",
                "url_status: unfit",
            )
        },
    )
    article = the_article(root)
    assert (article.title_supplied, article.accessed, article.archive_date, article.url_status) == (
        True,
        datetime.date(2025, 6, 4),
        datetime.date(2025, 6, 5),
        "unfit",
    )


def test_an_unknown_url_status_lists_the_values_and_suggests_the_closest(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {EVENT: url_event(f"archive_url: {ARCHIVE}", "archive_date: 2025-07-05", "url_status: ded")}
    )
    assert reported(root) == [
        (
            f"{EVENT}:8:17",
            "error: 'url_status' must be one of live, dead, unfit, not 'ded'",
            "did you mean 'dead'?",
        )
    ]


def test_a_dead_original_without_an_archived_copy_is_an_error_at_the_status(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("url_status: dead")})
    assert reported(root) == [
        (
            f"{EVENT}:6:17",
            "error: 'url_status: dead' needs 'archive_url': the original is gone, readers need a copy",
            "find or make a copy (e.g. https://web.archive.org/) and give its address in 'archive_url'",
        )
    ]


def test_an_unfit_original_without_an_archived_copy_is_an_error(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ARTICLE: article_yaml("url: https://example.org/one", "url_status: unfit")})
    (problem,) = reported(root)
    assert problem[:2] == (
        f"{ARTICLE}:5:13",
        "error: 'url_status: unfit' needs 'archive_url': the original may not be linked, readers need a copy",
    )


def test_an_archive_url_must_be_http(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("archive_url: ftp://archive.example/r")})
    assert reported(root) == [
        (
            f"{EVENT}:6:18",
            "error: 'archive_url' must be an http:// or https:// address, not 'ftp://archive.example/r'",
            None,
        )
    ]


def test_an_archive_date_needs_its_archive_url(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("archive_date: 2025-07-05")})
    assert reported(root) == [
        (f"{EVENT}:6:19", "error: 'archive_date' needs 'archive_url': the date of which archived copy?", None)
    ]


def test_accessed_and_url_status_need_the_articles_url(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ARTICLE: article_yaml("accessed: 2025-06-04", "url_status: live")})
    assert reported(root) == [
        (
            f"{ARTICLE}:4:11",
            "error: 'accessed' needs 'url': it says when the original was read at that address",
            None,
        ),
        (
            f"{ARTICLE}:5:13",
            "error: 'url_status' needs 'url': it says how the original is at that address",
            None,
        ),
    ]


def test_accessed_must_be_a_full_day(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("accessed: 2025-07")})
    assert reported(root) == [
        (
            f"{EVENT}:6:15",
            "error: 'accessed' is not a valid date: '2025-07' needs a full date, YYYY-MM-DD",
            None,
        )
    ]


def test_a_copy_archived_before_publication_is_a_warning(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            ARTICLE: article_yaml(
                "url: https://example.org/one", f"archive_url: {ARCHIVE}", "archive_date: 2025-06-02"
            )
        },
    )
    assert reported(root) == [
        (
            f"{ARTICLE}:6:15",
            "warning: 'archive_date' (2025-06-02) is before 'published' (3 June 2025)",
            "one of the two dates is likely mistyped",
        )
    ]
    assert load_site(root).site is not None  # a warning: the site still builds


def test_title_supplied_on_a_url_source_needs_a_title(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("title_supplied: true", titled=False)})
    assert reported(root) == [
        (f"{EVENT}:6:21", "error: 'title_supplied' needs 'title': it says the editors wrote the title", None)
    ]


def test_fields_of_a_url_source_do_not_belong_with_an_article(tmp_path: Path) -> None:
    event = (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\n    quote: river data\n"
        f"    archive_url: {ARCHIVE}\nadded: 2026-01-02\n"
    )
    assert reported(write_site(tmp_path, {EVENT: event})) == [
        (
            f"{EVENT}:7:18",
            "error: 'archive_url' does not belong with 'article'",
            "an article source takes these from content/articles/<id>.yaml",
        )
    ]


def translated_event(translation: str) -> str:
    return (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\n    quote: river data\n"
        f"    translation: {translation}\nadded: 2026-01-02\n"
    )


FRENCH = {
    ARTICLE: article_yaml("language: fr"),
    "seeds/one.txt": "Ils ont convenu de partager les données du fleuve chaque semaine.\n",
    EVENT: (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\n"
        "    quote: partager les données du fleuve\n    translation: share the river data\n"
        "added: 2026-01-02\n"
    ),
}
"""A French document, quoted with a translation."""


def test_a_translation_is_kept_beside_the_quote_verified_in_the_original(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, FRENCH)).site
    assert site is not None
    source = site.events[0].sources[0]
    assert isinstance(source, ArticleSource)
    assert (source.quote, source.translation) == ("partager les données du fleuve", "share the river data")


def test_a_translation_does_not_stand_for_the_quote(tmp_path: Path) -> None:
    """The quote is checked in the original: a translation that matches the text does not save it."""
    event = (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - article: one\n    quote: fleuve\n"
        "    translation: river data\nadded: 2026-01-02\n"
    )
    root = write_site(tmp_path, {ARTICLE: article_yaml("language: fr"), EVENT: event})
    assert [problem[:2] for problem in reported(root)] == [
        (f"{EVENT}:6:12", "error: quote not found in article 'one'")
    ]


def test_a_translation_of_a_document_in_the_sites_language_is_a_warning(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: translated_event("river data")})
    assert reported(root) == [
        (
            f"{EVENT}:7:18",
            "warning: 'translation' is for a document in another language than the site's (en); "
            "article 'one' is in en",
            "give the document's language in content/articles/one.yaml (language: ...), "
            "or leave 'translation' out",
        )
    ]


def test_a_translation_on_a_url_source_is_an_error(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event("translation: a translation")})
    assert reported(root) == [
        (
            f"{EVENT}:6:18",
            "error: a 'translation' can only be checked against a local 'article'",
            "add the document to seeds/ and cite it with 'article'",
        )
    ]


def test_a_translation_is_found_by_search(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, FRENCH)).site
    assert site is not None
    (view,) = timeline_of(site).events
    parts = list(searchable_parts(view))
    assert "partager les données du fleuve" in parts and "share the river data" in parts


def test_an_archive_url_equal_to_the_original_is_an_error(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {EVENT: url_event("archive_url: https://example.org/r", "archive_date: 2025-07-05")}
    )
    assert reported(root) == [
        (
            f"{EVENT}:6:18",
            "error: 'archive_url' is the same address as 'url': it must be a copy kept elsewhere",
            "give the address of the archived copy (e.g. on https://web.archive.org/)",
        )
    ]


def test_an_archive_url_without_its_date_is_warned_about(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: url_event(f"archive_url: {ARCHIVE}")})
    assert [(where, message) for where, message, _ in reported(root)] == [
        (
            f"{EVENT}:6:18",
            "warning: 'archive_url' without 'archive_date': readers are not told when the copy was made",
        )
    ]
