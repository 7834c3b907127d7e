"""Keys a session made in its last run, reused where their inputs are equal: a session that
builds again (the preview server's) digests only what an edit changed. Kept in memory only
(BuildState.recent), never saved: the inputs are live objects, compared, not digested."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

Recent = dict[str, tuple[tuple[object, ...], str]]
"""Name -> (the inputs, the key made from them)."""


def again(recent: Recent, name: str, inputs: tuple[object, ...], make: Callable[[], str]) -> str:
    """`make()`, a key of `name` made from `inputs`, unless `recent` holds one made from equal
    inputs (`make` must depend on nothing else)."""
    found = recent.get(name)
    if found is not None and found[0] == inputs:
        return found[1]
    key = make()
    recent[name] = (inputs, key)
    return key


def keep_only(recent: Recent, names: Collection[str]) -> None:
    """Forgets the keys of names no longer in use (a deleted file, a renamed event)."""
    for name in recent.keys() - names:
        del recent[name]


@dataclass(frozen=True)
class KeptOrder:
    """The site's order as a session's last run made it (build.load): from `events` (in the
    order their files were read) and the slugs of the files with errors (`failed`), the
    position in `events` of each event in order, and the problems found on the way."""

    events: tuple[Any, ...]
    failed: frozenset[str]
    positions: tuple[int, ...]
    problems: tuple[Any, ...]


@dataclass(frozen=True)
class KeptVersions:
    """The events' versions as a session's last run made them (build.versions), with what
    they were made of: each event's record key, the entities' digests, the relations."""

    records: dict[str, str]
    entities: dict[str, str]
    linked: Any
    versions: dict[str, str]
