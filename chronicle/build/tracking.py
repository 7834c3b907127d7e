"""Read tracking: what one render reads of the frozen views, recorded as the render's dependencies.

Templates are handed the whole timeline, so a page's key cannot digest what it is given:
any edit would then re-render every page. Instead each identifiable view handed to a
render (an object with an `identity`, such as "event:<slug>") is wrapped in a `Tracked`
proxy that records every field the render reads of it, as (identity, field). Once the
render is done, each field read is digested (`record`) and kept with the output; the next
build reads exactly those fields again (`still_true`) wherever the view's version changed
(build.versions), and re-renders only when one differs: Sphinx's `note_dependency`, at the
granularity of a view's fields.

A field's value is digested by `describe`: a leaf (text, number, date) by its repr, an
identifiable view inside it by its identity only (what is read of that view is recorded
under its own identity, as the proxy hands it over tracked), anything else in full. A
method of the view itself may read all of it: calling one records the view's version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from sys import intern

from markupsafe import Markup

from chronicle.build.keys import digest
from chronicle.build.proxies import (
    LEAVES,
    PROXY_TYPES,
    WHOLE,
    Read,
    Reads,
    Tracked,
    identity_of,
    inner,
    is_identifiable,
    track,
    tracked_of,
    unwrap,
)

__all__ = [
    "PROXY_TYPES",
    "WHOLE",
    "Digests",
    "Memo",
    "Read",
    "Reads",
    "Recorded",
    "Tracked",
    "describe",
    "identity_of",
    "inner",
    "record",
    "still_true",
    "track",
    "tracked_of",
    "unwrap",
]


Memo = dict[int, tuple[object, str, list[str]]]
"""id -> (a long tuple, its description, the identities it names): many pages and views are
handed the same one (the links to every part of a list, every listing), described once per
build rather than once per holder."""

MEMO_FROM = 16
"""Tuples this long or longer are described once per memo."""


def describe(value: object, refs: list[str] | None = None, memo: Memo | None = None) -> str:
    """A text that changes whenever what a reader of `value` may see changes (see module doc);
    the identities it names are appended to `refs`. With `memo`, a long tuple is described
    once, however often it is met: the memo keeps it, so its id stays its own."""
    kind = type(value)
    if kind in _LEAF_TYPES:
        return repr(value)
    if is_identifiable(kind):
        identity: str = value.identity  # type: ignore[attr-defined]
        if refs is not None:
            refs.append(identity)
        return "@" + identity
    if kind is tuple or kind is list:
        items: tuple[object, ...] = value  # type: ignore[assignment]
        if memo is not None and kind is tuple and len(items) >= MEMO_FROM:
            found = memo.get(id(items))
            if found is None:
                named: list[str] = []
                found = memo[id(items)] = (
                    items,
                    "(" + ",".join(_describe_items(items, named, memo)) + ")",
                    named,
                )
            if refs is not None:
                refs.extend(found[2])
            return found[1]
        return "(" + ",".join(_describe_items(items, refs, memo)) + ")"
    names = _field_names(kind)
    if names is not None:  # a dataclass
        fields = _describe_items([getattr(value, name) for name in names], refs, memo)
        return kind.__name__ + "(" + ",".join(fields) + ")"
    # A mapping in its own order: a theme looping over one (`site.actors.values()`) shows its
    # items in that order, which an edit can change (entities.yaml's lines swapped).
    if kind is dict and all(type(key) is str for key in value):  # type: ignore[attr-defined]
        # A page's variables: the same text as below, without describing each key as an item.
        mapping: dict[str, object] = value  # type: ignore[assignment]
        described = [repr(key) + ":" + describe(item, refs, memo) for key, item in mapping.items()]
        return "{" + ",".join(described) + "}"
    if isinstance(value, Mapping):
        pairs = list(value.items())
        keys, described = (
            _describe_items([key for key, _ in pairs], refs, memo),
            _describe_items([i for _, i in pairs], refs, memo),
        )
        return "{" + ",".join([f"{key}:{item}" for key, item in zip(keys, described, strict=True)]) + "}"
    if isinstance(value, tuple):  # a NamedTuple
        return kind.__name__ + "(" + ",".join([describe(item, refs, memo) for item in value]) + ")"
    bound = getattr(value, "__self__", None)
    if callable(value) and bound is not None:  # a bound method: what it is bound to
        return f"{kind.__name__}.{getattr(value, '__name__', '')}:{describe(bound, refs, memo)}"
    return repr(value)


def _describe_items(
    items: tuple[object, ...] | list[object], refs: list[str] | None, memo: Memo | None = None
) -> list[str]:
    """`describe` of each item, the views among them (most items of most tuples: a month's
    events, a listing's) without a call each."""
    described = []
    for item in items:
        kind = type(item)
        if kind in _LEAF_TYPES:
            described.append(repr(item))
        elif is_identifiable(kind):
            identity: str = item.identity  # type: ignore[attr-defined]
            if refs is not None:
                refs.append(identity)
            described.append("@" + identity)
        else:
            described.append(describe(item, refs, memo))
    return described


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass (found once per type: `dataclasses.fields` builds its
    tuple anew at every call), None for any other type."""
    try:
        return _FIELD_NAMES[kind]
    except KeyError:
        names = None
        if dataclasses.is_dataclass(kind) and not issubclass(kind, Mapping):
            names = tuple(field.name for field in dataclasses.fields(kind))
        _FIELD_NAMES[kind] = names
        return names


_LEAF_TYPES = frozenset((*LEAVES, Markup))

DIGEST_LENGTH = 16
"""Hex digits of a read's digest: it only has to tell whether what was read changed, and
what every page read is kept (and read back) at each build."""


class Digests:
    """Digests of the fields read: `of(identity, field)`, and of a view's fields read
    together, `together(identity, "field,field")`, the latter computed once per build."""

    def __init__(self, index: Mapping[str, object], versions: Mapping[str, str] | None = None) -> None:
        self.index = index
        self.versions = versions or {}
        self.known: dict[Read, str] = {}
        """(identity, fields) -> `recorded`: one string for every record of the same read
        (at 20,000 events, 788,000 entries of 171,000 reads)."""

    def of(self, identity: str, field: str) -> str:
        # Not kept: at 20,000 events each process's render kept a digest of 500,000 fields,
        # most of them read in one combination only (`together` keeps that).
        if field == WHOLE:
            return self.versions.get(identity, "gone")
        try:
            return _short(describe(getattr(self.index[identity], field)))
        except (KeyError, AttributeError):
            return "gone"

    def recorded(self, identity: str, fields: str) -> str:
        """`together` followed by the fields' names, as a record keeps it."""
        read = (identity, fields)
        found = self.known.get(read)
        if found is None:
            of = self.of
            found = digest(*[of(identity, field) for field in fields.split(",")])[:DIGEST_LENGTH] + fields
            self.known[read] = found
        return found

    def together(self, identity: str, fields: str) -> str:
        """One digest of the fields (names joined by commas, sorted) of a view."""
        return self.recorded(identity, fields)[:DIGEST_LENGTH]


def _short(description: str) -> str:
    # A short description is its own digest (marked apart from "gone" and from digests):
    # hashing the many one-word fields (slugs, titles, dates) cost more than all the rest.
    return "=" + description if len(description) <= 2 * DIGEST_LENGTH else digest(description)[:DIGEST_LENGTH]


Recorded = dict[str, str]
"""identity -> the digest of the fields one render read of that view (DIGEST_LENGTH
digits), then their names, sorted and joined by commas: what one render read."""


def record(
    reads: Mapping[str, Collection[str]] | Collection[Read],
    digests: Digests,
    prior: Recorded | None = None,
    changed: Collection[str] = (),
) -> Recorded:
    """What a render read (`Reads.by_view()`, or (identity, field) pairs), as digests.

    `prior`: what the last render of the same output read, as the last build kept it (each
    of its digests then held); the digest of the same fields of a view not `changed` since
    is taken from it rather than computed (the home page reads every event's fields).
    """
    if not isinstance(reads, Mapping):
        grouped: dict[str, set[str]] = {}
        for identity, field in reads:
            grouped.setdefault(identity, set()).add(field)
        reads = grouped
    recorded: Recorded = {}
    for identity in sorted(reads):
        fields = reads[identity]
        if not fields:
            continue  # a view handed over, nothing of it read
        names = ",".join(sorted(fields))
        if names.count(",") >= len(fields):  # a name that would not split back: all of it
            names = ",".join(sorted({WHOLE, *(field for field in fields if "," not in field)}))
        kept = prior.get(identity) if prior is not None and identity not in changed else None
        # One copy of each identity however many records name it: a build holds them all.
        if kept is not None and kept[DIGEST_LENGTH:] == names:
            recorded[intern(identity)] = kept
        else:
            recorded[intern(identity)] = digests.recorded(identity, names)
    return recorded


def still_true(
    recorded: Recorded,
    versions: Mapping[str, str],
    seen: Mapping[str, str],
    digests: Digests,
) -> bool:
    """Whether every value a render read is as it was: a view whose version is the one it
    had then (`seen`) is skipped; the others are read again, value by value."""
    together = digests.together
    for identity, value in recorded.items():
        version = versions.get(identity)
        if version is None:
            return False
        if version == seen.get(identity):
            continue
        if together(identity, value[DIGEST_LENGTH:]) != value[:DIGEST_LENGTH]:
            return False
    return True


class Checks:
    """`still_true` for the many records of one build, once its versions are final: the views
    whose version changed (or that are new) are found once, and each record is then matched
    against them by set operations."""

    def __init__(self, versions: Mapping[str, str], seen: Mapping[str, str], digests: Digests) -> None:
        self.versions = versions
        self.changed = {identity for identity, version in versions.items() if seen.get(identity) != version}
        self.unchanged = versions.keys() - self.changed
        self.digests = digests

    def still_true(self, recorded: Recorded) -> bool:
        if recorded.keys() <= self.unchanged:  # most records, in one test
            return True
        if not recorded.keys() <= self.versions.keys():  # a view that is gone
            return False
        together = self.digests.together
        for identity in recorded.keys() & self.changed:
            value = recorded[identity]
            if together(identity, value[DIGEST_LENGTH:]) != value[:DIGEST_LENGTH]:
                return False
        return True
