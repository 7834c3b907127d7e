"""Timeline -> search-index.json: per event, the folded words a reader may search for, built once per build.

A compact JSON index that the timeline page's script (templates/assets/timeline.js) loads
the first time a reader types in the search box; no server, no external tool. Text is
folded as quotes are matched (chronicle.source.quotes.normalise: case, whitespace, typographic
quotes and dashes), and accents are dropped, so "Kyiv’s" finds "kyiv's" and "Sergei"
finds "Sérgei". The script folds the query the same way (its `fold` mirrors `fold` here).

Format, version 1: {"version": 1, "events": [{"id": slug, "title", "date", "path", "text"}]},
events in timeline order, keys sorted, no whitespace: the same content gives the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator

from chronicle.source.quotes import fold as fold_quote_form
from chronicle.timeline.views import EventView, Timeline

INDEX_PATH = "search-index.json"
INDEX_VERSION = 1

_COMBINING_ACCENTS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """The search form of a text: normalised as quotes are, accents dropped, then recomposed."""
    decomposed = unicodedata.normalize("NFKD", fold_quote_form(text))
    return unicodedata.normalize("NFC", _COMBINING_ACCENTS.sub("", decomposed))


def searchable_parts(view: EventView) -> Iterator[str]:
    """Everything a reader may search an event by: title, summary, date, actors, places, tags, quotes."""
    yield view.title
    yield view.summary_text
    yield view.date_label
    for entity in (*view.actors, *view.places):
        yield entity.name
        yield from entity.aliases
    for tag in view.event.tags:
        yield tag.replace("-", " ")
    for source in view.sources:
        yield from (text for text in (source.quote, source.publisher) if text)
    for claim in view.claims:
        yield claim.about
        for value in claim.values:
            yield value.value
            yield value.according_to
            if value.source.quote:
                yield value.source.quote


def search_text(view: EventView) -> str:
    """The folded text of an event, each distinct part once, in a stable order."""
    parts = dict.fromkeys(fold(part) for part in searchable_parts(view))
    return " ".join(part for part in parts if part)


def index_entry(view: EventView) -> bytes:
    """One event's entry of the index, as JSON."""
    entry = {
        "id": view.slug,
        "title": view.title,
        "date": view.date_label,
        "path": view.path,
        "text": search_text(view),
    }
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def search_index_chunks(timeline: Timeline, entry: Callable[[EventView], bytes] | None = None) -> list[bytes]:
    """The index in pieces, to be written one after another."""
    make = entry or index_entry
    chunks = [b'{"events":[']
    for number, view in enumerate(timeline.events):
        if number:
            chunks.append(b",")
        chunks.append(make(view))
    chunks.append(b'],"version":' + str(INDEX_VERSION).encode() + b"}")
    return chunks
