"""Files in the site folder that the build will not read, reported where they lie.

The content folders are read flat (content/events/<slug>.yaml, content/pages/<name>.md,
content/articles/<id>.yaml, seeds/<id>.<ext>), and content/ holds five known entries. An
editor who sorts events into sub-folders by year, or misspells a folder's name, would
otherwise lose those files in silence: the site would be published without them. A name
starting with a dot (and a backup ending in `~`) stays out of the build without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.meant import closest

CONTENT_DIR = "content"
CONTENT_ENTRIES = ("site.yaml", "entities.yaml", "articles/", "events/", "pages/")
MAX_REPORTED = 20
"""Files named one by one under one sub-folder; the rest are counted at the folder."""
MAX_VISITED = 2_000
"""Entries looked at under one sub-folder: a tree copied in by mistake is not walked whole."""


def _visible(name: str) -> bool:
    return not name.startswith(".") and not name.endswith("~")


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted((entry for entry in entries if _visible(entry.name)), key=lambda entry: entry.name)
    except OSError:  # missing, not a folder, or not readable: the folder's own reader says so
        return []


def report_sub_folders(root: Path, folder: str, what: str, diagnostics: Diagnostics) -> None:
    """Every visible file under a sub-folder of `folder`, which the build reads flat, is an
    error at the file (`what`: "event files"); a sub-folder holding none, a warning at it."""
    for entry in _entries(root / folder):
        if not entry.is_dir(follow_symlinks=False):
            continue
        sub = f"{folder}/{entry.name}"
        files, complete = _files_under(root, sub)
        if not files:
            diagnostics.warning(
                Mark(sub),
                f"'{entry.name}' is a folder, and {folder}/ is read without its sub-folders",
                "remove it, or give it a name starting with a dot",
            )
        for relpath in files[:MAX_REPORTED]:
            name = relpath.rsplit("/", 1)[-1]
            diagnostics.error(
                Mark(relpath),
                f"{what} in sub-folders of {folder}/ are not read",
                f"move it to {folder}/{name}; a file or folder whose name starts with a dot is left out",
            )
        if len(files) > MAX_REPORTED or not complete:
            more = "more files" if not complete else f"{len(files) - MAX_REPORTED} more files"
            diagnostics.error(Mark(sub), f"{more} under this folder are not read either")


def _files_under(root: Path, folder: str) -> tuple[list[str], bool]:
    """Visible files (and links, not followed) under `folder`, and whether all were seen."""
    found: list[str] = []
    pending = [folder]
    visited = 0
    while pending:
        current = pending.pop()
        for entry in _entries(root / current):
            visited += 1
            if visited > MAX_VISITED:
                return sorted(found), False
            relpath = f"{current}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                pending.append(relpath)
            else:
                found.append(relpath)
    return sorted(found), True


def rename_hint(root: Path, relpath: str, target: str, what: str) -> str:
    """`rename it to TARGET`, unless another file has that name (renaming would replace it):
    then a free name, `TARGET-2` or the first free number (`what`: "event")."""
    if not _taken(root, relpath, target):
        return f"rename it to {target}"
    stem, dot, suffix = target.rpartition(".")
    number = 2
    while os.path.lexists(root / f"{stem}-{number}{dot}{suffix}"):
        number += 1
    return f"{target} is taken by another {what}: choose another name, e.g. {stem}-{number}{dot}{suffix}"


def extension_hint(root: Path, relpath: str, target: str) -> str:
    """For `x.yml`: `rename it to x.yaml`, unless `x.yaml` is there already (and is the one read)."""
    if not _taken(root, relpath, target):
        return f"rename it to {target}"
    return f"{target} exists beside it and is the one read: merge the two into it, or delete this file"


def _taken(root: Path, relpath: str, target: str) -> bool:
    """Whether another file than `relpath` has the name `target` (on a disk that ignores case,
    `Some-Title.yaml` and `some-title.yaml` are one file, and renaming is only a change of case)."""
    path = root / target
    if not os.path.lexists(path):
        return False
    try:
        return not os.path.samefile(root / relpath, path)
    except OSError:  # a dangling link is still a name a rename would replace
        return True


def _stem(name: str) -> str:
    return name.rstrip("/").split(".")[0]


def report_unknown_content(root: Path, diagnostics: Diagnostics) -> None:
    """A warning at each visible entry of content/ that the build does not read (a misspelt
    `event/`, `entities.yml`): it cannot tell notes kept there from content gone astray."""
    for entry in _entries(root / CONTENT_DIR):
        shown = entry.name + ("/" if entry.is_dir() else "")
        if shown in CONTENT_ENTRIES:
            continue
        stems = {_stem(known): known for known in CONTENT_ENTRIES}
        meant = stems.get(closest(_stem(shown), stems) or "")
        diagnostics.warning(
            Mark(f"{CONTENT_DIR}/{entry.name}"),
            f"{CONTENT_DIR}/{shown} is not read: {CONTENT_DIR}/ holds {', '.join(CONTENT_ENTRIES)}",
            f"did you mean {CONTENT_DIR}/{meant}?"
            if meant
            else "move it out of content/, or give it a name starting with a dot",
        )
