"""Timeline -> timelinejs.json: each event as a slide in the format Knight Lab's TimelineJS 3 reads."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import Diagnostic, Mark
from chronicle.model.records import Site
from chronicle.model.wording import ENGLISH, Wording
from chronicle.render.data_files import DATA_DIR, Json, Piece, json_text, splice
from chronicle.render.quote_marks import within_quotes
from chronicle.timeline.media import ImageView, MediaView
from chronicle.timeline.views import EventView, Timeline, cited_title

TIMELINEJS_JSON = f"{DATA_DIR}/timelinejs.json"

SOURCES_LINK_CLASS = "chronicle-sources"
"""The class of the paragraph the export adds to each slide's text (the link back to the
event's page); the importer leaves that paragraph out."""


def timelinejs_chunks(timeline: Timeline, slide: Piece | None = None) -> list[bytes]:
    base, wording = timeline.site.settings.base_url, timeline.site.settings.wording
    make = slide or (lambda view: slide_record(view, base, wording))
    return splice(timelinejs_document(timeline), (make(view) for view in timeline.events))


def slide_record(view: EventView, base: str, wording: Wording = ENGLISH) -> bytes:
    """One event's TimelineJS slide, as JSON."""
    return json_text(_slide(view, base, wording)).encode("utf-8")


def timelinejs_document(timeline: Timeline) -> Json:
    """timelinejs.json without its slides (`timelinejs_chunks` splices them in)."""
    settings = timeline.site.settings
    return {
        "title": {
            "text": {"headline": escape(settings.title), "text": f"<p>{escape(settings.description)}</p>"}
        },
        "events": [],
    }


def export_notices(site: Site, locate: Callable[[str], Mark] = Mark) -> tuple[Diagnostic, ...]:
    """One notice when some events have dates TimelineJS cannot hold (a range of days, an
    approximate or uncertain date): their slides are placed by approximation. It is told at
    the first such event's file, since the export itself is no file an editor can open;
    `locate` gives where in it (its `date:`, from the file)."""
    inexact = [
        event
        for event in site.events
        if any(date.ranged or date.qualified for date in (event.date, event.end) if date is not None)
    ]
    if not inexact:
        return ()
    others = len(inexact) - 1
    also = f" (and {others} other event{'s' if others > 1 else ''})" if others else ""
    return (
        Diagnostic(
            locate(inexact[0].path),
            "notice",
            f"{TIMELINEJS_JSON}: this event{also} has a date TimelineJS cannot hold exactly (a "
            "range of days, approximate or uncertain): each slide starts at the event's place in "
            "the chronology (a range's first day, an open range's bound) and shows the full "
            "wording in display_date",
            "nothing to fix: events.json and events.csv carry the dates exactly (edtf, earliest, latest)",
        ),
    )


def _tl_date(date: PartialDate) -> Json:
    parts: Json = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def _slide(view: EventView, base: str, wording: Wording) -> Json:
    event = view.event
    words = wording.counted("Sources and quotes (%(num)s)", "Sources and quotes (%(num)s)", len(view.sources))
    link = f'<p class="{SOURCES_LINK_CLASS}"><a href="{escape(base + view.path)}">{escape(words)}</a></p>'
    slide: Json = {
        "unique_id": event.slug,
        # TimelineJS has one date per end, without ranges or qualifiers: the slide starts at
        # the event's place in the chronology and shows the full wording in display_date.
        "start_date": _tl_date(event.date.anchor),
        "display_date": view.date_label,
        "text": {"headline": escape(event.title), "text": str(view.summary.html(base)) + link},
        "autolink": False,
    }
    if event.end is not None:
        slide["end_date"] = _tl_date(event.end.high or event.end.anchor)
    if event.tags:
        slide["group"] = event.tags[0].replace("-", " ")
    media = _media(view, base, wording)
    if media is not None:
        slide["media"] = media
    return slide


def _media(view: EventView, base: str, wording: Wording) -> Json | None:
    """The lead image (else the first remote media); without media, the first source: its
    verified quote as a blockquote, or the external source's URL."""
    lead = view.lead_image or next(iter(view.media), None)
    if lead is not None:
        return _media_object(lead, base)
    if not view.sources:
        return None
    source = view.sources[0]
    title = cited_title(source.title, source.title_supplied)
    credit = escape(f"{source.publisher}: {title}" if source.publisher else title)
    if source.quote is not None:
        lang = f' lang="{escape(source.language)}"' if source.language else ""
        quoted: Json = {"url": f"<blockquote{lang}>{escape(source.quote)}</blockquote>", "credit": credit}
        if source.translation:
            label = escape(wording.phrase("Translation:"))
            quoted["caption"] = f"{label} “{escape(within_quotes(source.translation))}”"
        return quoted
    assert source.link is not None
    media: Json = {"url": source.link, "caption": escape(title), "link": source.link}
    if source.publisher:
        media["credit"] = escape(source.publisher)
    return media


def _media_object(item: MediaView, base: str) -> Json:
    """TimelineJS's media object: the image's largest copy with its small one as thumbnail, or
    the remote media's address (TimelineJS plays YouTube and Vimeo itself)."""
    caption = str(item.caption.html(base)) if item.caption else ""
    if isinstance(item, ImageView):
        return {
            "url": base + item.largest.path,
            "thumbnail": base + item.thumbnail.path,
            "alt": item.image.alt,  # TimelineJS sets it as a property, not as HTML
            "caption": caption,
            "credit": escape(item.image.credit),
        }
    media: Json = {
        "url": item.media.url,
        "title": escape(item.media.title),
        "caption": caption or escape(item.media.title),
        "credit": escape(item.media.credit),
        "link": item.media.url,
    }
    if item.media.thumbnail:
        media["thumbnail"] = item.media.thumbnail
    return media
