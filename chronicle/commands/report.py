"""Print a run's diagnostics in the chosen format."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from chronicle.model.diagnostics import (
    Diagnostic,
    Mark,
    SourceLines,
    format_github,
    format_text,
    inert,
    one_line,
    summary_line,
)
from chronicle.render.theme import ThemeFileError, ThemeRenderError


def print_diagnostics(
    diagnostics: Sequence[Diagnostic], root: Path, style: str = "text", summary: bool = True
) -> None:
    """Each diagnostic (text to stderr, github annotations to stdout), then in text the count
    of each severity unless `summary` is False."""
    source = SourceLines(root)
    for diagnostic in diagnostics:
        if style == "github":
            print(format_github(diagnostic, _prefix(root)))
        else:
            print(format_text(diagnostic, source), file=sys.stderr)
    if summary and diagnostics and style == "text":
        print(summary_line(diagnostics), file=sys.stderr)


def template_error(exc: jinja2.TemplateError, root: Path) -> str:
    """A broken theme file, located like a content error as far as Jinja tells where, on one
    line (its path and Jinja's message shown as format_text shows a content error's)."""
    return inert(one_line(_template_error(exc, root)))


def template_diagnostic(exc: jinja2.TemplateError, root: Path) -> Diagnostic:
    """A broken theme file as a diagnostic, at the file and line Jinja tells (for `check`'s
    formats: text, or a pull request's annotation)."""
    said = _template_error(exc, root)
    located = re.fullmatch(r"(.+?):(\d+):(\d+): error: (.*)", said, re.DOTALL)
    if located is None:
        return Diagnostic(Mark("templates"), "error", one_line(said.removeprefix("templates: error: ")))
    path, line, col, message = located.groups()
    return Diagnostic(Mark(path, int(line), int(col)), "error", one_line(message))


def _template_error(exc: jinja2.TemplateError, root: Path) -> str:
    if isinstance(exc, ThemeRenderError):
        path = Path(exc.path).absolute()
        shown = (
            path.relative_to(root.absolute()).as_posix() if path.is_relative_to(root.absolute()) else exc.path
        )
        return f"{shown}:{exc.line}:1: error: {exc.problem}"
    if isinstance(exc, ThemeFileError):
        path = exc.path.absolute()
        shown = (
            path.relative_to(root.absolute()).as_posix()
            if path.is_relative_to(root.absolute())
            else str(path)
        )
        return f"{shown}:1:1: error: {exc.problem}"
    if isinstance(exc, jinja2.TemplateSyntaxError) and (exc.filename or exc.name):
        path = Path(exc.filename) if exc.filename else root / "templates" / str(exc.name)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        return f"{shown}:{exc.lineno}:1: error: {exc.message}"
    return f"templates: error: {type(exc).__name__}: {exc}"


def _shown(path: Path, root: Path) -> str:
    """A theme file's path as messages show it: relative to the site folder when inside it."""
    path, base = path.absolute(), root.absolute()
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)


def _prefix(root: Path) -> str:
    """The site folder relative to the working directory, as annotations need repository paths."""
    relative = Path(os.path.relpath(root.resolve(), Path.cwd().resolve())).as_posix()
    return "" if relative == "." else relative + "/"


def events_counted(count: int) -> str:
    """ "1 event", "2000 events": as the build and the preview server report them (digits
    only, for the scripts that read these lines)."""
    return f"{count} event" if count == 1 else f"{count} events"


PAGES_SITE_LIMIT = 1_000_000_000
"""GitHub Pages publishes a site of at most 1 GB."""


def site_size_warning(folder_bytes: dict[str, int], limit: int = PAGES_SITE_LIMIT) -> str | None:
    """A warning when the built site is larger than GitHub Pages publishes, naming the
    folders that weigh most; None when it fits."""
    total = sum(folder_bytes.values())
    if total <= limit:
        return None
    heaviest = sorted(folder_bytes.items(), key=lambda item: (-item[1], item[0]))[:3]
    named = ", ".join(f"{folder or '(top level)'}/ {_megabytes(size)}" for folder, size in heaviest)
    return (
        f"warning: the built site is {_megabytes(total)}, more than the {_megabytes(limit)} GitHub Pages "
        f"publishes (most in {named})\n  hint: every event is copied onto the pages and feeds of each "
        "of its topics, actors and places: long summaries with many of those multiply; another "
        "static host takes a larger site (README: Pull requests and publishing)"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"
