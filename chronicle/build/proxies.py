"""The proxies a render sees the views through: each field read of an identifiable view is
recorded in a `Reads` (see build.tracking for what is done with the reads).

`Tracked` wraps an identifiable view (an object with an `identity`, such as
"event:<slug>") and records each field read of it; `Inner` wraps a value below a field
already recorded, and only hands the identifiable views it holds over tracked.

Why a class per view type: a template reads half a million fields in a cold build. A name
a class lacks costs Python a failed lookup and an AttributeError before `__getattr__` runs;
a property per public name of the view's class (made once per type, on first sight) is
five times faster. Names the class does not show (set on the instance alone, or missing)
still go through `__getattr__`, with the same rules.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from types import MethodType
from typing import Any

from markupsafe import Markup

LEAVES = (str, int, float, bool, type(None), datetime.date)
Read = tuple[str, str]
"""(identity, field) of one field read."""

WHOLE = "*"
"""The field name of a read of a whole view (through one of its methods): its version."""

# Values handed to a template as they are: a leaf cannot lead to any view.
_LEAF_TYPES = frozenset((*LEAVES, Markup))
_IDENTIFIABLE: dict[type, bool] = {}


def is_identifiable(kind: type) -> bool:
    known = _IDENTIFIABLE.get(kind)
    if known is None:
        known = _IDENTIFIABLE[kind] = isinstance(getattr(kind, "identity", None), property | cached_property)
    return known


def identity_of(value: object) -> str | None:
    """The identity of an identifiable view ("event:<slug>"), None for any other value."""
    return value.identity if is_identifiable(type(value)) else None  # type: ignore[attr-defined]


class Reads:
    """What renders read: the fields read of each view, by identity; a render's own reads
    are taken when it is done (`by_view`, or `taken` as (identity, field) pairs)."""

    __slots__ = ("views",)

    def __init__(self) -> None:
        self.views: dict[str, set[str]] = {}

    def fields(self, identity: str) -> set[str]:
        """The set the fields read of `identity` go in (a proxy keeps it: one add per read)."""
        found = self.views.get(identity)
        if found is None:
            found = self.views[identity] = set()
        return found

    def add(self, identity: str, field: str) -> None:
        self.fields(identity).add(field)

    def by_view(self) -> dict[str, set[str]]:
        taken, self.views = self.views, {}
        return taken

    def taken(self) -> set[Read]:
        return {(identity, field) for identity, fields in self.by_view().items() for field in fields}


class Tracked:
    """An identifiable view as a render sees it: each field read is recorded in `reads` as
    (identity, field); what lies below the field is covered by that read (see `Inner`)."""

    __slots__ = ("_fields", "_identity", "_reads", "_value")

    def __init__(self, value: object, reads: Reads) -> None:
        self._value = value
        self._identity: str = value.identity  # type: ignore[attr-defined]
        self._reads = reads
        fields = reads.views.get(self._identity)  # Reads.fields, inline: a proxy per view shown
        if fields is None:
            fields = reads.views[self._identity] = set()
        self._fields = fields

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._value, name)
        if type(value) is MethodType and value.__self__ is self._value:  # may read all of it
            self._fields.add(WHOLE)
            return value
        self._fields.add(name)
        return inner(value, self._reads)

    def __eq__(self, other: object) -> bool:
        return bool(self._value == unwrap(other))

    def __hash__(self) -> int:
        return hash(self._identity)

    def __str__(self) -> str:
        self._fields.add(WHOLE)
        return str(self._value)

    def __repr__(self) -> str:  # |pprint, or a list of views printed: all of it shows
        self._fields.add(WHOLE)
        return repr(self._value)


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

    def __json__(self) -> Any:
        """For `|tojson` (render.theme): the value, which JSON then writes as it would have."""
        return list(self._value) if isinstance(self._value, tuple) else self._value

    def __add__(self, other: object) -> Any:  # `tags + more`, as the value itself adds
        return inner(self._value + unwrap(other), self._reads)

    def __radd__(self, other: object) -> Any:  # `more + tags`, |sum(start=[]) of fields
        return inner(unwrap(other) + self._value, self._reads)

    def __str__(self) -> str:
        read_whole_views(self._value, self._reads)
        return str(self._value)

    def __repr__(self) -> str:
        read_whole_views(self._value, self._reads)
        return repr(self._value)


def read_whole_views(value: object, reads: Reads) -> None:
    """Record a read of the whole of every view `value` holds, however deep: printed, a tuple
    or a record shows each view in it in full (its fields, and the views it names in turn,
    which its version covers)."""
    pending, seen = [value], set[int]()
    while pending:
        current = pending.pop()
        kind = type(current)
        if kind in _LEAF_TYPES or id(current) in seen:
            continue
        seen.add(id(current))
        if is_identifiable(kind):
            reads.add(current.identity, WHOLE)  # type: ignore[attr-defined]
        elif isinstance(current, tuple | list | set | frozenset):
            pending.extend(current)
        elif isinstance(current, Mapping):
            pending.extend([*current.keys(), *current.values()])
        elif dataclasses.is_dataclass(current) and not isinstance(current, type):
            pending.extend(getattr(current, field.name) for field in dataclasses.fields(current))


PROXY_TYPES: set[type] = {Tracked, Inner}
"""Every proxy class, those made per view type included (the set grows as they are made):
the theme's sandbox lets their attributes through (render.theme)."""

