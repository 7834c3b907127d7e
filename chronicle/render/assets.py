"""The theme's static files (templates/assets/) -> output files under assets/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from chronicle.render.theme import MAX_TEMPLATE_BYTES, ThemeFileError, inside

MAX_ASSET_BYTES = 20 * MAX_TEMPLATE_BYTES


def theme_assets(dirs: tuple[Path, ...]) -> Iterator[tuple[str, bytes]]:
    """Every file of every theme's assets/, the first theme winning, in a stable order."""
    chosen: dict[str, Path] = {}
    for theme in dirs:
        folder = theme / "assets"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(theme).as_posix()
            if path.name.startswith(".") or relative in chosen or (path.is_dir() and not path.is_symlink()):
                continue
            if not inside(theme, path) or not path.is_file():
                raise ThemeFileError(
                    path, "a theme file must be a file inside its theme folder, not a link out of it"
                )
            if path.stat().st_size > MAX_ASSET_BYTES:
                raise ThemeFileError(path, f"the file is larger than {MAX_ASSET_BYTES:,} bytes")
            chosen[relative] = path
    for relative in sorted(chosen):
        yield relative, chosen[relative].read_bytes()
