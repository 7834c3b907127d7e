"""The build cache (ROOT/.chronicle-cache/, git-ignored): file fingerprints, per-file results,
fragments, and what each output file's render read.

A result is reused only when the key it was stored under still matches (build.keys). The
cache is data, never code: JSON through build.codec, each file sealed with an HMAC whose
key lives outside the site folder (the user's cache folder), so a cache committed to the
repository, copied from another machine or garbled on disk is not read at all. Any problem
reading the cache means starting cold.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import tempfile
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronicle.build import codec, texts
from chronicle.build.keys import engine_key
from chronicle.build.recent import KeptByEvent, KeptOrder, KeptPeriods, KeptVersions, Recent
from chronicle.build.search_memo import SearchMemo

CACHE_DIRNAME = ".chronicle-cache"
STATE_NAME = "state.json"


_MISSING = object()


class TrackedDict(dict[str, Any]):
    """A dict that remembers which keys were set or deleted, so only those shards are saved."""

    def __init__(self, *args: Any, count: int = 1) -> None:
        super().__init__(*args)
        self.count = count
        """How many shards it is saved in."""
        self.changed: set[str] = set()
        self.members: list[Collection[str]] | None = None
        """The keys each shard file held when loaded (its dict, read only when the shard
        changes); None when nothing was loaded."""

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.changed.add(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.changed.add(key)

    def keep_only(self, keys: Collection[str]) -> None:
        for key in self.keys() - keys:
            del self[key]

    def update_changed(self, values: dict[str, Any]) -> None:
        """Become `values`, marking only the entries that differ as changed."""
        self.keep_only(values.keys())
        for key, value in values.items():
            if self.get(key, _MISSING) != value:
                self[key] = value

    def shards(self) -> dict[int, dict[str, Any]]:
        """The shards to write, each with its whole contents: only the changed ones when the
        table was loaded from shard files, every shard otherwise."""
        changed: dict[int, list[str]] = {}
        if self.members is None:
            self.members = [() for _ in range(self.count)]
            changed = {number: [] for number in range(self.count)}
            keys: Iterable[str] = self
        else:
            keys = self.changed
        for key in keys:
            changed.setdefault(_shard(key, self.count), []).append(key)
        contents: dict[int, dict[str, Any]] = {}
        for number in sorted(changed):
            members = {*self.members[number], *changed[number]} & self.keys()
            self.members[number] = members
            contents[number] = dict(zip(members, map(self.__getitem__, members), strict=True))
        self.changed.clear()
        return contents


# The large tables live in shards, so that a rebuild rewrites only the shards it changed
# (a summary edit changes a few dozen fragments, and one result).
SHARDS = {
    "results": 32, "fragments": 128, "pages": 128, "versions": 16, "layouts": 16, "revisions": 8, "search": 1
}  # fmt: skip
CODED_TABLES = ("results", "revisions")
"""Tables of model objects, written through build.codec; the others hold only JSON's own
values (texts, numbers, lists, mappings), read by the C parser alone."""
TEXT_TABLES = ("fragments",)
"""Tables whose values each carry one long text (build.texts)."""
PIECES_TABLES = ("fragments",)
"""The tables of every event's summary and cards (the rest of the cache holds the events)."""


Stamp = tuple[int, int, int, int, str, int]


