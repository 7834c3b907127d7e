"""Event files at past commits -> what each correction changed, field by field.

Both revisions of every correction (the file's content before and after the commit, by the
blob ids `git log --raw` gives) are read with one `git cat-file --batch`, parsed as the build
parses a site file (aliases refused, size and depth bounded), and compared top-level field
by field. A revision that does not parse, or a file missing on one side (deleted, or added
again), gives the correction no detail. A pair of blobs compared once need not be compared
again: the build keeps what each pair changed (build.load).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.field_words import ODD_FIELD_NAME
from chronicle.model.records import FieldChange
from chronicle.source.history import (
    Blobs,
    EventHistory,
    FileHistory,
    GitHistory,
    corrections,
    event_history,
    no_blob,
)
from chronicle.source.load import MAX_YAML_BYTES, YamlMap, YamlNode, YamlScalar, parse_yaml

Fields = tuple[FieldChange, ...] | None
Plain = str | tuple["Plain", ...] | frozenset[tuple[str, "Plain"]] | None
"""A YAML value without its marks: text, a sequence (tuple), a mapping (frozenset of pairs)."""

GIT_TIMEOUT = 60
READ_CHUNK = 1 << 20


def event_histories(
    root: Path,
    relpaths: Iterable[str],
    git: GitHistory,
    known: Mapping[str, Fields] | None = None,
    compare: bool = True,
) -> tuple[dict[str, EventHistory], dict[str, Fields]]:
    """Each event file's history, every correction with what it changed (files git does not
    know are left out); and what each pair of revisions compared changed, by `pair_key`.
    `known` gives pairs compared before (the cache's): only the others are read, all of
    them by one git process; none when not `compare` (`check`, which shows no page)."""
    files = git.files or {}
    found = [relpath for relpath in relpaths if relpath in files]
    wanted = {relpath: _corrected_blobs(files[relpath]) for relpath in found}
    pairs = [pair for each in wanted.values() for pair in each.values()] if compare else []
    compared = changed_fields(root, pairs, known)
    histories = {
        relpath: event_history(
            files[relpath], {sha: compared.get(pair_key(*pair)) for sha, pair in wanted[relpath].items()}
        )
        for relpath in found
    }
    return histories, compared


def _corrected_blobs(record: FileHistory) -> dict[str, Blobs]:
    """Full commit id -> the file's content before and after it, for each correction."""
    blobs = dict(zip(record.commits, record.blobs, strict=False))
    return {commit.sha: blobs[commit] for commit in corrections(record) if commit in blobs}


def pair_key(before: str, after: str) -> str:
    return f"{before}:{after}"


def changed_fields(
    root: Path, pairs: Iterable[Blobs], known: Mapping[str, Fields] | None = None
) -> dict[str, Fields]:
    """What changed from the first revision of each pair to the second, by `pair_key`: from
    `known`, else compared now. A pair whose revisions git did not give is left out (git
    failing is no answer: it is asked again next time)."""
    known = known or {}
    result: dict[str, Fields] = {}
    todo: list[Blobs] = []
    seen: set[str] = set()
    for before, after in pairs:
        key = pair_key(before, after)
        if key in seen:
            continue
        seen.add(key)
        if no_blob(before) or no_blob(after):
            result[key] = None  # the file added again, or deleted
        elif key in known:
            result[key] = known[key]
        else:
            todo.append((before, after))
    if not todo:
        return result
    contents = read_blobs(root, sorted({blob for pair in todo for blob in pair}))
    plain_of: dict[str, dict[str, Plain] | None] = {}  # a revision is parsed once

    def fields_of(blob: str) -> dict[str, Plain] | None:
        if blob not in plain_of:
            plain_of[blob] = top_level(contents[blob], blob)
        return plain_of[blob]

    for before, after in todo:
        if before in contents and after in contents:
            old, new = fields_of(before), fields_of(after)
            result[pair_key(before, after)] = None if old is None or new is None else field_changes(old, new)
    return result


def read_blobs(root: Path, blobs: Sequence[str]) -> dict[str, bytes | None]:
    """Blob id -> its bytes (None above MAX_YAML_BYTES, which are not kept in memory), for
    each of `blobs` git has, read by one `git cat-file --batch`; nothing when git fails."""
    command = ["git", "-C", str(root), "cat-file", "--batch"]
    with tempfile.TemporaryFile() as asked:
        asked.write("".join(blob + "\n" for blob in blobs).encode("ascii", "replace"))
        asked.seek(0)
        try:
            process = subprocess.Popen(
                command, stdin=asked, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except (OSError, subprocess.SubprocessError):
            return {}
        timer = threading.Timer(GIT_TIMEOUT, process.kill)  # git stuck: no answer at all
        timer.start()
        try:
            assert process.stdout is not None
            with process.stdout:
                found = _read_batch(process.stdout, blobs)
        finally:
            timer.cancel()
            _finish(process)
    return found if process.returncode == 0 else {}


def _finish(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _read_batch(stream: IO[bytes], blobs: Sequence[str]) -> dict[str, bytes | None]:
    """cat-file's answers, one per blob asked in order: `<id> <type> <size>` and the content,
    or `<id> missing`."""
    found: dict[str, bytes | None] = {}
    for blob in blobs:
        header = stream.readline().split()
        if len(header) == 2 and header[1] in (b"missing", b"ambiguous"):
            continue
        if len(header) != 3 or not header[2].isdigit():
            break  # not cat-file's answer: stop reading (git's exit status tells)
        size = int(header[2])
        if size > MAX_YAML_BYTES:
            _skip(stream, size + 1)
            data = None
        else:
            data = stream.read(size + 1)[:size]
        if header[1] == b"blob":
            found[blob] = data
    return found


def _skip(stream: IO[bytes], size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, READ_CHUNK))
        if not chunk:
            return
        size -= len(chunk)


def top_level(data: bytes | None, relpath: str) -> dict[str, Plain] | None:
    """An event file's top-level fields without marks (null ones left out); None for a file
    that is too large, not UTF-8, not YAML or not a mapping."""
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    problems = Diagnostics()
    node = parse_yaml(text, relpath, problems)
    if problems.has_errors or not isinstance(node, YamlMap):
        return None
    fields = {key.value: plain(value) for key, value in node.entries}
    return {name: value for name, value in fields.items() if value is not None}


def plain(node: YamlNode) -> Plain:
    """A value as compared: quoting and layout do not count, nor the order of a mapping's keys."""
    if isinstance(node, YamlScalar):
        return None if node.is_null else node.value
    if isinstance(node, YamlMap):
        return frozenset((key.value, plain(value)) for key, value in node.entries)
    return tuple(plain(item) for item in node.items)


def field_changes(old: Mapping[str, Plain], new: Mapping[str, Plain]) -> tuple[FieldChange, ...]:
    """The fields that differ: in the new revision's order, then those it removed (at most
    MAX_FIELDS named, the rest counted)."""
    changes = []
    for name, value in new.items():
        if name not in old:
            changes.append(FieldChange(_named(name), "added"))
        elif old[name] != value:
            changes.append(_changed(_named(name), old[name], value))
    changes += [FieldChange(_named(name), "removed") for name in old if name not in new]
    if len(changes) > MAX_FIELDS:
        rest = len(changes) - MAX_FIELDS + 1
        changes[MAX_FIELDS - 1 :] = [FieldChange(f"{rest} other fields", "changed")]
    return tuple(changes)


MAX_FIELDS = 20
"""An event has about fifteen fields: an old revision with more is named in part."""
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,39}")


def _named(name: str) -> str:
    """A field's name as pages show it: one no event could have (an old revision is not
    checked) is not shown."""
    return name if _FIELD_NAME.fullmatch(name) else ODD_FIELD_NAME


def _changed(name: str, old: Plain, new: Plain) -> FieldChange:
    """A list's items counted: those gone and those new, each gone one paired with a new one
    as changed in place."""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return FieldChange(name, "changed")
    before, after = Counter(old), Counter(new)
    gone, added = (before - after).total(), (after - before).total()
    paired = min(gone, added)
    return FieldChange(name, "changed", added - paired, gone - paired, paired)