_PROXIES: dict[type, Callable[[Any, Reads], Any]] = {}
"""Value type -> the proxy class a render sees it through (made on first sight)."""


def inner(value: object, reads: Reads) -> Any:
    """`value` as a render sees it below a recorded read."""
    kind = type(value)
    if kind in _LEAF_TYPES:
        return value
    proxy = _PROXIES.get(kind)
    if proxy is not None:
        return proxy(value, reads)
    if kind is dict:
        return {key: inner(item, reads) for key, item in value.items()}  # type: ignore[attr-defined]
    if isinstance(value, LEAVES):
        return value
    return _proxy_class(kind)(value, reads)


def _proxy_class(kind: type) -> Callable[[Any, Reads], Any]:
    """The proxy class for values of `kind`: a property per public name its class shows."""
    tracked = is_identifiable(kind)
    base: type = Tracked if tracked else Inner
    if kind in (tuple, list) or kind.__module__ == "builtins":
        made: type = base  # nothing worth a class of its own
    else:
        reader = _tracked_reader if tracked else _inner_reader
        namespace: dict[str, Any] = {"__slots__": ()}
        for name in _public_names(kind):
            namespace[name] = property(reader(name))
        made = type(f"{base.__name__}{kind.__name__}", (base,), namespace)
        PROXY_TYPES.add(made)
    _PROXIES[kind] = made
    return made


def _public_names(kind: type) -> list[str]:
    fields = [field.name for field in dataclasses.fields(kind)] if dataclasses.is_dataclass(kind) else []
    names = {*fields, *(name for name in dir(kind) if not name.startswith("_"))}
    return sorted(name for name in names if not name.startswith("_") and name.isidentifier())


def _tracked_reader(name: str) -> Callable[[Tracked], Any]:
    """`Tracked.__getattr__` for one name, a leaf handed over at once."""

    def read(self: Tracked) -> Any:
        value = getattr(self._value, name)
        kind = type(value)
        if kind in _LEAF_TYPES:
            self._fields.add(name)
            return value
        if kind is MethodType and value.__self__ is self._value:  # may read all of it
            self._fields.add(WHOLE)
            return value
        self._fields.add(name)
        return inner(value, self._reads)

    return read


def _inner_reader(name: str) -> Callable[[Inner], Any]:
    """`Inner.__getattr__` for one name."""

    def read(self: Inner) -> Any:
        value = getattr(self._value, name)
        if type(value) in _LEAF_TYPES:
            return value
        return value if callable(value) and not isinstance(value, type) else inner(value, self._reads)

    return read


def unwrap(value: object) -> Any:
    """The view under a proxy (for code that needs the object itself, such as `card`)."""
    return value._value if isinstance(value, Tracked | Inner) else value


def tracked_of(value: object) -> str | None:
    """The identity of a tracked view, None for anything else."""
    return value._identity if isinstance(value, Tracked) else None


def track(values: Mapping[str, object], reads: Reads) -> dict[str, Any]:
    """A render's variables as it sees them: views tracked; other values as they are."""
    return {name: inner(value, reads) for name, value in values.items()}
