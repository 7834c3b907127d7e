"""Small site folders for the unit tests: a valid base site, and files written over it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

from chronicle.build.load import load_site

SITE_YAML = """\
title: Test timeline
description: A site written by a unit test.
base_url: https://example.org/sub/
language: en
author: Test Editors
"""

ENTITIES_YAML = """\
actors:
  alpha: {name: Alpha, kind: country}
  bravo: {name: Bravo, kind: country}
places:
  capital: {name: Capital City, country: Alpha}
"""

ARTICLE_YAML = """\
title: Alpha officials meet in the capital
publisher: Test Wire
published: 2025-06-03
"""

ARTICLE_TEXT = """\
Officials of Alpha met in the capital on Tuesday.
They agreed to share river data every week.
The meeting lasted three hours.
"""

EVENT_YAML = """\
title: Alpha officials meet in the capital
date: 2025-06-03
summary: Officials agree to share river data every week.
tags: [diplomacy]
actors: [alpha]
places: [capital]
sources:
  - article: one
    quote: "agreed to share river data every week"
added: 2026-01-02
"""

BASE_SITE: dict[str, str] = {
    "content/site.yaml": SITE_YAML,
    "content/entities.yaml": ENTITIES_YAML,
    "content/articles/one.yaml": ARTICLE_YAML,
    "seeds/one.txt": ARTICLE_TEXT,
    "content/events/first-event.yaml": EVENT_YAML,
}


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write each root-relative path (text is dedented); return the root."""
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def write_site(root: Path, files: Mapping[str, str | bytes | None] | None = None) -> Path:
    """The valid base site with `files` written over it (None leaves a base file out); the root."""
    chosen: dict[str, str | bytes] = dict(BASE_SITE)
    for relpath, content in (files or {}).items():
        if content is None:
            chosen.pop(relpath, None)
        else:
            chosen[relpath] = content
    return write_files(root, chosen)


def reported(root: Path) -> list[tuple[str, str, str | None]]:
    """Every problem of the site (errors and warnings; not notices, which ask for nothing) as
    (location headline, message, hint)."""
    return [
        (str(d.mark), f"{d.severity}: {d.message}", d.hint)
        for d in load_site(root).diagnostics
        if d.severity != "notice"
    ]


BUILD_PY = Path(__file__).resolve().parent.parent / "build.py"


def run_build(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` in a fresh interpreter, as an editor or a CI job runs it."""
    return subprocess.run(
        [sys.executable, str(BUILD_PY), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def event_yaml(date: str = "2025", added: str | None = "2026-01-02") -> str:
    """A valid event citing an external source; lines: title, date, summary, sources[, added]."""
    text = f"title: T\ndate: {date}\nsummary: S\nsources: [{{url: https://example.org/, title: T}}]\n"
    return text + (f"added: {added}\n" if added else "")


def paged_site_files(start: str) -> dict[str, str | bytes | None]:
    """`write_site`'s files for a timeline in pages by period (`start`: latest or first): 50
    events in 2024 (over the limit of a page: the year lists its months), 3 in 2025."""
    files: dict[str, str | bytes | None] = {"content/events/first-event.yaml": None}
    dates = [f"2024-{month:02d}-{day:02d}" for month in range(1, 11) for day in range(1, 6)]
    dates += ["2025-01-10", "2025-02-10", "2025-03-10"]
    for date in dates:
        files[f"content/events/e-{date}.yaml"] = event_yaml(date).replace("title: T", f"title: Event {date}")
    files["content/site.yaml"] = (
        "title: Paged\ndescription: d\nbase_url: https://example.org/sub/\nlanguage: en\nauthor: A\n"
        f"start: {start}\n"
    )
    return files
