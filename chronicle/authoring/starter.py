"""Options of a new site -> the text of every file `init` writes; and this repository's workflows.

The files that need no options live in chronicle/starter/ (package data, in the wheel); the
rest are made here: the site settings from the options, the JSON Schemas and the editor
settings from the same declarations as `schema/`, the version pins from this package's own.
The GitHub Actions workflows in chronicle/starter/workflows/ are the one source of the
workflows: a new site gets them as they are (installing the tool from requirements.txt),
and this repository's .github/workflows/ gets them installing the tool from its own checkout
(`python -m chronicle.authoring.starter --workflows .github/workflows` writes them; `--check`
fails when they differ, and a test runs it).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chronicle import __version__
from chronicle.authoring.schema import FILE_KINDS, SCHEMA_DIR, replace_file, schema_texts

STARTER_DIR = Path(__file__).resolve().parent.parent / "starter"
PROJECT_URL = "https://github.com/chronicle-timeline/chronicle"
WORKFLOWS_DIR = ".github/workflows"

# Destination in the new site folder <- file in chronicle/starter/, copied with the
# placeholders (@TITLE@, @TODAY@, @VERSION@, @DOCS@) filled in.
COPIED: tuple[tuple[str, str], ...] = (
    ("README.md", "README.md"),
    (".gitignore", "gitignore"),
    ("content/entities.yaml", "entities.yaml"),
    ("content/events/1903-wright-brothers-first-flights.yaml", "event.yaml"),
    ("content/articles/wright-telegram-1903.yaml", "article.yaml"),
    ("seeds/wright-telegram-1903.txt", "article.txt"),
    ("content/pages/about.md", "about.md"),
    (f"{WORKFLOWS_DIR}/check.yml", "workflows/check.yml"),
    (f"{WORKFLOWS_DIR}/pages.yml", "workflows/pages.yml"),
    (f"{WORKFLOWS_DIR}/links.yml", "workflows/links.yml"),
)

# The workflows this repository runs itself, and what differs there: the tool is installed
# from the checkout, and pip's cache follows pyproject.toml instead of requirements.txt.
REPOSITORY_WORKFLOWS = ("check.yml", "pages.yml", "links.yml")
REPOSITORY_CHANGES: tuple[tuple[str, str], ...] = (
    ("run: python -m pip install -r requirements.txt", "run: python -m pip install -e ."),
    ("cache-dependency-path: requirements.txt", "cache-dependency-path: pyproject.toml"),
)

DEFAULT_TITLE = "A sourced timeline"
DEFAULT_DESCRIPTION = "Events, each backed by a verbatim quote from the documents it rests on."


@dataclass(frozen=True)
class SiteOptions:
    """What `init` was told: the site's title, address and language, and what the tool offers."""

    title: str
    base_url: str
    language: str
    today: datetime.date
    version: str = __version__


def docs_url(version: str) -> str:
    """The README of the tool's version: where the site's own README points for the format."""
    return f"{PROJECT_URL}/blob/v{version}/README.md"


def starter_text(name: str) -> str:
    return (STARTER_DIR / name).read_text(encoding="utf-8")


def site_files(options: SiteOptions) -> dict[str, str]:
    """Path in the new site folder -> its text, for every file `init` writes, sorted by path."""
    places = {
        "@TITLE@": options.title,
        "@TODAY@": options.today.isoformat(),
        "@VERSION@": options.version,
        "@DOCS@": docs_url(options.version),
    }
    copied = list(COPIED)
    texts = {path: _filled(starter_text(source), places) for path, source in copied}
    texts["content/site.yaml"] = site_settings(options)
    texts["requirements.txt"] = requirements(options.version)
    texts[".pre-commit-config.yaml"] = pre_commit_config(options.version)
    texts[".vscode/settings.json"] = editor_settings()
    texts[".vscode/extensions.json"] = _json({"recommendations": ["redhat.vscode-yaml"]})
    texts.update({f"{SCHEMA_DIR}/{name}": text for name, text in schema_texts().items()})
    return dict(sorted(texts.items()))


def _filled(text: str, places: Mapping[str, str]) -> str:
    for placeholder, value in places.items():
        text = text.replace(placeholder, value)
    return text


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is YAML's, so any title stays text."""
    return json.dumps(text, ensure_ascii=False)


def site_settings(options: SiteOptions) -> str:
    """content/site.yaml: the options, and the optional settings commented out."""
    return "\n".join(
        [
            '# The site\'s settings; each is described in the README of chronicle, "Site settings".',
            f"title: {yaml_string(options.title)}",
            f"description: {yaml_string(DEFAULT_DESCRIPTION)}",
            "# Where the site is published. The Pages workflow builds with the address GitHub",
            "# Pages gives it (https://USER.github.io/REPO/); set it here too, for local builds.",
            f"base_url: {options.base_url}",
            f"language: {options.language}",
            "# author: The editors           # who keeps the timeline (feeds, page metadata)",
            "# feed_limit: 100               # how many events each feed lists, newest first",
            "# start: latest                 # the period the home page opens on: latest or first",
            "",
        ]
    )


def requirements(version: str) -> str:
    return (
        "# The version of chronicle this site is built with; the workflows install it from here.\n"
        f"chronicle-timeline @ git+{PROJECT_URL}@v{version}\n"
    )


def pre_commit_config(version: str) -> str:
    return (
        "# `chronicle check` before each commit that changes content/ or seeds/: install\n"
        "# pre-commit (https://pre-commit.com), then run `pre-commit install` once.\n"
        "repos:\n"
        f"  - repo: {PROJECT_URL}\n"
        f"    rev: v{version}\n"
        "    hooks:\n"
        "      - id: chronicle-check\n"
    )


def editor_settings() -> str:
    """.vscode/settings.json: each kind of content file mapped to its schema under schema/."""
    mapping = {f"./{SCHEMA_DIR}/{kind.filename}": kind.glob for kind in FILE_KINDS}
    return _json({"yaml.schemas": mapping})


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- this repository


def repository_workflows() -> dict[str, str]:
    """File name -> text of each workflow this repository runs, from the starter's."""
    texts = {}
    for name in REPOSITORY_WORKFLOWS:
        text = starter_text(f"workflows/{name}")
        for site_line, repository_line in REPOSITORY_CHANGES:
            if site_line not in text:  # pragma: no cover - a starter workflow was changed
                raise ValueError(f"workflows/{name} no longer has {site_line!r}")
            text = text.replace(site_line, repository_line)
        texts[name] = text
    return texts


def stale_workflows(folder: Path) -> list[str]:
    """The repository workflows in `folder` that are missing or differ from the starter's."""
    stale = []
    for name, text in repository_workflows().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chronicle.authoring.starter",
        description="Write this repository's workflows from the starter's (chronicle/starter/workflows/).",
    )
    parser.add_argument("--workflows", default=WORKFLOWS_DIR, help="the folder to write")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when one differs")
    args = parser.parse_args(argv)
    folder = Path(args.workflows)
    stale = stale_workflows(folder)
    if args.check:
        for name in stale:
            print(f"{folder / name}: stale; run `{parser.prog}`", file=sys.stderr)
        return 1 if stale else 0
    texts = repository_workflows()
    for name in stale:
        replace_file(folder / name, texts[name])
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
