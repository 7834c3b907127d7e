"""Output files -> the output folder, swapped in whole only when everything was written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


class DuplicateOutputError(Exception):
    """Two pages claimed the same output path: a bug, or two ids that collide."""


class UnsafeOutputError(Exception):
    """The output folder would replace the site folder or a folder holding it."""


def collect(files: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Output path -> bytes, refusing to write one path twice."""
    collected: dict[str, bytes] = {}
    for path, data in files:
        if path in collected:
            raise DuplicateOutputError(f"two pages would be written to {path}")
        collected[path] = data
    return collected


def check_output_folder(out: Path, root: Path) -> None:
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents or out == Path(out.anchor) or out == Path.home():
        raise UnsafeOutputError(f"refusing to replace {out}: it holds the site folder")
    for protected in ("content", "seeds", "templates"):
        if out == root / protected or (root / protected) in out.parents:
            raise UnsafeOutputError(f"refusing to write into {out}: it is part of the content")
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"{out} exists and is not a folder")


def write_output(files: dict[str, bytes], out: Path) -> None:
    """Write into a new folder beside `out`, then swap it in; on failure `out` is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for path, data in sorted(files.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, retired / "site")
            os.replace(staging, out)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
