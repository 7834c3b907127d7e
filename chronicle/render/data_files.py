"""JSON data -> the bytes of an open data file (keys sorted, compact), whole or spliced from event pieces.

Shared by the files under data/ (events.json, its schema, events.csv, timelinejs.json,
events.ics): pure functions of the timeline, like every page, so the same content gives
the same bytes (keys sorted, events in timeline order, no build time anywhere).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from chronicle.model.dates import PartialDate
from chronicle.timeline.views import EventView

DATA_DIR = "data"

Json = dict[str, Any]

Piece = Callable[[EventView], bytes]
"""One event's part of a whole-timeline file, as UTF-8; the build passes cached ones.

Bytes, not text: a file is then joined from its pieces without decoding or encoding them."""

_HOLE = "\x00events\x00"


def dumps(data: object) -> bytes:
    """A whole JSON file, with its final newline."""
    # Compact, so the C encoder writes it: ten times faster than indented output at 20,000 events.
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def json_text(data: object) -> str:
    """One value as `dumps` writes it, without the newline: an event's piece."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def iso_or_none(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


def splice(document: Json, pieces: Iterable[bytes]) -> list[bytes]:
    """`dumps(document)` with its "events" list written from ready-made JSON pieces.

    Equal to dumping the whole document at once (same separators, sorted keys), but each
    event's piece can come from the cache. Content cannot hold the placeholder: control
    characters are refused at validation and escaped by JSON anyway.
    """
    text = json.dumps(
        {**document, "events": _HOLE}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    head, tail = text.split(json.dumps(_HOLE), 1)
    chunks = [head.encode("utf-8") + b"["]
    for number, piece in enumerate(pieces):
        if number:
            chunks.append(b",")
        chunks.append(piece)
    chunks.append(b"]" + tail.encode("utf-8") + b"\n")
    return chunks
