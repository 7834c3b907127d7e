"""Timeline -> events.schema.json: the JSON Schema (Draft-07) events.json follows, and its format version."""

from __future__ import annotations

from typing import Any

from chronicle.model.event_dates import EDTF_PATTERN
from chronicle.model.records import BOUNDS, URL_STATUSES
from chronicle.render.data_files import DATA_DIR, Json, dumps
from chronicle.timeline.views import Timeline

EVENTS_SCHEMA = f"{DATA_DIR}/events.schema.json"

DATASET_FORMAT = "chronicle-events"
DATASET_VERSION = "1.8"

_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PARTIAL = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_PRECISION = {"enum": ["year", "month", "day"]}
_EDTF = {"type": "string", "pattern": EDTF_PATTERN}
_URL = {"type": "string", "pattern": r"^https?://"}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_TITLE_SUPPLIED = {
    "type": "boolean",
    "description": "The editors wrote the title (the document has none); pages show it in square brackets.",
}
_LASTING: dict[str, Any] = {
    "url_status": {
        "enum": [*URL_STATUSES, None],
        "description": "How the original at `url` is (null without one); dead or unfit: read `archive_url`.",
    },
    "accessed": {"anyOf": [_DAY, {"type": "null"}], "description": "When the editors read the original."},
    "archive_url": {"anyOf": [_URL, {"type": "null"}], "description": "An archived copy of the original."},
    "archive_date": {"anyOf": [_DAY, {"type": "null"}], "description": "When the archived copy was made."},
}


def _nullable(kind: str, **extra: Any) -> Json:
    return {"type": [kind, "null"], **extra}


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


def render_events_schema(timeline: Timeline) -> bytes:
    return dumps(events_schema(timeline))


def events_schema(timeline: Timeline) -> Json:
    """The JSON Schema (Draft-07) that events.json follows."""
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
                "events": {"type": "array", "items": _event_schema()},
                **_entities_schema(),
                "articles": {"type": "object", "additionalProperties": _article_schema()},
            }
        ),
    }


