"""The text format of diagnostics and of the commands' error lines shows file names and values
on their own line: control characters and line breaks escaped, and no line a GitHub Actions
runner reads as a workflow command (`::error ...::` after spaces, `##[...]` anywhere). The
`check` step of the workflows `init` writes prints this format into a CI log (red team F5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import run_build, write_site

from chronicle.authoring.timelinejs_import import Problem
from chronicle.commands.report import template_error
from chronicle.model.diagnostics import Diagnostic, Mark, SourceLines, format_github, format_text
from chronicle.render.theme import ThemeFileError, ThemeRenderError

INJECTED = "nl\n::error file=README.md,line=1::Fake annotation"


def no_workflow_command(text: str) -> bool:
    return not any(line.lstrip().startswith("::") or "##[" in line for line in text.splitlines())


def test_a_newline_in_a_file_name_stays_on_the_diagnostics_line() -> None:
    said = format_text(Diagnostic(Mark(f"seeds/{INJECTED}.txt"), "error", "bad id"))
    assert said == "seeds/nl\\n::error file=README.md,line=1::Fake annotation.txt:1:1: error: bad id"


def test_a_newline_in_a_value_of_the_message_stays_on_its_line() -> None:
    said = format_text(Diagnostic(Mark("seeds/a.txt"), "error", f"'{INJECTED}' is not a valid article id"))
    assert len(said.splitlines()) == 1
    assert "'nl\\n::error" in said


@pytest.mark.parametrize(
    "name", ["esc\x1b[31mred", "cr\rback", "tab\there", "sep\u2028line", "rlo\u202eevil"], ids=repr
)
def test_control_characters_in_a_file_name_are_escaped(name: str) -> None:
    said = format_text(Diagnostic(Mark(f"seeds/{name}.txt"), "error", "bad id"))
    escaped = name.encode("unicode_escape").decode()
    assert said.startswith(f"seeds/{escaped}.txt:1:1: error:")
    assert said.isprintable()


def test_a_hint_line_reading_as_a_workflow_command_is_made_inert() -> None:
    said = format_text(Diagnostic(Mark("a.yaml"), "error", "bad", "first line\n  ::add-mask::secret"))
    assert said.splitlines()[-1] == "          \\x3a:add-mask::secret"
    assert no_workflow_command(said)


def test_a_source_line_reading_as_a_workflow_command_is_made_inert(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("  ::stop-commands::token\n", encoding="utf-8")
    said = format_text(Diagnostic(Mark("page.md", 1, 3), "error", "bad"), SourceLines(tmp_path))
    assert said.splitlines()[1] == "    \\x3a:stop-commands::token"


def test_an_old_style_workflow_command_anywhere_in_a_line_is_made_inert() -> None:
    said = format_text(Diagnostic(Mark("seeds/##[error]x.txt"), "error", "bad"))
    assert said == "seeds/##\\x5berror]x.txt:1:1: error: bad"


def test_check_prints_a_file_name_with_a_newline_on_one_line(tmp_path: Path) -> None:
    root = write_site(tmp_path, {f"seeds/{INJECTED}.txt": "text"})
    result = run_build("check", "--root", str(root))
    assert result.returncode == 1
    assert no_workflow_command(result.stderr)
    assert "seeds/nl\\n::error file=README.md,line=1::Fake annotation.txt:1:1: error:" in result.stderr


@pytest.mark.parametrize(
    "error",
    [
        ThemeFileError(Path("templates") / f"{INJECTED}.html", "too large"),
        ThemeRenderError(f"templates/{INJECTED}.html", 3, "division by zero"),
    ],
    ids=["theme-file", "theme-render"],
)
def test_a_broken_theme_file_with_a_newline_in_its_name_is_reported_on_one_line(
    tmp_path: Path, error: ThemeFileError | ThemeRenderError
) -> None:
    said = template_error(error, tmp_path)
    assert len(said.splitlines()) == 1
    assert "nl\\n::error" in said


def test_an_import_problem_with_a_line_break_in_its_message_is_one_line() -> None:
    said = Problem(2, 3, "error", f"date '{INJECTED}\r\x1b[2J' is not a date").format("sheet.csv")
    assert said == (
        "sheet.csv:2:3: error: date 'nl\\n::error file=README.md,line=1::Fake annotation\\r\\x1b[2J' "
        "is not a date"
    )


def test_a_character_that_takes_no_space_in_a_message_is_escaped() -> None:
    unknown = Diagnostic(Mark("content/events/e.yaml"), "error", "unknown key 'tags\u200b' in event")
    said = format_text(unknown)
    assert said.endswith("unknown key 'tags\\u200b' in event")


def test_the_joiners_of_persian_and_indic_scripts_are_kept() -> None:
    said = format_text(Diagnostic(Mark("content/events/e.yaml"), "error", "'می\u200cخواهم'"))
    assert "\u200c" in said


@pytest.mark.parametrize("unseen", ["\u200b", "\u00ad", "\u180e", "\u034f", "\U000e0041", "\u2063"])
def test_a_character_that_shows_nothing_is_escaped_in_the_github_format_too(unseen: str) -> None:
    said = format_github(Diagnostic(Mark("content/events/e.yaml"), "error", f"unknown key 'ta{unseen}gs'"))
    assert unseen not in said and "unknown key 'ta\\" in said