@dataclass
class BuildState:
    """What one build leaves for the next."""

    engine: str
    stamps: dict[str, Stamp] = field(default_factory=dict)
    """Input file -> (size, mtime_ns, ctime_ns, inode, content key, racy): an unchanged
    status means unchanged bytes, unless the stamp is racy (build.memo.RACY_NS)."""
    results: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["results"]))
    """Input file -> (key, value, diagnostics) of its last validation."""
    fragments: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["fragments"]))
    """Key -> a rendered fragment (a summary, a card), shared by every file that uses it."""
    layouts: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["layouts"]))
    """Whole-timeline file -> where each event's piece lies in it, as last written into `out`
    (build.splice)."""
    pages: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["pages"]))
    """Output file -> (key, size, mtime_ns, what its render read or None) as last written into `out`."""
    versions: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["versions"]))
    """View identity -> version in the last build (build.versions)."""
    revisions: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["revisions"]))
    """Two blob ids of an event file ("before:after") -> the fields a commit between them
    changed (source.revisions): each pair is read from git and compared once."""
    template_refs: dict[str, list[str]] = field(default_factory=dict)
    """Digest of a template's source -> the templates it references (build.keys)."""
    folders: dict[str, int] = field(default_factory=dict)
    """Folder of `out` -> modification time (ns) after the last build (write.stamp_folders)."""
    out: str = ""
    search: TrackedDict = field(default_factory=lambda: TrackedDict(count=SHARDS["search"]))
    """"index" -> what the last search index was made from (build.search_memo), as one value:
    a build reads it all or none of it."""
    search_memo: SearchMemo = field(default_factory=SearchMemo)
    """Kept in memory only: the same, as the session's last run left it (`search` is read
    into it when it is empty)."""
    views: dict[str, tuple[str, object]] = field(default_factory=dict)
    """Kept in memory only: event's slug -> (version, view) of the last plan, which a session
    that builds again (the preview server's) reuses for each event whose version is the same."""
    recent: dict[str, Recent] = field(default_factory=dict)
    """Kept in memory only: kind of key -> the keys of the last run, with their inputs
    (build.recent): those of the input files (`Memo.again`), the events' summaries."""
    loaded: dict[str, tuple[tuple[object, ...], tuple[str, ...], str, Any]] = field(default_factory=dict)
    """Kept in memory only: event file -> what the last run had of it: (its inputs, the names
    it looked up, its key, its result) (build.memo, `Memo.keep`)."""
    dependencies: dict[str, str] = field(default_factory=dict)
    """Kept in memory only: each name an event's validation looked up -> its key in the last
    run (build.load)."""
    order: KeptOrder | None = None
    """Kept in memory only: the site's order as the last run made it (build.load)."""
    event_versions: KeptVersions | None = None
    """Kept in memory only: the events' versions as the last run made them (build.versions)."""
    by_event: KeptByEvent = field(default_factory=KeptByEvent)
    """Kept in memory only: what the last run made for each event of them (build.plan)."""
    listed: dict[str, Any] = field(default_factory=dict)
    """Kept in memory only: the content folders as the last run listed them (build.listings)."""
    periods: KeptPeriods = field(default_factory=KeptPeriods)
    """Kept in memory only: the chronology's years as the last run made them (build.recent)."""


TABLES = tuple(SHARDS)


