"""`init`: a new site folder that builds at once, or nothing at all.

It writes the site settings, one example event citing one example document (its quote
verifies), an About page, the JSON Schemas and editor settings, the pre-commit hook, the
GitHub Actions workflows and a README for the site's editors (chronicle/authoring/starter.py
says what each holds). A folder with anything in it, hidden files included, is refused
before anything is written; a missing one is created. Every file is first written into a
hidden folder inside the target and then moved into place, so a failure halfway leaves the
folder as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from slugify import slugify

from chronicle import __version__
from chronicle.authoring.starter import DEFAULT_TITLE, PROJECT_URL, SiteOptions, site_files
from chronicle.model.diagnostics import inert, one_line, shown_safely
from chronicle.source.base_url import holds_user_placeholder
from chronicle.source.copied_texts import SITE_MOST
from chronicle.source.site_roots import site_above
from chronicle.source.validate import text_problem


def run(args: argparse.Namespace) -> int:
    """Make the site folder `args.folder`."""
    target = Path(args.folder)
    refusal = _refusal(target)
    if refusal is not None:
        print(inert(one_line(f"error: {refusal}; nothing written")), file=sys.stderr)
        return 2
    title = " ".join((DEFAULT_TITLE if args.title is None else args.title).split())
    if not title:
        print("error: --title is empty; nothing written", file=sys.stderr)
        return 2
    problem = text_problem(title)
    if problem is not None:
        print(f"error: --title contains {shown_safely(problem[0])}; {problem[1]}", file=sys.stderr)
        return 2
    if len(title) > SITE_MOST["title"]:  # as site.yaml's: the site must check at once
        print(
            f"error: --title is {len(title):,} characters long; a site's title may have at most "
            f"{SITE_MOST['title']}; nothing written",
            file=sys.stderr,
        )
        return 2
    options = SiteOptions(
        title=title,
        base_url=args.base_url or default_base_url(target),
        language=args.language,
        today=datetime.date.today(),
    )
    files = site_files(options)
    try:
        write_site_folder(target, files)
    except OSError as exc:
        print(
            inert(one_line(f"error: could not write the site into {target}: {exc}; nothing written")),
            file=sys.stderr,
        )
        return 2
    _report(args.folder, files)
    for note in (placeholder_note(options.base_url, given=args.base_url is not None), local_install_note()):
        if note:
            print(inert(note), file=sys.stderr)
    return 0


def placeholder_note(base_url: str, *, given: bool) -> str | None:
    """A warning when the site's address is one to replace before publishing: every feed,
    the sitemap and the embed code carry it."""
    if given and holds_user_placeholder(base_url):
        return (
            f"warning: --base-url {base_url} still holds the placeholder USER; put your GitHub "
            "user or organisation name in base_url in content/site.yaml before you publish"
        )
    if not given:
        return (
            f"note: base_url is {base_url}, a placeholder; set where the site will be published "
            "in content/site.yaml (or run init with --base-url) before you publish"
        )
    return None


def local_install_note(direct_url: str | None = None, clone: bool = True) -> str | None:
    """A note when this tool runs from a folder (a clone, `pip install -e .`) rather than a
    release: the new site's pins name a release tag, which its workflows may not find.
    `direct_url`: pip's record of where it installed it from; `clone`: whether to look first
    at where the running code is."""
    folder = _running_clone() if clone else None
    if folder is None:
        if direct_url is None:
            try:
                installed = importlib.metadata.distribution("chronicle-timeline")
                direct_url = installed.read_text("direct_url.json")
            except importlib.metadata.PackageNotFoundError:
                return None
        try:
            url = str(json.loads(direct_url or "{}").get("url", ""))
        except (ValueError, AttributeError):
            return None
        if not url.startswith("file://"):
            return None
        folder = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    commit = _commit_of(folder) or "COMMIT"
    return (
        f"note: chronicle runs from the folder {folder}, not from a release: the new site's "
        f"requirements.txt and .pre-commit-config.yaml pin the tag v{__version__}, which its "
        "workflows install; if that tag is not published, pin a commit pushed to "
        f"{PROJECT_URL} instead (this folder's is {commit}): `chronicle-timeline @ "
        f"git+{PROJECT_URL}@{commit}` in requirements.txt and `rev: {commit}` in .pre-commit-config.yaml"
    )


def _running_clone() -> str | None:
    """The clone this code runs from (`python build.py` in it), whatever pip installed."""
    here = Path(__file__).resolve().parents[2]
    return str(here) if (here / ".git").exists() and (here / "pyproject.toml").exists() else None


def _commit_of(folder: str) -> str | None:
    try:
        command = ["git", "-C", folder, "rev-parse", "HEAD"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) == 40 else None


def _refusal(target: Path) -> str | None:
    """Why `target` cannot become a new site folder, or None when it is empty or missing."""
    outer = site_above(target)
    if outer is not None:
        return (
            f"{target} is inside the site folder {outer} (it has content/site.yaml): a site made "
            f"there would be mixed with that one's files; make it outside, e.g. in {outer.parent}"
        )
    if not target.exists():
        return f"{target} is a link to nothing" if target.is_symlink() else None
    if not target.is_dir():
        return f"{target} exists and is not a folder"
    try:
        entries = sorted(entry.name for entry in target.iterdir())
    except OSError as exc:
        return f"cannot read {target}: {exc.strerror or exc}"
    if entries:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        return (
            f"{target} is not empty (it holds {shown}); `init` makes a site only in a new or "
            "empty folder, so that it never overwrites or mixes with files of yours"
        )
    return None


def default_base_url(target: Path) -> str:
    """An address to replace: a GitHub Pages project site named after the folder."""
    name = slugify(target.absolute().name) or "timeline"
    return f"https://example.github.io/{name}/"


def write_site_folder(target: Path, files: Mapping[str, str]) -> None:
    """Write `files` (relative path -> text) into `target`, which is empty or missing.

    They are written into a hidden folder inside `target` first, and its entries then moved
    up; on any failure `target` is emptied again (or removed, when this made it).
    """
    made = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target, prefix=".chronicle-init-"))
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for entry in sorted(staging.iterdir()):
            os.rename(entry, target / entry.name)
    except BaseException:
        _empty_again(target, remove=made)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _empty_again(target: Path, *, remove: bool) -> None:
    """Undo a write that failed halfway: `target` as it was, empty or not there."""
    if remove:
        shutil.rmtree(target, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        for entry in target.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink()


def _report(folder: str, files: Mapping[str, str]) -> None:
    # The folder as the person gave it, on one line that no CI runner reads as a command.
    shown = inert(one_line(folder.rstrip("/") or "/"))
    print(f"made a new site in {shown}/:")
    for relative in files:
        print(f"  {relative}")
    print("next:")
    print(f"  cd {_shell_word(folder)} && chronicle build && chronicle serve")
    print(f"then see {shown}/README.md to add events and publish on GitHub Pages")


def _shell_word(folder: str) -> str:
    """The folder as a word a POSIX shell reads back as it is, on one line: a name starting
    with `-` is not read as an option, and one with a line break or a control character is
    written in bash's $'...' quoting, whose escapes are those `one_line` writes."""
    if folder.startswith("-"):
        folder = "./" + folder
    if one_line(folder) == folder:
        return shlex.quote(folder)
    return "$'" + one_line(folder.replace("\\", "\\\\")).replace("'", "\\'") + "'"
