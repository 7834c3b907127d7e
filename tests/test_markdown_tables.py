"""Markdown tables: bounded in cells before anything renders them (every row gets as many
cells as the header, written or not), and shown in a box that scrolls on its own."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from unit_helpers import event_yaml, reported, run_build, write_site

from chronicle.source.markdown_tables import MAX_TABLE_CELLS, table_size

FIXTURES = Path(__file__).parent / "fixtures" / "markdown-tables"
PADDED = (FIXTURES / "padded-table.md").read_text(encoding="utf-8")
SMALL = (FIXTURES / "small-table.md").read_text(encoding="utf-8")


def _summary(markdown: str) -> str:
    indented = "".join("  " + line + "\n" for line in markdown.splitlines())
    return event_yaml().replace("summary: S\n", "summary: |\n" + indented)


def test_cells_are_counted_as_rendered_padding_included() -> None:
    size = table_size(PADDED)
    assert size is not None
    assert (size.largest_rows, size.largest_columns) == (21, 300)
    assert size.cells == 21 * 300 > MAX_TABLE_CELLS


def test_a_text_without_a_table_has_no_table_size() -> None:
    assert table_size("A | B, but no table.") is None


def test_a_summary_whose_tables_hold_too_many_cells_is_refused_at_the_largest_table(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(PADDED)})
    ((where, message, hint),) = reported(root)
    assert where == "content/events/first-event.yaml:4:3"  # the table's first line, below `summary: |`
    assert message.startswith("error: the summary's tables hold 6,300 cells, more than the 2,000")
    assert "21 rows of 300 columns" in message
    assert hint is not None


def test_a_free_page_whose_tables_hold_too_many_cells_is_refused_at_the_table(tmp_path: Path) -> None:
    page = "---\ntitle: About\n---\nIntro.\n\n" + PADDED
    root = write_site(tmp_path, {"content/pages/about.md": page})
    ((where, message, _hint),) = reported(root)
    assert where == "content/pages/about.md:6:1"
    assert message.startswith("error: the page's tables hold 6,300 cells")


def test_a_summary_table_is_shown_in_a_box_that_scrolls_on_its_own(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/first-event.yaml": _summary(SMALL)})
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = lxml.html.fromstring((tmp_path / "out" / "events" / "first-event" / "index.html").read_bytes())
    (table,) = page.cssselect("table:not(.claim-table)")
    assert table.getparent().get("class") == "table-wrap"
    assert len(table.cssselect("tbody tr")) == 10
