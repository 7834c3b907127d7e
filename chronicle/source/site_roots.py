"""Which folder is the site folder, said in the terms the person used: the `--root` they typed
(a typo gets "did you mean"), or the folder they are in when they typed none; the site
folders found inside it; the site folder a new one would be made inside (`init`)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from chronicle.model.diagnostics import one_line

SETTINGS = os.path.join("content", "site.yaml")
LISTED_SITES = 5
"""Site folders named in a message, at most."""


def is_site(folder: str | Path) -> bool:
    return os.path.isfile(os.path.join(folder, SETTINGS))


def root_problem(root: str, *, given: bool, writes: bool) -> str | None:
    """Why `root` cannot be used as the site folder, or None. `given`: typed as `--root`
    (else it is the folder the command runs in); `writes`: the command writes into the site
    (new, import), so a folder with content/ but no settings is refused too."""
    said = f"--root {one_line(root)}" if given else f"this folder ({one_line(os.path.abspath(root))})"
    if not os.path.isdir(root):
        if os.path.exists(root):
            return f"{said}: not a folder"
        close = _close_folder(root)
        return f"{said}: no such folder" + (f"; did you mean --root {one_line(close)}?" if close else "")
    if is_site(root):
        return None
    # A folder with content/ but no settings is a site missing its settings file: the load
    # step says so, at the file. One without content/ at all is the wrong folder.
    if writes or not os.path.isdir(os.path.join(root, "content")):
        return f"{said}: not a site folder (it has no content/site.yaml); " + _sites_hint(root, given)
    return None


def _close_folder(root: str) -> str | None:
    """The folder beside a mistyped `root` whose name is closest to it, written as `root` is."""
    parent, name = os.path.split(root.rstrip(os.sep) or root)
    try:
        names = [entry.name for entry in os.scandir(parent or ".") if entry.is_dir()]
    except OSError:
        return None
    visible = [found for found in names if not found.startswith(".")]
    close = difflib.get_close_matches(name, sorted(visible), n=1, cutoff=0.75)
    return os.path.join(parent, close[0]) if close else None


def sites_below(root: str) -> list[str]:
    """The site folders directly inside `root`, as paths written from where `root` is."""
    try:
        names = sorted(entry.name for entry in os.scandir(root) if entry.is_dir())
    except OSError:
        return []
    visible = (name for name in names if not name.startswith("."))
    paths = (name if root in (".", "") else os.path.join(root, name) for name in visible)
    return [path for path in paths if is_site(path)]


def _sites_hint(root: str, given: bool) -> str:
    sites = sites_below(root)
    if not sites:
        return "`init` makes a new one" if given else "`init` makes a new one, or give one with --root"
    if len(sites) == 1:
        return f"did you mean --root {one_line(sites[0])}?" + (
            "" if given else f" (or cd {one_line(sites[0])})"
        )
    shown = ", ".join(one_line(site) for site in sites[:LISTED_SITES])
    more = f" and {len(sites) - LISTED_SITES} more" if len(sites) > LISTED_SITES else ""
    return f"it holds the site folders {shown}{more}: name one with --root (e.g. --root {one_line(sites[0])})"


def site_above(folder: Path) -> Path | None:
    """The nearest site folder that holds `folder` (not `folder` itself), or None."""
    for parent in Path(os.path.abspath(folder)).parents:
        if is_site(parent):
            return parent
    return None
