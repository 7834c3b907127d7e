"""Timeline -> the open data files: events.json, events.csv, their JSON Schema and timelinejs.json.

Pure functions of the timeline, like every page: the same content gives the same bytes
(keys sorted, events in timeline order, no build time anywhere). The events.json format is
versioned (`DATASET_VERSION`) and documented field by field in the README ("Open data,
history and imports"); a change that adds fields bumps the minor version, anything a reader
of an older version would misread bumps the major one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from chronicle.model.dates import PartialDate
from chronicle.model.records import Entity
from chronicle.timeline.views import EventView, SourceView, Timeline

DATA_DIR = "data"
EVENTS_JSON = f"{DATA_DIR}/events.json"
EVENTS_CSV = f"{DATA_DIR}/events.csv"
EVENTS_SCHEMA = f"{DATA_DIR}/events.schema.json"
TIMELINEJS_JSON = f"{DATA_DIR}/timelinejs.json"

DATASET_FORMAT = "chronicle-events"
DATASET_VERSION = "1.0"

Json = dict[str, Any]


def _dumps(data: object) -> bytes:
    # Compact, so the C encoder writes it: ten times faster than indented output at 20,000 events.
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _date(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


# --------------------------------------------------------------------------- events.json


Piece = Callable[[EventView], bytes]
"""One event's part of a whole-timeline file, as UTF-8; the build passes cached ones.

Bytes, not text: a file is then joined from its pieces without decoding or encoding them."""

_HOLE = "\x00events\x00"


def _splice(document: Json, pieces: Iterable[bytes]) -> list[bytes]:
    """`_dumps(document)` with its "events" list written from ready-made JSON pieces.

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


