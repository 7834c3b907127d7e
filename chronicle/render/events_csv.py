"""Timeline -> events.csv: one row an event under a fixed header, for spreadsheets (RFC 4180, UTF-8)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from chronicle.render.data_files import DATA_DIR, Piece, event_dates
from chronicle.timeline.claim_views import ClaimValueView, ClaimView
from chronicle.timeline.media import RemoteView
from chronicle.timeline.views import EventView, SourceView, Timeline, cited_title

EVENTS_CSV = f"{DATA_DIR}/events.csv"

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
    "source",  # one line per source: publisher: title (published); a title the editors wrote in [ ]
    "source_urls",  # one line per source with a URL
    "quotes",  # one line per verified quote
    "disputed",  # one line per disputed figure: about: value (according to); ...
    "wordings",  # one line per claim of kind wording, in the same form
    "added",
    "updated",
    "url",  # the event's page
    "edtf",  # the whole event in EDTF (empty for a span ending in a range: see date, end_date)
    "earliest",  # first possible day (YYYY-MM-DD; empty when open)
    "latest",  # last possible day
    "approximate",  # true or false
    "uncertain",  # true or false
    "image",  # the lead image: its largest copy's URL
    "image_alt",  # what it shows
    "image_credit",
    "media_urls",  # one line per media on another site
    # One line per source, in the order of `source` (a line empty where it does not apply):
    "source_original_urls",  # its URL (unlike source_urls, which skips sources without one)
    "source_url_statuses",  # live, dead or unfit (the original at its URL)
    "source_accessed",  # when the original was read (YYYY-MM-DD)
    "source_archive_urls",  # its archived copy
    "source_archive_dates",  # when the copy was made (YYYY-MM-DD)
    "translations",  # one line per line of `quotes`: its translation, or empty
    "disputed_figures",  # one line per line of `disputed`: each value's number, bound and unit
)
"""The header of events.csv, fixed: columns are only ever added at the end."""

LIST_SEPARATOR = "; "
LINE_SEPARATOR = "\n"


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
    csv.writer(buffer, lineterminator="\r\n").writerow(map(neutralised, values))
    return buffer.getvalue()


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading `'`."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _csv_row(view: EventView, base: str) -> dict[str, str]:
    event = view.event
    dates = event_dates(event)
    first_place = view.places[0] if view.places else None
    lead = view.lead_image
    return {
        "image": base + lead.largest.path if lead else "",
        "image_alt": lead.image.alt if lead else "",
        "image_credit": lead.image.credit if lead else "",
        "media_urls": LINE_SEPARATOR.join(
            item.media.url for item in view.media if isinstance(item, RemoteView)
        ),
        "edtf": dates.edtf or "",
        "earliest": dates.earliest or "",
        "latest": dates.latest or "",
        "approximate": "true" if dates.approximate else "false",
        "uncertain": "true" if dates.uncertain else "false",
        "event_id": event.slug,
        "event_date": event.date.anchor.first_day().isoformat(),
        "year": str(event.date.year),
        "date": event.date.edtf,
        "date_precision": event.date.anchor.precision,
        "end_date": event.end.edtf if event.end else "",
        "end_precision": event.end.anchor.precision if event.end else "",
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
        "disputed": _claim_lines(view.claims),
        "disputed_figures": LINE_SEPARATOR.join(
            LIST_SEPARATOR.join(_figure(value) for value in claim.values) for claim in view.claims
        ),
        "wordings": _claim_lines(view.wordings),
        "added": event.added.isoformat(),
        "updated": event.updated.isoformat() if event.updated else "",
        "url": base + view.path,
        **_lasting_columns(view.sources),
    }


def _lasting_columns(sources: Iterable[SourceView]) -> dict[str, str]:
    """What keeps each source readable, a line per source in the order of `source`."""
    sources = tuple(sources)

    def lines(values: Iterable[str | None]) -> str:
        return LINE_SEPARATOR.join(value or "" for value in values)

    return {
        "source_original_urls": lines(source.url for source in sources),
        "source_url_statuses": lines(source.url_status if source.url else None for source in sources),
        "source_accessed": lines(
            source.accessed.isoformat() if source.accessed else None for source in sources
        ),
        "source_archive_urls": lines(source.archive_url for source in sources),
        "source_archive_dates": lines(
            source.archive_date.isoformat() if source.archive_date else None for source in sources
        ),
        "translations": lines(source.translation for source in sources if source.quote),
    }


def _source_line(source: SourceView) -> str:
    title = cited_title(source.title, source.title_supplied)
    line = f"{source.publisher}: {title}" if source.publisher else title
    return f"{line} ({source.published.iso()})" if source.published else line


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _claim_lines(claims: Iterable[ClaimView]) -> str:
    """One line per claim: about: value (according to); ..."""

    def values(claim: ClaimView) -> str:
        return LIST_SEPARATOR.join(f"{value.value} ({value.according_to})" for value in claim.values)

    return LINE_SEPARATOR.join(f"{claim.about}: {values(claim)}" for claim in claims)


_BOUND_WORDS = {"at-least": "at least ", "at-most": "at most "}


def _figure(value: ClaimValueView) -> str:
    """A value's figure as data: "600 soldiers", "3000 to 5000", "at least 600 soldiers" (a
    floor), "at most 5000" (a ceiling); empty for a value without a number."""
    if value.low is None:
        return ""
    numbers = _number(value.low) if value.high is None else f"{_number(value.low)} to {_number(value.high)}"
    bound = _BOUND_WORDS[value.bound] if value.bound and value.high is None else ""
    return f"{bound}{numbers} {value.unit}" if value.unit else f"{bound}{numbers}"


def _number(number: float) -> str:
    """As written, without separators: 600, 2.5, 0.00001 (never 600.0, 6e+02 or 1e-05)."""
    if number.is_integer():
        return str(int(number))
    # repr gives the shortest digits that read back as the same number; Decimal lays them out.
    return format(Decimal(repr(number)), "f")
