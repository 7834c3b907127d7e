"""JSON data -> the bytes of an open data file (keys sorted, compact), whole or spliced from event pieces.

Shared by the files under data/ (events.json, its schema, events.csv, timelinejs.json,
events.ics): pure functions of the timeline, like every page, so the same content gives
the same bytes (keys sorted, events in timeline order, no build time anywhere).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from chronicle.model.dates import PartialDate
from chronicle.model.records import Event
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


@dataclass(frozen=True)
class ExportedDates:
    """An event's dates as the data files give them (README, "Data files")."""

    edtf: str | None
    """The whole event in EDTF: "2025-06~", "2025-06-04/2025-06-09"; None for a span whose
    end is a range of days, which EDTF cannot join into one interval (see `date` and `end`)."""
    earliest: str | None
    """First day it may have begun (None: open, "on or before ...")."""
    latest: str | None
    """Last day it may have ended (None: open, "on or after ...")."""
    approximate: bool
    uncertain: bool


def event_dates(event: Event) -> ExportedDates:
    start, end = event.date, event.end
    if end is None:
        edtf: str | None = start.edtf
    elif start.ranged or end.ranged:
        edtf = None
    else:
        edtf = f"{start.edtf}/{end.edtf}"
    earliest = start.earliest()
    latest = (end or start).latest()
    both = (start,) if end is None else (start, end)
    return ExportedDates(
        edtf,
        earliest.isoformat() if earliest else None,
        latest.isoformat() if latest else None,
        any(date.approximate for date in both),
        any(date.uncertain for date in both),
    )


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
