"""Timeline -> events.json: every event with its dates, sources, quotes and disputed figures, as data.

The format is versioned (`DATASET_VERSION`, in render.events_schema with the schema it
follows) and documented field by field in the README ("Open data, history and imports");
a change that adds fields bumps the minor version, anything a reader of an older version
would misread bumps the major one.
"""

from __future__ import annotations

import datetime

from chronicle.model.records import Entity
from chronicle.render.data_files import DATA_DIR, Json, Piece, event_dates, iso_or_none, json_text, splice
from chronicle.render.events_schema import DATASET_FORMAT, DATASET_VERSION, EVENTS_SCHEMA
from chronicle.timeline.media import MediaView, RemoteView
from chronicle.timeline.views import EventView, SourceView, Timeline

EVENTS_JSON = f"{DATA_DIR}/events.json"


def event_record(view: EventView, base: str) -> bytes:
    """One event of events.json, as JSON."""
    return json_text(_event(view, base)).encode("utf-8")


def events_json_chunks(timeline: Timeline, record: Piece | None = None) -> list[bytes]:
    """events.json in pieces, to be written one after another."""
    base = timeline.site.settings.base_url
    make = record or (lambda view: event_record(view, base))
    return splice(events_document(timeline), (make(view) for view in timeline.events))


def events_document(timeline: Timeline) -> Json:
    """events.json without its events (`events_json_chunks` splices them in)."""
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
        "events": [],
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
                "published": iso_or_none(article.published),
                "published_note": article.published_note,
                "title_supplied": article.title_supplied,
                "url": article.url,
                "url_status": article.url_status if article.url else None,
                "accessed": iso_day(article.accessed),
                "archive_url": article.archive_url,
                "archive_date": iso_day(article.archive_date),
                "language": article.language,
                "page": base + f"sources/{article.id}/",
            }
            for article in site.articles.values()
        },
    }


def _event(view: EventView, base: str) -> Json:
    event = view.event
    dates = event_dates(event)
    return {
        "id": event.slug,
        "url": base + view.path,
        "title": event.title,
        "date": event.date.edtf,
        "date_precision": event.date.anchor.precision,
        "end": event.end.edtf if event.end else None,
        "end_precision": event.end.anchor.precision if event.end else None,
        "circa": event.circa,
        "date_label": view.date_label,
        "edtf": dates.edtf,
        "earliest": dates.earliest,
        "latest": dates.latest,
        "approximate": dates.approximate,
        "uncertain": dates.uncertain,
        "after": [item.slug for item in view.came_after],
        "before": [item.slug for item in view.came_before],
        "former_slugs": [item.slug for item in event.former_slugs],
        "merged_slugs": [item.slug for item in event.merged_slugs],
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
                "kind": claim.kind,
                "values": [
                    {
                        "value": value.value,
                        "according_to": value.according_to,
                        "source": _source(value.source, base),
                        "as_of": value.as_of.edtf if value.as_of else None,
                        "low": value.low,
                        "high": value.high,
                        "unit": value.unit,
                        "bound": value.bound,
                        "note": value.note,
                    }
                    for value in claim.values
                ],
            }
            for claim in view.every_claim
        ],
        "media": [_media(item, base) for item in view.media],
        "added": event.added.isoformat(),
        "added_from": event.added_origin,
        "updated": event.updated.isoformat() if event.updated else None,
        "history": [
            {"date": change.date.isoformat(), "commit": change.sha, "subject": change.subject}
            for change in event.history
        ],
    }


def _media(item: MediaView, base: str) -> Json:
    """An image (its largest copy, every copy) or remote media, with the same fields either way."""
    caption = item.caption
    if isinstance(item, RemoteView):
        media = item.media
        return {
            "kind": "remote",
            "url": media.url,
            "title": media.title,
            "provider": media.provider,
            "thumbnail": media.thumbnail,
            "file": None,
            "type": None,
            "width": None,
            "height": None,
            "alt": None,
            "caption": media.caption,
            "caption_html": str(caption.html(base)) if caption else None,
            "credit": media.credit,
            "license": None,
            "copies": [],
        }
    image, copy = item.image, item.largest
    return {
        "kind": "image",
        "url": base + copy.path,
        "title": None,
        "provider": None,
        "thumbnail": base + item.thumbnail.path,
        "file": image.file,
        "type": copy.mime_type,
        "width": copy.width,
        "height": copy.height,
        "alt": image.alt,
        "caption": image.caption,
        "caption_html": str(caption.html(base)) if caption else None,
        "credit": image.credit,
        "license": image.license,
        "copies": [
            {"url": base + each.path, "type": each.mime_type, "width": each.width, "height": each.height}
            for each in item.copies
        ],
    }


def iso_day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _named(entity: Entity) -> Json:
    return {"id": entity.id, "name": entity.name}


def _source(source: SourceView, base: str) -> Json:
    article = source.article_id is not None
    return {
        "kind": "article" if article else "url",
        "article": source.article_id,
        # an external source without a title is shown by its URL; the data keeps it absent
        "title": source.title if article or source.title != source.url else None,
        "title_supplied": source.title_supplied,
        "publisher": source.publisher,
        "author": source.author,
        "published": iso_or_none(source.published),
        "url": source.url,
        "url_status": source.url_status if source.url else None,
        "accessed": iso_day(source.accessed),
        "archive_url": source.archive_url,
        "archive_date": iso_day(source.archive_date),
        "quote": source.quote,
        "translation": source.translation,
        "quote_url": (
            base + f"sources/{source.article_id}/#{source.quote_anchor}" if source.article_id else None
        ),
    }