def _shard(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def user_cache_folder() -> Path:
    """This user's own cache folder for chronicle. A relative XDG_CACHE_HOME is ignored, as
    the XDG spec says: it would name a folder inside the one the build runs in, often a
    site folder, whose files anyone sending a pull request may write."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"
    return base / "chronicle"


def cache_folder_refusal(root: Path) -> str | None:
    """Why the user's cache folder may not serve a build of the site at `root`, or None.

    Compiled templates kept there are code the build runs, and the key there seals the data
    cache: inside the site folder, or the git work tree holding it, a pull request could
    commit either."""
    folder = user_cache_folder()
    try:
        own, site = folder.resolve(), root.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return f"chronicle's cache folder {folder} is a loop of links"
    tree = next((parent for parent in (site, *site.parents) if (parent / ".git").exists()), site)
    if own.is_relative_to(tree):
        where = "the site folder" if tree == site else f"{tree}, the git work tree holding the site"
        return (
            f"chronicle's cache folder {folder} is inside {where}: building without a cache, as "
            "compiled templates (code) and the cache's key are never kept among a site's files "
            "(set XDG_CACHE_HOME to an absolute path outside it)"
        )
    return None


def seal_key(root: Path) -> bytes | None:
    """This user's key for sealing cache files, made on first use (None when there is nowhere
    to keep it, or only inside the site folder: the build then runs without a cache)."""
    if cache_folder_refusal(root) is not None:
        return None
    base = user_cache_folder()
    path = base / "cache-seal.key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(32))
        return path.read_bytes()
    except OSError:
        return None


def _seal(key: bytes, data: bytes) -> bytes:
    # BLAKE2 keyed by the secret is a MAC (RFC 7693), and twice as fast as HMAC-SHA256 here.
    return hashlib.blake2b(data, key=key[:64], digest_size=32).hexdigest().encode()


def _sealed(key: bytes, data: bytes) -> bytes:
    return _seal(key, data) + b"\n" + data


def _unsealed(key: bytes, data: bytes) -> bytes:
    seal, _, payload = data.partition(b"\n")
    if not hmac.compare_digest(seal, _seal(key, payload)):
        raise codec.CodecError("the seal does not match")
    return payload


def _dumps(table: str, value: Any) -> bytes:
    if table in CODED_TABLES:
        return codec.dumps(value)
    if table in TEXT_TABLES:
        return texts.pack(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _loads(table: str, data: bytes) -> Any:
    if table in CODED_TABLES:
        return codec.loads(data)
    if table in TEXT_TABLES:
        return texts.unpack(data)
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise codec.CodecError(str(error)) from None


_SMALL = ("stamps", "template_refs", "folders", "out")
"""The small tables, kept together in STATE_NAME as plain JSON (the stamps' tuples as lists)."""


def load_state(root: Path) -> BuildState:
    engine = engine_key()
    key = seal_key(root)
    folder = root / CACHE_DIRNAME / engine
    if key is None or _linked(root, folder):
        return BuildState(engine)
    try:
        small = _loads("state", _unsealed(key, _read_file(folder / STATE_NAME)))
        small["stamps"] = {path: tuple(stamp) for path, stamp in small["stamps"].items()}
        state = BuildState(engine, **{name: small[name] for name in _SMALL})
        for table in TABLES:
            loaded = TrackedDict(count=SHARDS[table])
            loaded.members = []
            for number in range(loaded.count):
                shard = _loads(table, _unsealed(key, _read_file(folder / f"{table}-{number:03d}.json")))
                if not isinstance(shard, dict):
                    raise codec.CodecError("a shard is not a table")
                dict.update(loaded, shard)
                loaded.members.append(shard)
            setattr(state, table, loaded)
    except (OSError, codec.CodecError, KeyError, TypeError, AttributeError):
        return BuildState(engine)  # missing, garbled, foreign: start cold
    return state


def _linked(root: Path, folder: Path) -> bool:
    """Whether the cache folder or its engine folder is a link (or not a folder): the cache
    then neither reads nor writes there, wherever it leads."""
    base = root / CACHE_DIRNAME
    return any(path.is_symlink() or (path.exists() and not path.is_dir()) for path in (base, folder))


MAX_CACHE_FILE_BYTES = 2_000_000_000


def _read_file(path: Path) -> bytes:
    """A cache file's bytes: a regular file, not a link, of a bounded size."""
    # O_NONBLOCK: opening a FIFO would otherwise wait for a writer before the check below.
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not (status.st_mode & 0o170000 == 0o100000) or status.st_size > MAX_CACHE_FILE_BYTES:
            raise codec.CodecError("not a cache file")
        return stream.read()


def save_state(root: Path, state: BuildState, tables: Collection[str] = TABLES) -> None:
    """The small state and the changed shards of `tables` (the others were written already)."""
    key = seal_key(root)
    folder = root / CACHE_DIRNAME / state.engine
    if key is None or not state.engine or _linked(root, folder):
        return
    try:
        write_tables(root, state.engine, table_shards(state, tables))
        folder.mkdir(parents=True, exist_ok=True)
        small = {name: getattr(state, name) for name in _SMALL}
        _write_atomically(folder / STATE_NAME, _sealed(key, _dumps("state", small)))
    except OSError:
        pass  # a read-only site folder builds fine, only without a cache


TableShards = list[tuple[str, int, dict[str, Any]]]


def table_shards(state: BuildState, tables: Collection[str] = TABLES) -> TableShards:
    """(table, shard number, contents) of every shard to write: a copy, taken now, that
    `write_tables` may write from another thread while the tables change."""
    return [
        (table, number, shard) for table in tables for number, shard in getattr(state, table).shards().items()
    ]


def write_tables(root: Path, engine: str, shards: TableShards) -> None:
    """Shard keys are content keys, so shards newer than state.json are still right: this
    may run while the output is being written, and a failed build may follow it."""
    key = seal_key(root)
    base = root / CACHE_DIRNAME
    folder = base / engine
    if key is None or _linked(root, folder):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(base / ".gitignore", b"*\n")  # replaces a link, never writes through it
        for stale in base.iterdir():
            if stale.is_dir() and not stale.is_symlink() and stale.name != engine:
                shutil.rmtree(stale, ignore_errors=True)
        for table, number, shard in shards:
            _write_atomically(folder / f"{table}-{number:03d}.json", _sealed(key, _dumps(table, shard)))
    except OSError:
        pass


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
