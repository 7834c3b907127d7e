"""The theme's static files (templates/assets/) -> output files under assets/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def theme_assets(dirs: tuple[Path, ...]) -> Iterator[tuple[str, bytes]]:
    """Every file of every theme's assets/, the first theme winning, in a stable order."""
    chosen: dict[str, Path] = {}
    for theme in dirs:
        folder = theme / "assets"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(theme).as_posix()
            if path.is_file() and not path.name.startswith(".") and relative not in chosen:
                chosen[relative] = path
    for relative in sorted(chosen):
        yield relative, chosen[relative].read_bytes()