def _piece(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_record(view: EventView, base: str) -> bytes:
    """One event of events.json, as JSON."""
    return _piece(_event(view, base)).encode("utf-8")


def render_events_json(timeline: Timeline, record: Piece | None = None) -> bytes:
    """The whole timeline as data (see README for the format, `events_schema` for its schema)."""
    return b"".join(events_json_chunks(timeline, record))


def events_json_chunks(timeline: Timeline, record: Piece | None = None) -> list[bytes]:
    """events.json in pieces, to be written one after another."""
    base = timeline.site.settings.base_url
    make = record or (lambda view: event_record(view, base))
    return _splice(events_document(timeline, with_events=False), (make(view) for view in timeline.events))


def events_document(timeline: Timeline, with_events: bool = True) -> Json:
    site = timeline.site
    settings = site.settings
    base = settings.base_url
    return {
        "$schema": base + EVENTS_SCHEMA,
        "format": DATASET_FORMAT,
        "version": DATASET_VERSION,
        "site": {
            "title": settings.title,
            "description": settings.description,
            "url": base,
            "language": settings.language,
            "author": settings.author or None,
        },
        "events": [_event(view, base) for view in timeline.events] if with_events else [],
        "actors": {
            entity.id: {
                "name": entity.name,
                "kind": entity.category,
                "aliases": list(entity.aliases),
                "url": base + f"actors/{entity.id}/",
            }
            for entity in site.actors.values()
        },
        "places": {
            entity.id: {
                "name": entity.name,
                "country": entity.category,
                "aliases": list(entity.aliases),
                "url": base + f"places/{entity.id}/",
            }
            for entity in site.places.values()
        },
        "articles": {
            article.id: {
                "title": article.title,
                "publisher": article.publisher,
                "author": article.author,
                "published": _date(article.published),
                "published_note": article.published_note,
                "url": article.url,
                "archive_url": article.archive_url,
                "language": article.language,
                "page": base + f"sources/{article.id}/",
            }
            for article in site.articles.values()
        },
    }


def _event(view: EventView, base: str) -> Json:
    event = view.event
    last = event.end or event.date
    return {
        "id": event.slug,
        "url": base + view.path,
        "title": event.title,
        "date": event.date.iso(),
        "date_precision": event.date.precision,
        "end": _date(event.end),
        "end_precision": event.end.precision if event.end else None,
        "circa": event.circa,
        "date_label": view.date_label,
        "earliest": event.date.first_day().isoformat(),
        "latest": last.last_day().isoformat(),
        "summary": event.summary,
        "summary_text": view.summary_text,
        "summary_html": str(view.summary.html(base)),
        "tags": list(event.tags),
        "actors": [_named(entity) for entity in view.actors],
        "places": [_named(entity) for entity in view.places],
        "sources": [_source(source, base) for source in view.sources],
        "claims": [
            {
                "about": claim.about,
                "values": [
                    {
                        "value": value.value,
                        "according_to": value.according_to,
                        "source": _source(value.source, base),
                    }
                    for value in claim.values
                ],
            }
            for claim in view.claims
        ],
        "added": event.added.isoformat(),
        "added_from": event.added_origin,
        "updated": event.updated.isoformat() if event.updated else None,
        "history": [
            {"date": change.date.isoformat(), "commit": change.sha, "subject": change.subject}
            for change in event.history
        ],
    }


def _named(entity: Entity) -> Json:
    return {"id": entity.id, "name": entity.name}


def _source(source: SourceView, base: str) -> Json:
    article = source.article_id is not None
    return {
        "kind": "article" if article else "url",
        "article": source.article_id,
        # an external source without a title is shown by its URL; the data keeps it absent
        "title": source.title if article or source.title != source.url else None,
        "publisher": source.publisher,
        "author": source.author,
        "published": _date(source.published),
        "url": source.url,
        "archive_url": source.archive_url,
        "quote": source.quote,
        "quote_url": (
            base + f"sources/{source.article_id}/#{source.quote_anchor}" if source.article_id else None
        ),
    }


# --------------------------------------------------------------------------- its JSON Schema


def _nullable(kind: str, **extra: Any) -> Json:
    return {"type": [kind, "null"], **extra}


_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PARTIAL = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_PRECISION = {"enum": ["year", "month", "day"]}
_URL = {"type": "string", "pattern": r"^https?://"}
_STRINGS = {"type": "array", "items": {"type": "string"}}


def _object(properties: Json, description: str | None = None) -> Json:
    schema: Json = {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def events_schema(timeline: Timeline) -> Json:
    """The JSON Schema (Draft-07) that events.json follows."""
    source = _object(
        {
            "kind": {"enum": ["article", "url"]},
            "article": _nullable("string", description="Id of the local document (kind article)."),
            "title": _nullable("string"),
            "publisher": _nullable("string"),
            "author": _nullable("string"),
            "published": {"anyOf": [_PARTIAL, {"type": "null"}]},
            "url": {"anyOf": [_URL, {"type": "null"}], "description": "The original online."},
            "archive_url": {"anyOf": [_URL, {"type": "null"}]},
            "quote": _nullable("string", description="The verbatim passage, checked against the document."),
            "quote_url": {
                "anyOf": [_URL, {"type": "null"}],
                "description": "The quote highlighted in the document's page on the site.",
            },
        },
        "One cited source: a local document with a verified quote, or a URL.",
    )
    named = _object({"id": {"type": "string"}, "name": {"type": "string"}})
    event = _object(
        {
            "id": {"type": "string", "description": "The event's slug: its file name and permalink."},
            "url": _URL,
            "title": {"type": "string"},
            "date": {**_PARTIAL, "description": "When it happened, at its own precision."},
            "date_precision": _PRECISION,
            "end": {"anyOf": [_PARTIAL, {"type": "null"}]},
            "end_precision": {"anyOf": [_PRECISION, {"type": "null"}]},
            "circa": {"type": "boolean"},
            "date_label": {"type": "string"},
            "earliest": {**_DAY, "description": "First day the event may have begun."},
            "latest": {**_DAY, "description": "Last day the event may have ended."},
            "summary": {"type": "string", "description": "Markdown, as the editor wrote it."},
            "summary_text": {"type": "string"},
            "summary_html": {"type": "string"},
            "tags": _STRINGS,
            "actors": {"type": "array", "items": named},
            "places": {"type": "array", "items": named},
            "sources": {"type": "array", "items": source, "minItems": 1},
            "claims": {
                "type": "array",
                "items": _object(
                    {
                        "about": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": _object(
                                {
                                    "value": {"type": "string"},
                                    "according_to": {"type": "string"},
                                    "source": source,
                                }
                            ),
                        },
                    }
                ),
            },
            "added": _DAY,
            "added_from": {"enum": ["file", "git", "event-date"]},
            "updated": {"anyOf": [_DAY, {"type": "null"}]},
            "history": {
                "type": "array",
                "items": _object({"date": _DAY, "commit": {"type": "string"}, "subject": {"type": "string"}}),
            },
        },
        "One event of the timeline.",
    )
    entity = {"name": {"type": "string"}, "aliases": _STRINGS, "url": _URL}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": timeline.site.settings.base_url + EVENTS_SCHEMA,
        "title": "Timeline events",
        "description": f"{DATASET_FORMAT} version {DATASET_VERSION}: every event of a chronicle "
        "timeline with its dates and their precision, sources, quotes, disputed figures and entities.",
        **_object(
            {
                "$schema": {"type": "string"},
                "format": {"const": DATASET_FORMAT},
                "version": {"type": "string", "pattern": r"^1\.\d+$"},
                "site": _object(
                    {
                        "title": {"type": "string"},
                        "description": {"type": "string"},
                        "url": _URL,
                        "language": {"type": "string"},
                        "author": _nullable("string"),
                    }
                ),
                "events": {"type": "array", "items": event},
                "actors": {
                    "type": "object",
                    "additionalProperties": _object({**entity, "kind": _nullable("string")}),
                },
                "places": {
                    "type": "object",
                    "additionalProperties": _object({**entity, "country": _nullable("string")}),
                },
                "articles": {
                    "type": "object",
                    "additionalProperties": _object(
                        {
                            "title": {"type": "string"},
                            "publisher": _nullable("string"),
                            "author": _nullable("string"),
                            "published": {"anyOf": [_PARTIAL, {"type": "null"}]},
                            "published_note": _nullable("string"),
                            "url": {"anyOf": [_URL, {"type": "null"}]},
                            "archive_url": {"anyOf": [_URL, {"type": "null"}]},
                            "language": {"type": "string"},
                            "page": _URL,
                        }
                    ),
                },
            }
        ),
    }


