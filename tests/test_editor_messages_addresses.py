"""An address typed without its scheme gets the https:// one; a document of another kind in
seeds/ is told where its text goes; an imported Display Date that says more than its columns
gets EDTF examples made from the row's own date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.authoring.timelinejs_import import COLUMNS, read_timelinejs_csv
from chronicle.source.value_hints import url_hint

EVENT = "content/events/first-event.yaml"


def test_a_url_without_its_scheme_gets_the_https_address(tmp_path: Path) -> None:
    event = (
        "title: T\ndate: 2025\nsummary: S\nsources:\n  - url: selkaherald.example/lungu\n"
        "    title: Lungu\nadded: 2026-01-02\n"
    )
    assert reported(write_site(tmp_path, {EVENT: event})) == [
        (
            f"{EVENT}:5:10",
            "error: 'url' must be an http:// or https:// address, not 'selkaherald.example/lungu'",
            "did you mean https://selkaherald.example/lungu?",
        )
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("www.example.org", "https://www.example.org"),
        ("//example.org/a", "https://example.org/a"),
        ("htps://example.org/a", "https://example.org/a"),
        ("http//example.org/a", "http://example.org/a"),
        ("https:/example.org/a", "https://example.org/a"),
    ],
)
def test_an_address_mistyped_as_browsers_show_it_gets_its_full_form(written: str, meant: str) -> None:
    assert url_hint(written) == f"did you mean {meant}?"


@pytest.mark.parametrize("written", ["javascript:alert(1)", "ftp://example.org/", "report"])
def test_what_is_no_web_address_gets_no_guess(written: str) -> None:
    assert url_hint(written) is None


def test_a_pdf_in_seeds_is_told_to_become_text(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/Lungu Report.pdf": b"%PDF-1.4\n\x00\x01\xff binary"})
    assert reported(root) == [
        (
            "seeds/Lungu Report.pdf:1:1",
            "error: documents must be .txt, .md or .html files",
            "save its text as seeds/lungu-report.txt (quotes are checked against the text, and the site "
            "publishes it) and move Lungu Report.pdf out of seeds/",
        )
    ]


def display_date_warning(year: str, month: str, day: str, shown: str) -> str:
    row = {"Year": year, "Month": month, "Day": day, "Display Date": shown, "Headline": "Talks", "Text": "B"}
    sheet = ",".join(COLUMNS) + "\n" + ",".join(row.get(name, "") for name in COLUMNS) + "\n"
    result = read_timelinejs_csv(sheet, datetime.date(2026, 1, 2))
    (warning,) = [p.message for p in result.problems if "Display Date" in p.message]
    return warning


def test_the_display_date_examples_are_made_from_the_rows_month() -> None:
    assert display_date_warning("2024", "3", "", "before March 2024").endswith(
        'e.g. date: "[..2024-03]" (on or before), date: "[2024-03..]" (on or after) '
        'or date: "[2024-03-01..2024-03-31]" (between)'
    )


def test_the_display_date_examples_of_a_day_run_to_the_end_of_its_month() -> None:
    assert display_date_warning("2025", "5", "20", "between 20 May and 1 July 2025").endswith(
        'e.g. date: "[..2025-05-20]" (on or before), date: "[2025-05-20..]" (on or after) '
        'or date: "[2025-05-20..2025-05-31]" (between)'
    )


def test_a_binary_document_is_not_echoed_under_its_error(tmp_path: Path) -> None:
    from chronicle.model.diagnostics import Diagnostic, Mark, SourceLines, format_text

    root = write_site(tmp_path, {"seeds/report.pdf": b"%PDF-1.4\n\x00\x01 binary"})
    diagnostic = Diagnostic(Mark("seeds/report.pdf"), "error", "documents must be .txt, .md or .html files")
    assert (
        format_text(diagnostic, SourceLines(root))
        == "seeds/report.pdf:1:1: error: documents must be .txt, .md or .html files"
    )


def test_a_nul_in_an_event_file_is_shown_with_its_line(tmp_path: Path) -> None:
    from chronicle.model.diagnostics import Diagnostic, Mark, SourceLines, format_text

    root = write_site(tmp_path, {"content/events/x.yaml": "title: A\x00B\n"})
    shown = format_text(Diagnostic(Mark("content/events/x.yaml"), "error", "a NUL"), SourceLines(root))
    assert "title: A\\x00B" in shown
