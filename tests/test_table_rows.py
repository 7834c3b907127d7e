"""A table row with more cells than its header would lose the rest without a word (markdown
makes as many cells as the header has): an error at the row, in a summary or a free page."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import EVENT_YAML, reported, write_site

from chronicle.source.table_rows import first_long_row

EVENT = "content/events/first-event.yaml"
SUMMARY_LINE = "summary: Officials agree to share river data every week.\n"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLE = "| Who | Count |\n|---|---|\n| Seoul | 600 | disputed by Kyiv |\n"


def test_a_row_as_long_as_its_header_is_read_whole() -> None:
    assert first_long_row("| Who | Count |\n|---|---|\n| Seoul | 600 |\n| Kyiv |\n") is None


def test_empty_cells_past_the_headers_lose_nothing() -> None:
    assert first_long_row("| Who | Count |\n|---|---|\n| Seoul | 600 ||\n| Kyiv | 2,000 | |\n") is None


def test_a_row_longer_than_its_header_is_found_with_what_it_would_lose() -> None:
    row = first_long_row("Intro.\n\n" + TABLE)
    assert row is not None and (row.line, row.header, row.left_out) == (4, 2, ("disputed by Kyiv",))


def test_an_escaped_pipe_parts_no_cells_but_a_pipe_in_code_does_as_markdown_reads_it() -> None:
    assert first_long_row("| a | b |\n|---|---|\n| x | y \\| z |\n") is None
    assert first_long_row("| a | b |\n|---|---|\n| `x|y` | z |\n") is not None


def test_a_long_row_in_a_quote_or_a_list_is_found_too() -> None:
    assert first_long_row("> | a | b |\n> |---|---|\n> | x | y | z |\n") is not None
    assert first_long_row("- item\n\n  | a | b |\n  |---|---|\n  | x | y | z |\n") is not None


def test_a_summary_with_a_long_row_is_an_error_at_the_row(tmp_path: Path) -> None:
    summary = "summary: |\n" + "".join(f"  {line}\n" for line in TABLE.splitlines())
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace(SUMMARY_LINE, summary)})
    ((where, message, hint),) = reported(root)
    assert where == f"{EVENT}:6:3"
    assert message == (
        "error: this row of the summary's table has 3 cells and the table's header 2: "
        "markdown shows the first 2 and leaves out 'disputed by Kyiv'"
    )
    assert hint is not None and hint.startswith("add the column to the header")


def test_a_free_page_with_a_long_row_is_an_error_at_the_row(tmp_path: Path) -> None:
    page = "content/pages/about.md"
    root = write_site(tmp_path, {page: "---\ntitle: About\n---\n" + TABLE})
    ((where, message, _),) = reported(root)
    assert where == f"{page}:6:1"
    assert message.startswith("error: this row of the page's table has 3 cells")


def test_a_row_is_located_at_its_own_line_not_at_an_earlier_one_holding_its_text(tmp_path: Path) -> None:
    # "| 0 | 0 | 0 |" also stands, overlapping, in the first table's rows.
    summary = (FIXTURES / "markdown-text" / "repeated-rows-summary.yaml").read_text(encoding="utf-8")
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace(SUMMARY_LINE, summary)})
    ((where, message, _),) = reported(root)
    assert where == f"{EVENT}:16:3"
    assert message.startswith("error: this row of the summary's table has 3 cells")
