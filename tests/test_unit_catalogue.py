"""catalogue: seeds/ documents paired with content/articles/ metadata -> Articles with their text."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.dates import PartialDate


def test_metadata_without_document_is_reported_at_the_metadata(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/articles/two.yaml": "title: Two\n"})
    assert reported(root) == [
        (
            "content/articles/two.yaml:1:1",
            "error: no document for article 'two'",
            "put the document in seeds/two.txt, .md or .html",
        )
    ]


def test_document_without_metadata_is_reported_at_the_document(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/two.html": "<p>Two</p>\n"})
    assert reported(root) == [
        (
            "seeds/two.html:1:1",
            "error: document has no article metadata file content/articles/two.yaml",
            "describe the document there, with at least `title:`",
        )
    ]


def test_document_of_another_kind_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/two.pdf": "%PDF"})
    assert reported(root) == [
        (
            "seeds/two.pdf:1:1",
            "error: documents must be .txt, .md or .html files",
            "save its text as seeds/two.txt (quotes are checked against the text, and the site "
            "publishes it) and move two.pdf out of seeds/",
        )
    ]


def test_two_documents_for_one_article_are_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/one.md": "They agreed to share river data every week.\n"})
    assert reported(root) == [
        ("seeds/one.txt:1:1", "error: two documents for article 'one'", "the other is seeds/one.md; keep one")
    ]


def test_metadata_file_not_ending_in_yaml_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/articles/two.yml": "title: Two\n"})
    assert reported(root) == [
        (
            "content/articles/two.yml:1:1",
            "error: article metadata files end in .yaml",
            "rename it to <id>.yaml, the id being its document's name",
        )
    ]


def test_metadata_file_ending_in_yml_beside_its_yaml_says_the_yaml_is_read(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/articles/one.yml": "title: One\n"})
    assert reported(root) == [
        (
            "content/articles/one.yml:1:1",
            "error: article metadata files end in .yaml",
            "content/articles/one.yaml exists beside it and is the one read: merge the two into it, "
            "or delete this file",
        )
    ]


def test_metadata_fields_are_checked_where_they_are_written(tmp_path: Path) -> None:
    metadata = "title: One\npublished: 2025-02-30\nlanguage: english\nurl: example.org\n"
    root = write_site(tmp_path, {"content/articles/one.yaml": metadata})
    assert reported(root) == [
        (
            "content/articles/one.yaml:2:12",
            "error: 'published' is not a valid date: February 2025 has 28 days, not 30",
            None,
        ),
        (
            "content/articles/one.yaml:3:11",
            "error: 'language' must be a language tag such as en or pt-BR, not 'english'",
            None,
        ),
        (
            "content/articles/one.yaml:4:6",
            "error: 'url' must be an http:// or https:// address, not 'example.org'",
            "did you mean https://example.org?",
        ),
    ]


def test_article_takes_its_metadata_and_the_site_language(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path)).site
    assert site is not None
    article = site.articles["one"]
    assert (article.title, article.publisher, article.published, article.language, article.document) == (
        "Alpha officials meet in the capital",
        "Test Wire",
        PartialDate(2025, 6, 3),
        "en",
        "seeds/one.txt",
    )


def test_quote_is_checked_against_the_text_of_an_html_document(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "seeds/one.txt": None,
            "seeds/one.html": "<html><head><title>Agreed to share river data</title></head>"
            "<body><p>They <b>agreed</b> to share river&nbsp;data every week.</p></body></html>",
        },
    )
    site = load_site(root).site
    assert site is not None
    assert site.articles["one"].text == "They agreed to share river data every week.\n"
