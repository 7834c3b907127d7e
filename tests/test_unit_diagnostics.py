"""diagnostics: located problems as values; the text format for people, the GitHub format for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.model.diagnostics import (
    Diagnostic,
    Diagnostics,
    Mark,
    Severity,
    SourceLines,
    format_github,
    format_text,
    summary_line,
)


def write(root: Path, relpath: str, text: str) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root


def test_headline_is_path_line_col_severity_message() -> None:
    diagnostic = Diagnostic(Mark("content/site.yaml", 3, 7), "error", "bad value")
    assert diagnostic.headline() == "content/site.yaml:3:7: error: bad value"


def test_format_text_shows_the_source_line_with_a_caret_under_the_column(tmp_path: Path) -> None:
    root = write(tmp_path, "content/events/a.yaml", "title: T\ndate: 2025-02-30\n")
    diagnostic = Diagnostic(Mark("content/events/a.yaml", 2, 7), "error", "bad date", "check the day")
    assert format_text(diagnostic, SourceLines(root)) == (
        "content/events/a.yaml:2:7: error: bad date\n  date: 2025-02-30\n        ^\n  hint: check the day"
    )


def test_format_text_shows_a_tab_as_an_escape_with_the_caret_under_its_column(tmp_path: Path) -> None:
    root = write(tmp_path, "a.yaml", "x:\n\t- y\n")
    shown = format_text(Diagnostic(Mark("a.yaml", 2, 2), "error", "tab"), SourceLines(root))
    assert shown.splitlines()[1:] == [
        "  \\t- y",
        "    ^",
    ]


def test_format_text_keeps_the_caret_under_its_column_after_an_escaped_character(tmp_path: Path) -> None:
    root = write(tmp_path, "a.yaml", "title: \x1b[31mred\n")
    shown = format_text(Diagnostic(Mark("a.yaml", 1, 9), "error", "bad"), SourceLines(root))
    assert shown.splitlines()[1:] == [
        "  title: \\x1b[31mred",
        "             ^",
    ]


def test_format_text_indents_every_line_of_a_long_hint(tmp_path: Path) -> None:
    diagnostic = Diagnostic(Mark("missing.md"), "error", "no front matter", "begin with:\n---\ntitle: T")
    assert format_text(diagnostic, SourceLines(tmp_path)) == (
        "missing.md:1:1: error: no front matter\n  hint: begin with:\n        ---\n        title: T"
    )


@pytest.mark.parametrize(
    "text",
    ["title: T\n", "\n\n   \n"],
    ids=["line-past-the-end", "blank-line"],
)
def test_format_text_leaves_out_a_source_line_there_is_nothing_to_show_of(tmp_path: Path, text: str) -> None:
    root = write(tmp_path, "a.yaml", text)
    assert (
        format_text(Diagnostic(Mark("a.yaml", 3, 1), "warning", "w"), SourceLines(root))
        == "a.yaml:3:1: warning: w"
    )


def test_format_github_is_a_workflow_command_with_the_hint_on_a_new_line() -> None:
    diagnostic = Diagnostic(Mark("content/events/a.yaml", 2, 7), "error", "bad date", "check the day")
    assert format_github(diagnostic) == (
        "::error file=content/events/a.yaml,line=2,col=7::bad date%0Acheck the day"
    )


def test_format_github_escapes_percent_and_newlines_in_the_message() -> None:
    diagnostic = Diagnostic(Mark("a.yaml"), "warning", "100% sure\r\nreally: yes, sir")
    assert format_github(diagnostic) == (
        "::warning file=a.yaml,line=1,col=1::100%25 sure%0D%0Areally: yes, sir"
    )


def test_format_github_escapes_percent_newline_comma_and_colon_in_properties() -> None:
    diagnostic = Diagnostic(Mark("content/pages/a,b:c%d\ne.md", 1, 1), "error", "m")
    assert format_github(diagnostic) == ("::error file=content/pages/a%2Cb%3Ac%25d%0Ae.md,line=1,col=1::m")


def test_sorted_orders_by_path_line_column_and_puts_errors_first() -> None:
    diagnostics = Diagnostics()
    diagnostics.warning(Mark("b.yaml", 1, 1), "w")
    diagnostics.error(Mark("b.yaml", 1, 1), "e")
    diagnostics.error(Mark("a.yaml", 10, 1), "late")
    diagnostics.error(Mark("a.yaml", 2, 5), "right")
    diagnostics.error(Mark("a.yaml", 2, 1), "left")
    assert [d.headline() for d in diagnostics.sorted()] == [
        "a.yaml:2:1: error: left",
        "a.yaml:2:5: error: right",
        "a.yaml:10:1: error: late",
        "b.yaml:1:1: error: e",
        "b.yaml:1:1: warning: w",
    ]


def test_sorted_reports_an_identical_problem_once() -> None:
    diagnostics = Diagnostics()
    diagnostics.error(Mark("a.yaml", 2, 1), "same", "hint")
    diagnostics.error(Mark("a.yaml", 2, 1), "same", "hint")
    assert len(diagnostics.sorted()) == 1


def test_only_warnings_are_not_errors() -> None:
    diagnostics = Diagnostics()
    diagnostics.warning(Mark("a.yaml"), "w")
    assert not diagnostics.has_errors
    diagnostics.error(Mark("a.yaml"), "e")
    assert diagnostics.has_errors


@pytest.mark.parametrize(
    ("severities", "line"),
    [(["error"], "1 error, 0 warnings"), (["error", "error", "warning"], "2 errors, 1 warning")],
    ids=["singular", "plural"],
)
def test_summary_line_counts_errors_and_warnings(severities: list[Severity], line: str) -> None:
    items = [Diagnostic(Mark("a.yaml"), severity, "m") for severity in severities]
    assert summary_line(items) == line


def test_control_characters_of_a_file_are_shown_escaped(tmp_path: Path) -> None:
    root = write(tmp_path, "a.yaml", "title: \x1b[31mred\n")
    shown = format_text(Diagnostic(Mark("a.yaml", 1, 8), "error", "bad \x1b]0;x\x07"), SourceLines(root))
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b[31mred" in shown
