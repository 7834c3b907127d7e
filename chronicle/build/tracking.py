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
import datetime
from collections.abc import Iterator, Mapping
from types import MethodType
from typing import Any

from markupsafe import Markup

from chronicle.build.keys import digest

LEAVES = (str, int, float, bool, type(None), datetime.date)
Read = tuple[str, str]
"""(identity, field) of one field read."""


def identity_of(value: object) -> str | None:
    """The identity of an identifiable view ("event:<slug>"), None for any other value."""
    return value.identity if _is_identifiable(type(value)) else None  # type: ignore[attr-defined]


def describe(value: object, refs: list[str] | None = None) -> str:
    """A text that changes whenever what a reader of `value` may see changes (see module doc);
    the identities it names are appended to `refs`."""
    kind = type(value)
    if kind in _LEAF_TYPES or kind is Markup:
        return repr(value)
    if _is_identifiable(kind):
        identity: str = value.identity  # type: ignore[attr-defined]
        if refs is not None:
            refs.append(identity)
        return "@" + identity
    if kind is tuple or kind is list:
        return "(" + ",".join([describe(item, refs) for item in value]) + ")"  # type: ignore[attr-defined]
    if isinstance(value, Mapping):
        items = sorted(value.items())
        return "{" + ",".join([f"{describe(key, refs)}:{describe(item, refs)}" for key, item in items]) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [describe(getattr(value, field.name), refs) for field in dataclasses.fields(value)]
        return kind.__name__ + "(" + ",".join(fields) + ")"
    if isinstance(value, tuple):  # a NamedTuple
        return kind.__name__ + "(" + ",".join([describe(item, refs) for item in value]) + ")"
    bound = getattr(value, "__self__", None)
    if callable(value) and bound is not None:  # a bound method: what it is bound to
        return f"{kind.__name__}.{getattr(value, '__name__', '')}:{describe(bound, refs)}"
    return repr(value)


_LEAF_TYPES = frozenset(LEAVES)
_IDENTIFIABLE: dict[type, bool] = {}


def _is_identifiable(kind: type) -> bool:
    known = _IDENTIFIABLE.get(kind)
    if known is None:
        known = _IDENTIFIABLE[kind] = isinstance(getattr(kind, "identity", None), property)
    return known


class Reads:
    """What renders read; a render's own reads are `taken()` when it is done."""

    def __init__(self) -> None:
        self.paths: set[Read] = set()

    def add(self, identity: str, field: str) -> None:
        self.paths.add((identity, field))

    def taken(self) -> set[Read]:
        taken, self.paths = self.paths, set()
        return taken


WHOLE = "*"
"""The field name of a read of a whole view (through one of its methods): its version."""


class Digests:
    """Digests of the fields read, each computed once per build: `of(identity, field)`."""

    def __init__(self, index: Mapping[str, object], versions: Mapping[str, str] | None = None) -> None:
        self.index = index
        self.versions = versions or {}
        self.known: dict[Read, str] = {}

    def of(self, identity: str, field: str) -> str:
        read = (identity, field)
        found = self.known.get(read)
        if found is None:
            if field == WHOLE:
                found = self.versions.get(identity, "gone")
            else:
                try:
                    # Half a digest: it only has to tell whether one field changed, and what
                    # every page read is kept (and read back) at each build.
                    found = digest(describe(getattr(self.index[identity], field)))[:16]
                except (KeyError, AttributeError):
                    found = "gone"
            self.known[read] = found
        return found


class Tracked:
    """An identifiable view as a render sees it: each field read is recorded in `reads` as
    (identity, field); what lies below the field is covered by that read (see `Inner`)."""

    __slots__ = ("_identity", "_reads", "_value")

    def __init__(self, value: object, identity: str, reads: Reads) -> None:
        self._value = value
        self._identity = identity
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._value, name)
        if type(value) is MethodType and value.__self__ is self._value:  # may read all of it
            self._reads.add(self._identity, WHOLE)
            return value
        self._reads.add(self._identity, name)
        return inner(value, self._reads)

    def __eq__(self, other: object) -> bool:
        return bool(self._value == unwrap(other))

    def __hash__(self) -> int:
        return hash(self._identity)

    def __str__(self) -> str:
        self._reads.add(self._identity, WHOLE)
        return str(self._value)

    def __repr__(self) -> str:
        return f"Tracked({self._identity!r})"


class Inner:
    """A value below a field already recorded: nothing more to record, except through the
    identifiable views it holds (tracked in their own right)."""

    __slots__ = ("_reads", "_value")

    def __init__(self, value: object, reads: Reads) -> None:
        self._value = value
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._value, name)
        return value if callable(value) and not isinstance(value, type) else inner(value, self._reads)

    def __getitem__(self, key: Any) -> Any:
        return inner(self._value[key], self._reads)  # type: ignore[index]

    def __iter__(self) -> Iterator[Any]:
        reads = self._reads
        return (inner(item, reads) for item in self._value)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._value)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self._value)

    def __contains__(self, item: object) -> bool:
        return unwrap(item) in self._value  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return bool(self._value == unwrap(other))

    def __hash__(self) -> int:
        return hash(self._value)

    def __str__(self) -> str:
        return str(self._value)

    def __repr__(self) -> str:
        return f"Inner({self._value!r})"


def inner(value: object, reads: Reads) -> Any:
    """`value` as a render sees it below a recorded read."""
    kind = type(value)
    if kind in _LEAF_TYPES or kind is Markup:
        return value
    if _is_identifiable(kind):
        return Tracked(value, value.identity, reads)  # type: ignore[attr-defined]
    if kind is dict:
        return {key: inner(item, reads) for key, item in value.items()}  # type: ignore[attr-defined]
    if isinstance(value, LEAVES):
        return value
    return Inner(value, reads)


PROXY_TYPES = (Tracked, Inner)


def unwrap(value: object) -> Any:
    """The view under a proxy (for code that needs the object itself, such as `card`)."""
    return value._value if isinstance(value, Tracked | Inner) else value


def tracked_of(value: object) -> str | None:
    """The identity of a tracked view, None for anything else."""
    return value._identity if isinstance(value, Tracked) else None


def track(values: Mapping[str, object], reads: Reads) -> dict[str, Any]:
    """A render's variables as it sees them: views tracked; other values as they are."""
    return {name: inner(value, reads) for name, value in values.items()}


Recorded = dict[str, dict[str, str]]
"""identity -> {field: digest}: what one render read, as digests."""


def record(reads: set[Read], digests: Digests) -> Recorded:
    recorded: Recorded = {}
    for identity, path in sorted(reads):
        recorded.setdefault(identity, {})[path] = digests.of(identity, path)
    return recorded


def still_true(
    recorded: Recorded,
    versions: Mapping[str, str],
    seen: Mapping[str, str],
    digests: Digests,
) -> bool:
    """Whether every value a render read is as it was: a view whose version is the one it
    had then (`seen`) is skipped; the others are read again, value by value."""
    for identity, paths in recorded.items():
        version = versions.get(identity)
        if version is None:
            return False
        if version == seen.get(identity):
            continue
        if any(digests.of(identity, path) != value for path, value in paths.items()):
            return False
    return True
