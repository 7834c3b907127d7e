"""`import` and what a spreadsheet's cells hold that nobody sees (red team R10): characters that
hide or reorder text, and control characters, typed or as HTML character references, are
removed with a warning naming each at its row and column, so that `check` passes the files
written; a column named twice is an error naming both (nothing written)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
import yaml

from chronicle.authoring.timelinejs_import import read_timelinejs_csv
from chronicle.build.load import load_site
from chronicle.cli import main

HEADER = ["Year", "Month", "Day", "Headline", "Text", "Media", "Media Credit", "Media Caption"]
SITE = "title: T\nbase_url: https://example.org/\n"
DAY = datetime.date(2026, 3, 1)


def sheet(*rows: list[str], header: list[str] = HEADER) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def run_import(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, Path, str]:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "content/site.yaml").write_text(SITE, encoding="utf-8")
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8", newline="")
    code = main(["import", str(path), "--root", str(root)])
    return code, root, capsys.readouterr().err.replace(str(path), "sheet.csv")


def test_hidden_characters_are_removed_and_each_named_at_its_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = [
        "2025",
        "6",
        "4",
        "Hidden \u202eorder\u200b\x1b",
        "<p>&#x202e;reversed &amp;#x202E; text&#8203;</p>",
        "https://example.org/a",
        "Exa\ufeffmple",
        "The &ZeroWidthSpace;report",
    ]
    code, root, err = run_import(sheet(row), tmp_path, capsys)
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "removed" in line]
    assert warnings == [
        "sheet.csv:2:4: warning: Headline: removed U+202E (RIGHT-TO-LEFT OVERRIDE), U+200B (ZERO WIDTH "
        "SPACE), U+001B (unnamed): characters that hide or reorder text, or control characters, which "
        "`check` refuses",
        "sheet.csv:2:5: warning: Text: removed U+202E (RIGHT-TO-LEFT OVERRIDE) (written &#x202e;), U+200B "
        "(ZERO WIDTH SPACE) (written &#8203;): characters that hide or reorder text, or control "
        "characters, which `check` refuses",
        "sheet.csv:2:7: warning: Media Credit: removed U+FEFF (ZERO WIDTH NO-BREAK SPACE): characters that "
        "hide or reorder text, or control characters, which `check` refuses",
        "sheet.csv:2:8: warning: Media Caption: removed U+200B (ZERO WIDTH SPACE) (written "
        "&ZeroWidthSpace;): characters that hide or reorder text, or control characters, which `check` "
        "refuses",
    ]
    (written,) = (root / "content/events").glob("*.yaml")
    event = yaml.load(written.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert event["title"] == "Hidden order"
    # The HTML's text "&#x202E;" stays that text: written so that markdown shows it as it is.
    assert event["summary"].strip() == "reversed &amp;#x202E; text"
    assert event["sources"] == [
        {"url": "https://example.org/a", "title": "The report", "publisher": "Example"}
    ]
    text = written.read_text(encoding="utf-8")
    assert not any(char in text for char in "\u202e\u200b\ufeff\x1b")
    # what `check` says of the file: nothing about characters (only the source left to complete)
    problems = [d.message for d in load_site(root).diagnostics if "character" in d.message]
    assert problems == []


def test_a_reference_a_cell_holds_as_text_is_removed_from_a_title_where_readers_would_decode_it() -> None:
    result = read_timelinejs_csv(
        sheet(["2025", "", "", "A &amp;#x202E; B", "T", "https://example.org/", "", ""]), DAY
    )
    (event,) = result.events
    assert 'title: "A B"' in event.text
    assert [(p.row, p.column, p.severity) for p in result.problems] == [(2, 4, "warning")]


def test_clean_cells_give_no_warning() -> None:
    row = ["2025", "6", "4", "Fish &amp; chips", "<p>AT&amp;T &zwnj;</p>", "https://example.org/", "W", ""]
    result = read_timelinejs_csv(sheet(row), DAY)
    assert result.ok and result.problems == []


@pytest.mark.parametrize(
    ("header", "name", "first", "second"),
    [
        (["Year", "Year", "Headline"], "Year", (1, "Year"), (2, "Year")),
        (["Year", "Headline", "Text", " headline "], "Headline", (2, "Headline"), (4, " headline ")),
        (
            ["Year", "Headline", "Media  Caption", "media caption"],
            "Media Caption",
            (3, "Media  Caption"),
            (4, "media caption"),
        ),
    ],
)
def test_a_column_named_twice_is_an_error_naming_both_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    header: list[str],
    name: str,
    first: tuple[int, str],
    second: tuple[int, str],
) -> None:
    row = ["2025", "1999", "Title", "Text"][: len(header)]
    code, root, err = run_import(sheet(row, header=header), tmp_path, capsys)
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert code == 1
    assert errors == [
        f"sheet.csv:1:{second[0]}: error: two columns are named '{name}': column {first[0]} "
        f"('{first[1]}') and column {second[0]} ('{second[1]}'); rename or remove one of them, so that it "
        "is clear which one to read"
    ]
    assert err.splitlines()[-1] == "1 error: nothing written"
    assert not (root / "content/events").exists()
