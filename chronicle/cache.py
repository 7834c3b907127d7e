"""The build cache (ROOT/.chronicle-cache/, git-ignored): file fingerprints, per-file results, pages.

A result is reused only when the key it was stored under still matches: the file's own
bytes plus everything it depends on. Any problem reading the cache means starting cold.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from chronicle.diagnostics import Diagnostic, Diagnostics

CACHE_DIRNAME = ".chronicle-cache"
STATE_NAME = "state.pickle"
PACKAGE_DIR = Path(__file__).resolve().parent

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """A short stable key of the parts, in order."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def engine_key() -> str:
    """Changes whenever the engine's own code changes, so no stale result survives an upgrade."""
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    return digest(*(path.read_bytes() for path in sources))


@dataclass
class BuildState:
    """What one build leaves for the next."""

    engine: str
    stamps: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """Input file -> (size, mtime_ns, content key): unchanged stat means unchanged bytes."""
    results: dict[str, tuple[str, Any, tuple[Diagnostic, ...]]] = field(default_factory=dict)
    """Input file -> (key, value, diagnostics) of its last validation."""
    fragments: dict[str, Any] = field(default_factory=dict)
    """Key -> a rendered piece (markdown, ...), shared by every file that produces it."""
    pages: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Output file -> (page key, size, mtime_ns) as last written into `out`."""
    out: str = ""


def load_state(root: Path) -> BuildState:
    engine = engine_key()
    path = root / CACHE_DIRNAME / STATE_NAME
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)
    except Exception:  # missing, truncated or from another version: start cold
        return BuildState(engine)
    if not isinstance(state, BuildState) or state.engine != engine:
        return BuildState(engine)
    return state


def save_state(root: Path, state: BuildState) -> None:
    folder = root / CACHE_DIRNAME
    try:
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".state-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(state, stream, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / STATE_NAME)
    except OSError:
        pass  # a read-only site folder builds fine, only without a cache


class Memo:
    """Per-file results reused across runs while their keys match; records what it computes."""

    def __init__(self, root: Path, state: BuildState) -> None:
        self.root = root
        self.state = state
        self.seen: set[str] = set()

    def file_key(self, relpath: str) -> str:
        """A key of the file's bytes; "" for a file that cannot be read (reported elsewhere)."""
        self.seen.add(relpath)
        path = self.root / relpath
        try:
            status = path.stat()
        except OSError:
            return ""
        stamp = self.state.stamps.get(relpath)
        if stamp and stamp[:2] == (status.st_size, status.st_mtime_ns):
            return stamp[2]
        try:
            key = digest(path.read_bytes())
        except OSError:
            return ""
        self.state.stamps[relpath] = (status.st_size, status.st_mtime_ns, key)
        return key

    def lookup(self, relpath: str, key: str) -> tuple[Any, tuple[Diagnostic, ...]] | None:
        entry = self.state.results.get(relpath)
        if entry is not None and entry[0] == key:
            return entry[1], entry[2]
        return None

    def store(self, relpath: str, key: str, value: Any, diagnostics: Iterable[Diagnostic]) -> None:
        self.state.results[relpath] = (key, value, tuple(diagnostics))

    def result(
        self, relpath: str, key: str, compute: Callable[[Diagnostics], T], diagnostics: Diagnostics
    ) -> T:
        """compute(its own diagnostics), or the stored value and diagnostics for this key."""
        found = self.lookup(relpath, key)
        if found is None:
            local = Diagnostics()
            value = compute(local)
            self.store(relpath, key, value, local.items)
            found = (value, tuple(local.items))
        diagnostics.extend(found[1])
        return found[0]

    def forget_unseen(self) -> None:
        """Drop what belongs to files that no longer exist, so the cache does not grow forever."""
        for table in (self.state.stamps, self.state.results):
            for relpath in [path for path in table if path not in self.seen]:
                del table[relpath]


def fresh_memo(root: Path) -> Memo:
    """A memo that starts empty and is never saved (for `check`, which writes nothing)."""
    return Memo(root, BuildState(""))
