"""Markdown nested deeper than markdown-it reads (lists in lists, quotes in quotes) would leave
text out without a word: an editor's text so nested is an error where reading stops, and a
markdown document, read deeper, gets a warning past that."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import EVENT_YAML, reported, write_site

from chronicle.source.documents import document_text
from chronicle.source.markdown_nesting import DOCUMENT_NESTING, unread_line

EVENT = "content/events/first-event.yaml"
SUMMARY_LINE = "summary: Officials agree to share river data every week.\n"


def nested_list(depth: int) -> str:
    return "".join(f"{'  ' * level}- level {level}\n" for level in range(depth)) + "\nAfter the list.\n"


def test_lists_nested_nine_deep_are_read_whole() -> None:
    assert unread_line(nested_list(9)) is None


def test_lists_nested_ten_deep_are_not_read_from_the_tenth_on() -> None:
    assert unread_line(nested_list(10)) == 9


def test_quotes_nested_twenty_deep_are_not_read_though_what_follows_them_is() -> None:
    assert unread_line(">" * 19 + " inside\n\nafter\n") is None
    assert unread_line(">" * 20 + " inside\n\nafter\n") == 0


def test_a_table_in_the_ninth_list_is_read_whole() -> None:
    table = "".join(f"{'  ' * 9}{row}\n" for row in ("| a | b |", "|---|---|", "| 1 | 2 |"))
    assert unread_line(nested_list(9) + "\n" + table) is None


def test_quotes_nested_past_any_depth_are_found_where_reading_stops() -> None:
    assert unread_line("intro\n\n" + ">" * 81 + " hidden\n") == 2
    assert unread_line(">" * 500 + " hidden\n", DOCUMENT_NESTING) == 0


def test_lines_broken_by_a_carriage_return_alone_are_read_as_markdown_reads_them() -> None:
    assert unread_line("intro\r" + ">" * 25 + " hidden\r") == 1


def test_a_summary_nested_too_deep_is_an_error_where_reading_stops(tmp_path: Path) -> None:
    lines = nested_list(10).splitlines()
    summary = "summary: |\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace(SUMMARY_LINE, summary)})
    ((where, message, hint),) = reported(root)
    assert where == f"{EVENT}:13:{2 + 18 + 1}"  # the tenth list's item, below `summary: |`
    assert message.startswith("error: the summary's lists or quotes are nested too deep")
    assert "too deep to be read from here" in message
    assert hint is not None and hint.startswith("nest less deeply")


def test_a_page_nested_too_deep_is_an_error_at_the_line(tmp_path: Path) -> None:
    page = "content/pages/about.md"
    root = write_site(tmp_path, {page: "---\ntitle: About\n---\nIntro.\n\n" + ">" * 20 + " deep\n"})
    ((where, message, _),) = reported(root)
    assert where == f"{page}:6:1"
    assert message.startswith("error: the page's lists or quotes are nested too deep")


def test_a_markdown_document_is_read_deeper_than_a_summary() -> None:
    assert "deep words" in document_text(">" * 25 + " deep words\n", ".md")


def test_a_markdown_document_nested_past_its_depth_is_a_warning_at_the_line(tmp_path: Path) -> None:
    document = "Officials of Alpha met.\nThey agreed to share river data every week.\n"
    deep = ">" * (DOCUMENT_NESTING + 1) + " lost words\n"
    root = write_site(tmp_path, {"seeds/one.txt": None, "seeds/one.md": document + "\n" + deep})
    ((where, message, _),) = reported(root)
    assert where == "seeds/one.md:4:1"
    assert message.startswith(f"warning: the document nests lists or quotes more than {DOCUMENT_NESTING}")
