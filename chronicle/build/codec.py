"""Cached values <-> JSON: data only, never code.

The cache lives in the site folder, where a contributor could commit a crafted copy, so it
holds nothing that runs when read (no pickle, no marshal): plain JSON, in which a model
object is written as its class name (one of `CLASSES`, a fixed list) and its fields. A
name not on the list, or fields that do not fit, make the whole entry unreadable, and the
build then makes it again.

Forms: text, numbers, true/false/null as they are; a JSON object is a dict with text
keys; a list starts with a tag: ["t", ...] a tuple, ["l", ...] a list, ["b", text] bytes
(UTF-8, with surrogateescape), ["d", "YYYY-MM-DD"] a date, ["o", name, field, ...] an object.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import Diagnostic, Mark
from chronicle.model.event_dates import EventDate
from chronicle.model.records import (
    Article,
    ArticleSource,
    Change,
    Claim,
    ClaimValue,
    Event,
    EventLink,
    ExternalSource,
    FieldChange,
    ImageMedia,
    QuoteSpan,
    RemoteMedia,
)

CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Article,
        ArticleSource,
        Change,
        Claim,
        ClaimValue,
        Diagnostic,
        Event,
        EventDate,
        EventLink,
        ExternalSource,
        FieldChange,
        ImageMedia,
        Mark,
        PartialDate,
        QuoteSpan,
        RemoteMedia,
    )
}


# Field names of each dataclass: an object is made by setting each field (as a frozen
# dataclass's __init__ does, without its call). Not by filling its __dict__: that makes a
# dict apart from the object, which a read of a field then reaches too, and a pass over the
# 20,000 events of a session's cache (each save's rebuild makes a dozen) took 5 times as long.
_FIELDS = {
    name: tuple(field.name for field in dataclasses.fields(cls))
    for name, cls in CLASSES.items()
    if dataclasses.is_dataclass(cls)
}


class CodecError(ValueError):
    """A cached entry that is not one this codec writes."""


def encode(value: Any) -> Any:
    """`value` in the JSON-able form above."""
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool or kind is float:
        return value
    if kind is bytes:
        return ["b", value.decode("utf-8", "surrogateescape")]
    if isinstance(value, tuple):
        if type(value).__name__ in CLASSES:  # a NamedTuple of the model (Mark)
            return ["o", type(value).__name__, *map(encode, value)]
        return ["t", *map(encode, value)]
    if isinstance(value, list):
        return ["l", *map(encode, value)]
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return ["b", value.decode("utf-8", "surrogateescape")]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    name = type(value).__name__
    if CLASSES.get(name) is type(value) and dataclasses.is_dataclass(value):
        return ["o", name, *(encode(getattr(value, field.name)) for field in dataclasses.fields(value))]
    raise CodecError(f"cannot cache a {name}")


_PLAIN = frozenset((str, int, float, bool, type(None)))
"""Types JSON gives as they are: most values of an entry, decoded without a call each."""


def decode(data: Any) -> Any:
    """The value `encode` wrote; CodecError for anything else."""
    kind = type(data)
    if kind in _PLAIN:
        return data
    if kind is dict:
        return {key: item if type(item) in _PLAIN else decode(item) for key, item in data.items()}
    if kind is not list or not data:
        raise CodecError("unknown form")
    tag = data[0]
    if tag == "t":
        return tuple([item if type(item) in _PLAIN else decode(item) for item in data[1:]])
    if tag == "o" and len(data) >= 2 and data[1] in CLASSES:
        return _make(data[1], [item if type(item) in _PLAIN else decode(item) for item in data[2:]])
    if tag == "l":
        return [item if type(item) in _PLAIN else decode(item) for item in data[1:]]
    if tag == "b" and len(data) == 2 and isinstance(data[1], str):
        return data[1].encode("utf-8", "surrogateescape")
    if tag == "d" and len(data) == 2 and isinstance(data[1], str):
        try:
            return datetime.date.fromisoformat(data[1])
        except ValueError as error:
            raise CodecError(str(error)) from None
    raise CodecError("unknown form")


def _make(name: str, values: list[Any]) -> Any:
    cls = CLASSES[name]
    names = _FIELDS.get(name)
    if names is None:  # a NamedTuple
        try:
            return cls(*values)
        except TypeError as error:
            raise CodecError(str(error)) from None
    if len(values) != len(names):
        raise CodecError(f"{name} takes {len(names)} fields, not {len(values)}")
    made: Any = object.__new__(cls)
    for field_name, value in zip(names, values, strict=True):
        _set(made, field_name, value)
    return made


_set = object.__setattr__


def dumps(value: Any) -> bytes:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def loads(data: bytes) -> Any:
    try:
        return decode(json.loads(data))
    except (ValueError, RecursionError) as error:
        raise CodecError(str(error)) from None