def render_events_schema(timeline: Timeline) -> bytes:
    return _dumps(events_schema(timeline))


# --------------------------------------------------------------------------- events.csv

CSV_COLUMNS = (
    "event_id",  # the slug
    "event_date",  # first day of `date` (YYYY-MM-DD); see date_precision
    "year",
    "date",  # as written: YYYY, YYYY-MM or YYYY-MM-DD
    "date_precision",  # year, month or day
    "end_date",
    "end_precision",
    "circa",  # true or false
    "date_label",
    "title",
    "notes",  # the summary as plain text
    "actors",  # names, "; " between
    "actor_ids",
    "location",  # the first place's name
    "country",  # the first place's country
    "places",
    "place_ids",
    "tags",
    "source",  # one line per source: publisher: title (published)
    "source_urls",  # one line per source with a URL
    "quotes",  # one line per verified quote
    "disputed",  # one line per disputed figure: about: value (according to); ...
    "added",
    "updated",
    "url",  # the event's page
)
"""The header of events.csv, fixed: columns are only ever added at the end."""

LIST_SEPARATOR = "; "
LINE_SEPARATOR = "\n"


def render_events_csv(timeline: Timeline, row_text: Piece | None = None) -> bytes:
    """One row an event, in timeline order, with the fixed header `CSV_COLUMNS` (RFC 4180, UTF-8)."""
    return b"".join(events_csv_chunks(timeline, row_text))


def events_csv_chunks(timeline: Timeline, row_text: Piece | None = None) -> list[bytes]:
    base = timeline.site.settings.base_url
    make = row_text or (lambda view: csv_row_text(view, base))
    return [_csv_line(CSV_COLUMNS).encode("utf-8"), *(make(view) for view in timeline.events)]


def csv_row_text(view: EventView, base: str) -> bytes:
    """One event's CSV row, with its line ending."""
    row = _csv_row(view, base)
    return _csv_line([row[column] for column in CSV_COLUMNS]).encode("utf-8")


