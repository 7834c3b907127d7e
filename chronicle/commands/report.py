"""Print a run's diagnostics in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from chronicle.diagnostics import Diagnostic, format_github, format_text, summary_line


def print_diagnostics(diagnostics: Sequence[Diagnostic], root: Path, style: str = "text") -> None:
    for diagnostic in diagnostics:
        if style == "github":
            print(format_github(diagnostic))
        else:
            print(format_text(diagnostic, root), file=sys.stderr)
    if diagnostics and style == "text":
        print(summary_line(diagnostics), file=sys.stderr)