def _event_schema() -> Json:
    source = _source_schema()
    named = _object({"id": {"type": "string"}, "name": {"type": "string"}})
    return _object(
        {
            "id": {"type": "string", "description": "The event's slug: its file name and permalink."},
            "url": _URL,
            "title": {"type": "string"},
            "date": {**_EDTF, "description": "When it happened, as written (EDTF; plain dates are ISO)."},
            "date_precision": {**_PRECISION, "description": "Of the date, or of a range's bounds."},
            "end": {"anyOf": [_EDTF, {"type": "null"}]},
            "end_precision": {"anyOf": [_PRECISION, {"type": "null"}]},
            "circa": {"type": "boolean", "description": "Both ends approximate."},
            "date_label": {"type": "string"},
            "edtf": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The whole event in EDTF (an interval for a span); null for a span "
                "whose end is a range of days, which EDTF cannot join into one interval.",
            },
            "earliest": {
                "anyOf": [_DAY, {"type": "null"}],
                "description": "First day the event may have begun; null when open (on or before ...).",
            },
            "latest": {
                "anyOf": [_DAY, {"type": "null"}],
                "description": "Last day the event may have ended; null when open (on or after ...).",
            },
            "approximate": {"type": "boolean", "description": "A date of it is approximate (~)."},
            "uncertain": {"type": "boolean", "description": "A date of it is uncertain (?)."},
            "after": {**_STRINGS, "description": "Slugs of events it came after."},
            "before": {**_STRINGS, "description": "Slugs of events it came before."},
            "former_slugs": {
                **_STRINGS,
                "description": "Slugs its file had before it was renamed, oldest first; each old "
                "address leads to `url`.",
            },
            "merged_slugs": {
                **_STRINGS,
                "description": "Slugs of entries removed because what they said is now part of "
                "this one; each old address leads to `url`.",
            },
            "summary": {"type": "string", "description": "Markdown, as the editor wrote it."},
            "summary_text": {"type": "string"},
            "summary_html": {"type": "string"},
            "tags": _STRINGS,
            "actors": {"type": "array", "items": named},
            "places": {"type": "array", "items": named},
            "sources": {"type": "array", "items": source, "minItems": 1},
            "claims": {"type": "array", "items": _claim_schema(source)},
            "media": {"type": "array", "items": _media_schema()},
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


def _source_schema() -> Json:
    return _object(
        {
            "kind": {"enum": ["article", "url"]},
            "article": _nullable("string", description="Id of the local document (kind article)."),
            "title": _nullable("string"),
            "title_supplied": _TITLE_SUPPLIED,
            "publisher": _nullable("string"),
            "author": _nullable("string"),
            "published": {"anyOf": [_PARTIAL, {"type": "null"}]},
            "url": {"anyOf": [_URL, {"type": "null"}], "description": "The original online."},
            **_LASTING,
            "quote": _nullable("string", description="The verbatim passage, checked against the document."),
            "translation": _nullable(
                "string",
                description="The quote in the site's language; `quote` is in the document's.",
            ),
            "quote_url": {
                "anyOf": [_URL, {"type": "null"}],
                "description": "The quote highlighted in the document's page on the site.",
            },
        },
        "One cited source: a local document with a verified quote, or a URL.",
    )


def _media_schema() -> Json:
    """An image of the site's (its copies) or media elsewhere; every field present either way."""
    url_or_null = {"anyOf": [_URL, {"type": "null"}]}
    size = _nullable("integer", minimum=1)
    copy = _object(
        {"url": _URL, "type": {"type": "string"}, "width": {"type": "integer"}, "height": {"type": "integer"}}
    )
    return _object(
        {
            "kind": {"enum": ["image", "remote"]},
            "url": {**_URL, "description": "The image's largest copy, or the remote media's address."},
            "title": _nullable("string", description="The remote media's title."),
            "provider": {"enum": ["youtube", "vimeo", None], "description": "A video the page can play."},
            "thumbnail": {**url_or_null, "description": "The image's smallest copy; remote: as given."},
            "file": _nullable("string", description="The image in the site folder (media/...)."),
            "type": _nullable("string", description="The MIME type of `url` (an image)."),
            "width": size,
            "height": size,
            "alt": _nullable("string", description="What the image shows."),
            "caption": _nullable("string", description="Inline markdown, as written."),
            "caption_html": _nullable("string"),
            "credit": {"type": "string"},
            "license": _nullable("string"),
            "copies": {"type": "array", "items": copy, "description": "Every published copy of the image."},
        },
        "An image (kind image) or media on another site (kind remote).",
    )


def _claim_schema(source: Json) -> Json:
    """A disputed figure, or how each source words something (`kind`): what it is about, and
    each value with who gives it and the source."""
    value = _object(
        {
            "value": {"type": "string"},
            "according_to": {"type": "string"},
            "source": source,
            "as_of": {"anyOf": [_EDTF, {"type": "null"}], "description": "When the figure was stated."},
            "low": _nullable("number", description="The figure as a number (a range's lower end)."),
            "high": _nullable("number", description="A range's upper end."),
            "unit": _nullable("string"),
            "bound": {
                "enum": [*BOUNDS, None],
                "description": '`at-least` when `low` is a floor ("at least 600", "more than 600"), '
                '`at-most` when it is a ceiling ("up to 600"); null: `low` (to `high`) is the figure itself.',
            },
            "note": _nullable(
                "string", description="What readers must be told about the value (plain text); null: none."
            ),
        }
    )
    kind = {"enum": ["figure", "wording"], "description": "A disputed figure, or how sources word something."}
    return _object({"about": {"type": "string"}, "kind": kind, "values": {"type": "array", "items": value}})


def _entities_schema() -> Json:
    """The "actors" and "places" maps: id -> entity."""
    entity = {"name": {"type": "string"}, "aliases": _STRINGS, "url": _URL}
    return {
        "actors": {
            "type": "object",
            "additionalProperties": _object({**entity, "kind": _nullable("string")}),
        },
        "places": {
            "type": "object",
            "additionalProperties": _object({**entity, "country": _nullable("string")}),
        },
    }


def _article_schema() -> Json:
    return _object(
        {
            "title": {"type": "string"},
            "title_supplied": _TITLE_SUPPLIED,
            "publisher": _nullable("string"),
            "author": _nullable("string"),
            "published": {"anyOf": [_PARTIAL, {"type": "null"}]},
            "published_note": _nullable("string"),
            "url": {"anyOf": [_URL, {"type": "null"}]},
            **_LASTING,
            "language": {"type": "string"},
            "page": _URL,
        }
    )