def _csv_line(values: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def _csv_row(view: EventView, base: str) -> dict[str, str]:
    event = view.event
    first_place = view.places[0] if view.places else None
    return {
        "event_id": event.slug,
        "event_date": event.date.first_day().isoformat(),
        "year": str(event.date.year),
        "date": event.date.iso(),
        "date_precision": event.date.precision,
        "end_date": event.end.iso() if event.end else "",
        "end_precision": event.end.precision if event.end else "",
        "circa": "true" if event.circa else "false",
        "date_label": view.date_label,
        "title": event.title,
        "notes": view.summary_text,
        "actors": LIST_SEPARATOR.join(entity.name for entity in view.actors),
        "actor_ids": LIST_SEPARATOR.join(event.actors),
        "location": first_place.name if first_place else "",
        "country": (first_place.category or "") if first_place else "",
        "places": LIST_SEPARATOR.join(entity.name for entity in view.places),
        "place_ids": LIST_SEPARATOR.join(event.places),
        "tags": LIST_SEPARATOR.join(event.tags),
        "source": LINE_SEPARATOR.join(_source_line(source) for source in view.sources),
        "source_urls": LINE_SEPARATOR.join(_unique(source.url for source in view.sources if source.url)),
        "quotes": LINE_SEPARATOR.join(source.quote for source in view.sources if source.quote),
        "disputed": LINE_SEPARATOR.join(
            f"{claim.about}: "
            + LIST_SEPARATOR.join(f"{value.value} ({value.according_to})" for value in claim.values)
            for claim in view.claims
        ),
        "added": event.added.isoformat(),
        "updated": event.updated.isoformat() if event.updated else "",
        "url": base + view.path,
    }


def _source_line(source: SourceView) -> str:
    line = f"{source.publisher}: {source.title}" if source.publisher else source.title
    return f"{line} ({source.published.iso()})" if source.published else line


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- timelinejs.json

SOURCES_LINK_CLASS = "chronicle-sources"
"""The class of the paragraph the export adds to each slide's text (the link back to the
event's page); the importer leaves that paragraph out."""


def render_timelinejs(timeline: Timeline, slide: Piece | None = None) -> bytes:
    """The timeline in the JSON format Knight Lab's TimelineJS (version 3) reads."""
    return b"".join(timelinejs_chunks(timeline, slide))


def timelinejs_chunks(timeline: Timeline, slide: Piece | None = None) -> list[bytes]:
    base = timeline.site.settings.base_url
    make = slide or (lambda view: slide_record(view, base))
    return _splice(timelinejs_document(timeline, with_events=False), (make(view) for view in timeline.events))


def slide_record(view: EventView, base: str) -> bytes:
    """One event's TimelineJS slide, as JSON."""
    return _piece(_slide(view, base)).encode("utf-8")


def timelinejs_document(timeline: Timeline, with_events: bool = True) -> Json:
    settings = timeline.site.settings
    base = settings.base_url
    return {
        "title": {
            "text": {"headline": escape(settings.title), "text": f"<p>{escape(settings.description)}</p>"}
        },
        "events": [_slide(view, base) for view in timeline.events] if with_events else [],
    }


def _tl_date(date: PartialDate) -> Json:
    parts: Json = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def _slide(view: EventView, base: str) -> Json:
    event = view.event
    link = (
        f'<p class="{SOURCES_LINK_CLASS}"><a href="{escape(base + view.path)}">'
        f"Sources and quotes ({len(view.sources)})</a></p>"
    )
    slide: Json = {
        "unique_id": event.slug,
        "start_date": _tl_date(event.date),
        "display_date": view.date_label,
        "text": {"headline": escape(event.title), "text": str(view.summary.html(base)) + link},
        "autolink": False,
    }
    if event.end is not None:
        slide["end_date"] = _tl_date(event.end)
    if event.tags:
        slide["group"] = event.tags[0].replace("-", " ")
    media = _media(view)
    if media is not None:
        slide["media"] = media
    return slide


def _media(view: EventView) -> Json | None:
    """The first source: its verified quote as a blockquote, or the external source's URL."""
    if not view.sources:
        return None
    source = view.sources[0]
    credit = escape(f"{source.publisher}: {source.title}" if source.publisher else source.title)
    if source.quote is not None:
        return {"url": f"<blockquote>{escape(source.quote)}</blockquote>", "credit": credit}
    assert source.url is not None
    media: Json = {"url": source.url, "caption": escape(source.title), "link": source.url}
    if source.publisher:
        media["credit"] = escape(source.publisher)
    return media
