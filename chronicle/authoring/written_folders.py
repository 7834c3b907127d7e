"""The folders `new` and `import` write into, checked before a byte is written.

A site folder may be a clone of anyone's pull request branch, so `content/events` or
`schema` may be a committed link. `check` and `build` refuse to read through a link that
leaves the site folder or leads into one of its hidden folders; the commands that write
apply the same rule, to every part of the path, so they never create or refresh a file
somewhere else on the editor's disk.
"""

from __future__ import annotations

from pathlib import Path


def folder_problem(root: Path, relfolder: str) -> str | None:
    """Why ROOT/relfolder may not be written into (a part of it is a link out of the site
    folder, into one of its hidden folders, or a loop of links); None when it may."""
    try:
        top = root.resolve()
    except (RuntimeError, OSError):
        return f"{root} is a loop of links"
    step = root
    for part in Path(relfolder).parts:
        step = step / part
        if not step.is_symlink():
            if step.exists():
                continue
            return None  # missing: mkdir makes plain folders from here on
        try:
            relative = step.resolve().relative_to(top)
        except (RuntimeError, OSError):  # Python's word for a loop of links
            return f"{step} is a link that leads back to itself (a loop of links)"
        except ValueError:
            return f"{step} is a link to a place outside the site folder"
        if any(name.startswith(".") for name in relative.parts):
            return f"{step} is a link into a hidden folder of the site (such as .git)"
    return None


def folders_problem(root: Path, *relfolders: str) -> str | None:
    """The first problem of `folder_problem` among `relfolders`, or None."""
    for relfolder in relfolders:
        problem = folder_problem(root, relfolder)
        if problem is not None:
            return problem
    return None
