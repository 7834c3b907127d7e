"""Timeline -> search-index.json: per event, the words a reader may search for, built once per build.

A compact JSON index that the timeline page's script loads on first use; no server, no
external tool. Text is folded (lowercase, typographic marks plain) like quotes are matched.
"""

from __future__ import annotations

import json

from chronicle.quotes import normalise
from chronicle.timeline import EventView, Timeline

INDEX_PATH = "search-index.json"
INDEX_VERSION = 1


def search_text(view: EventView) -> str:
    """Everything searchable about an event: title, summary, actors, places, tags, quotes."""
    parts = [view.title, view.summary_text, view.date_label]
    for entity in (*view.actors, *view.places):
        parts.append(entity.name)
        parts.extend(entity.aliases)
    parts.extend(tag.replace("-", " ") for tag in view.event.tags)
    parts.extend(source.quote for source in view.sources if source.quote)
    for claim in view.claims:
        parts.append(claim.about)
        parts.extend(f"{value.value} {value.according_to}" for value in claim.values)
    return normalise(" ".join(parts)).text


def render_search_index(timeline: Timeline) -> bytes:
    entries = [
        {"id": view.slug, "title": view.title, "date": view.date_label, "path": view.path,
         "text": search_text(view)}
        for view in timeline.events
    ]
    document = {"version": INDEX_VERSION, "events": entries}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
