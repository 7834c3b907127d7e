"""A TimelineJS spreadsheet (the Google Sheets template, exported as CSV) -> event files.

Each row becomes one content/events/<slug>.yaml, the slug derived from the Headline as `new`
derives it. The date's precision is what the row gives: Year alone is a year, Year and
Month a month, all three a day; End Year/Month/Day likewise give `end`. Text (HTML, as
TimelineJS takes it) becomes a markdown summary; Media, when it is an http(s) URL, becomes
the source (titled by Media Caption, else the Headline; Media Credit as its publisher);
Group becomes a tag. A Display Date starting with "c." or "circa" marks the date approximate.
Title rows are skipped, era rows too (with a warning); Time, End Time, Media Thumbnail and
Background have no place in an event file and are left out.

Problems are located as `FILE:ROW:COL` (ROW the CSV line where the record starts, COL the
1-based column of the offending field). One error anywhere means no file is written; rows
without a usable source or summary are written with a warning, since `check` will say what
is left to fill in.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from chronicle.authoring.event_file import EventDraft
from chronicle.authoring.slide_markdown import html_to_markdown, is_web_url
from chronicle.authoring.timelinejs_media import MediaDraft, SourceDraft, media_cell, media_draft, media_kind
from chronicle.authoring.timelinejs_rows import COLUMNS, Problem, Row, column_names
from chronicle.model.dates import MONTH_NAMES, DateError, PartialDate
from chronicle.source.addresses import numbered_id_problem
from chronicle.source.documents import html_to_text
from chronicle.source.validate import MAX_SLUG_LENGTH, suggest_slug, text_problem, url_problem

REQUIRED_COLUMNS = ("Year", "Headline")
CIRCA_PREFIXES = ("c.", "c ", "ca.", "circa", "approx", "about ", "around ")


@dataclass(frozen=True)
class ImportedEvent:
    slug: str
    row: int
    text: str
    """The event file's content."""


@dataclass
class ImportResult:
    events: list[ImportedEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(problem.severity == "error" for problem in self.problems)


def read_timelinejs_csv(
    text: str, added: datetime.date, exists: Callable[[str], bool] = lambda slug: False, origin: str = ""
) -> ImportResult:
    """Parse the spreadsheet; `exists(slug)` says whether content/events/<slug>.yaml is taken."""
    result = ImportResult()
    text = text.removeprefix("\ufeff")
    records = list(_records(text, result, _separator(text)))
    if not records:
        if result.ok:
            result.problems.append(Problem(1, 1, "error", "the file is empty: no header row"))
        return result
    header_line, header = records[0]
    columns = column_names(header, header_line, result.problems)
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            result.problems.append(
                Problem(
                    header_line,
                    1,
                    "error",
                    f"no '{name}' column: is this the CSV of a TimelineJS spreadsheet? "
                    f"Expected the columns {', '.join(COLUMNS)}",
                )
            )
    if not result.ok:
        return result
    taken: dict[str, int] = {}
    rows = 0
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        row = Row(line, cells, columns, result.problems)
        event = _convert(row, added, origin)
        if event is None:
            continue
        row.report_removed()
        slug = _unique_slug(event.slug_base, taken)
        if exists(slug):
            row.error(
                "Headline",
                f"content/events/{slug}.yaml already exists; nothing is overwritten "
                "(change the Headline, or move that file away)",
            )
            continue
        result.events.append(ImportedEvent(slug, line, event.render(slug)))
    if rows == 0:
        result.problems.append(Problem(header_line, 1, "error", "no rows to import below the header"))
    result.problems.sort(key=lambda problem: (problem.row, problem.column))
    return result


SEPARATORS = ",;\t"


def _separator(text: str) -> str:
    """The comma, or `;` or a tab when the header line holds more TimelineJS column names
    split at it: spreadsheets set to a language whose decimal mark is the comma export "CSV"
    with `;`, and a copied sheet pastes with tabs."""
    header = next(iter(io.StringIO(text, newline="")), "")

    def names(separator: str) -> int:
        return len(column_names(next(csv.reader([header], delimiter=separator)), 1, []))

    return max(SEPARATORS, key=names)  # the first of equals: the comma


def _records(text: str, result: ImportResult, separator: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its cells); a malformed CSV is an error at its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.problems.append(Problem(reader.line_num or start, 1, "error", f"not valid CSV: {exc}"))
            return
        if cells:
            yield start, cells
        start = reader.line_num + 1


def _convert(row: Row, added: datetime.date, origin: str) -> EventDraft | None:
    kind = row.get("Type").casefold()
    if kind == "title":
        return None
    if kind == "era":
        row.warning("Type", "an era row is a span label, not an event: skipped")
        return None
    if kind:
        row.warning(
            "Type", f"unknown Type '{row.get('Type')}' (only title and era are special): read as an event"
        )
    errors_before = row.errors
    title = _plain(row, "Headline")
    if not title:
        row.error("Headline", "the Headline is empty; an event needs a title")
    start = _date(row, "Year", "Month", "Day", required=True)
    end = _date(row, "End Year", "End Month", "End Day", required=False)
    if start is not None and end is not None and end.last_day() < start.first_day():
        row.error("End Year", f"the end ({end.iso()}) is before the start ({start.iso()})")
    for name in ("Time", "End Time"):
        if row.get(name):
            row.warning(name, f"{name} '{row.get(name)}' is left out: event files keep dates, not times")
    if row.errors > errors_before or start is None:
        return None
    summary = row.kept("Text", html_to_markdown(row.get("Text")))
    read = _media(row)
    if read is None:
        return None
    media_address, quotation, cited = read
    _warn_of_text(row, summary)
    tag = _group_tag(row)
    source, media = _source_or_media(row, media_address, title)
    return EventDraft(
        slug_base=(suggest_slug(title, 80) or "event")[:MAX_SLUG_LENGTH],
        title=title,
        date=start,
        end=end if end != start else None,
        circa=_display_date(row, start, end),
        uncertain=row.get("Display Date").rstrip().endswith("?"),
        summary=summary,
        tags=(tag,) if tag else (),
        source=source,
        quotation=quotation or None,
        quotation_credit=(cited or _plain(row, "Media Credit") or None) if quotation else None,
        added=added,
        origin=f"{origin}, row {row.line}" if origin else f"row {row.line}",
        media=media,
    )


def _media(row: Row) -> tuple[str, str, str] | None:
    """The Media cell as (its address, a quotation, who the quotation cites), with a warning
    for what is left out or read otherwise; None (an error at the cell) for an address
    `check` would refuse."""
    cell = media_cell(row.get("Media"))
    unfit = url_problem(cell.address) if cell.address else None
    if unfit is not None:  # as `check` would say of the source or media it becomes
        row.error("Media", f"the Media address {unfit[0]}" + (f": {unfit[1]}" if unfit[1] else ""))
        return None
    quotation, cited = row.kept("Media", cell.quotation), row.kept("Media", cell.cited)
    if quotation:
        row.warning(
            "Media",
            "Media is a quotation, not an address: it becomes the quote of the event's source "
            "entry; give the article it comes from (`check` verifies it there)",
        )
    elif cell.unusable:
        who = f" (its <cite>: {cited})" if cited else ""
        row.warning("Media", f"Media is embed code without an http(s) address{who}: left out")
    elif cell.address != row.get("Media").strip():
        row.warning("Media", f"Media is embed code: its address {cell.address} is read as the Media")
    return cell.address, quotation, cited


def _warn_of_text(row: Row, summary: str) -> None:
    """A Text that would make a summary `check` refuses: empty, blank, or holding what no text may."""
    blank = text_problem(summary, multiline=True) if summary else None
    if not summary or (blank is not None and blank.what == "only blank characters"):
        row.warning("Text", "the Text is empty: write a summary; `check` fails until then")
    elif blank is not None:
        row.warning("Text", f"the Text contains {blank.what}: {blank.hint}; `check` fails until then")


def _group_tag(row: Row) -> str:
    """The Group as a tag ("" for none); one `check` would refuse is an error at the Group."""
    tag = suggest_slug(row.get("Group")) if row.get("Group") else ""
    if numbered_id_problem("tag", tag) is not None:
        said = f"the Group would be the topic '{tag}', made only of digits, which `check` refuses"
        row.error("Group", f"{said} (tags/{tag}/ is a numbered page of the topics index): add a word")
    return tag


def _display_date(row: Row, start: PartialDate, end: PartialDate | None) -> bool:
    """Whether the Display Date marks the date approximate ("c. 1950"); a Display Date that
    says more than the columns (before, after, between, early, late ...) is warned about, with
    EDTF dates made from the row's own date to start from."""
    shown = row.get("Display Date").strip()
    folded = shown.casefold()
    circa = folded.startswith(CIRCA_PREFIXES)
    if _SAYS_MORE.search(folded):
        row.warning(
            "Display Date",
            f"Display Date '{shown}' says more than Year/Month/Day: the date is taken from those "
            f"columns; write what it says as an EDTF date by hand, e.g. {_range_examples(start, end)}",
        )
    return circa


def _range_examples(start: PartialDate, end: PartialDate | None) -> str:
    """The three ranges around the row's date: on or before, on or after, between (the row's
    span, or the days of its month or year; a lone day: the rest of its month, or of its year)."""
    low, high = start.first_day(), (end or start).last_day()
    for wider in (low.isoformat()[:7], low.isoformat()[:4]):  # the month, or the year from its last day
        if low == high:
            high = PartialDate.parse(wider).last_day()
    return (
        f'date: "[..{start.iso()}]" (on or before), date: "[{start.iso()}..]" (on or after) '
        f'or date: "[{low.isoformat()}..{high.isoformat()}]" (between)'
    )


_SAYS_MORE = re.compile(r"\b(before|after|between|by|until|early|late|mid|since|or)\b|\s[–-]\s|\d0s\b")


def _date(
    row: Row, year_column: str, month_column: str, day_column: str, required: bool
) -> PartialDate | None:
    year_text, month_text, day_text = row.get(year_column), row.get(month_column), row.get(day_column)
    if not year_text:
        if required:
            row.error(year_column, "the Year is empty; an event needs at least the year")
        elif month_text or day_text:
            row.error(year_column, f"{year_column} is empty but {month_column}/{day_column} are not")
        return None
    if not re.fullmatch(r"[0-9]{1,4}", year_text) or int(year_text) < 1:
        row.error(year_column, f"'{year_text}' is not a year (1 to 9999; no years before the common era)")
        return None
    year = int(year_text)
    month = None
    if month_text:
        month = _month(month_text)
        if month is None:
            row.error(month_column, f"'{month_text}' is not a month (1 to 12, or its English name)")
            return None
    if not day_text:
        return PartialDate(year, month)
    if month is None:
        row.error(day_column, f"{day_column} is given without {month_column}")
        return None
    if not _NUMBER.fullmatch(day_text):
        row.error(day_column, f"'{day_text}' is not a day of the month")
        return None
    try:
        return PartialDate.parse(f"{year:04d}-{month:02d}-{int(day_text):02d}")
    except DateError as exc:
        row.error(day_column, f"no such day: {exc}")
        return None


# ASCII digits, as few as a month or day takes: `isdigit()` is also true of `²` and of a
# number too long for `int()`, which would end the import with an internal error.
_NUMBER = re.compile(r"[0-9]{1,2}")


def _month(text: str) -> int | None:
    if _NUMBER.fullmatch(text):
        number = int(text)
        return number if 1 <= number <= 12 else None
    folded = text.casefold().rstrip(".")
    for number, name in enumerate(MONTH_NAMES, start=1):
        if folded in (name.casefold(), name.casefold()[:3]):
            return number
    return None


_KINDS = {"image": "an image", "video": "a video", "media": "media (sound, a map, a post)"}


def _source_or_media(row: Row, media: str, title: str) -> tuple[SourceDraft | None, MediaDraft | None]:
    """The row's Media (its address) as the event's source when it is a page that reports it; as
    a media entry when it is a picture, a video or other media (the event then has no source yet)."""
    caption, credit = _plain(row, "Media Caption"), _plain(row, "Media Credit")
    kind = media_kind(media) if is_web_url(media) else None
    if is_web_url(media) and kind is None:
        if row.get("Media Thumbnail"):
            row.warning("Media Thumbnail", "Media Thumbnail is left out: the Media is a source, not media")
        if not caption:
            return SourceDraft(media, title, credit or None, from_headline=True), None
        return SourceDraft.from_caption(media, caption, credit or None), None
    found = None
    if kind is not None:
        thumbnail = row.get("Media Thumbnail")
        found = media_draft(media, row.get("Media Caption"), caption, credit, thumbnail, title)
        if not credit:
            row.warning(
                "Media Credit",
                "Media Credit is empty: the media entry gets an empty credit and `check` fails "
                "until it is filled in",
            )
        reason = f"Media is {_KINDS[kind]}, kept as media"
    else:
        reason = "Media is empty" if not row.get("Media") else "Media holds no http(s) address"
    row.warning(
        "Media",
        f"{reason}, so the event has no source: the file gets an empty source entry and "
        "`check` fails until one is filled in",
    )
    return None, found


def _unique_slug(base: str, taken: dict[str, int]) -> str:
    """Rows with the same headline get -2, -3 ... in row order. `taken` holds every slug
    given so far, and for a base the last number given, so each row costs one step or two
    whatever the number of equal headlines (a suffixed base may equal another row's slug)."""
    slug, number = base, taken.get(base, 0)
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: MAX_SLUG_LENGTH - len(suffix)] + suffix
    taken[base] = max(number, 1)
    taken.setdefault(slug, 0)
    return slug


def _plain(row: Row, name: str) -> str:
    """A one-line text from a cell that may hold HTML: decoded, then without what no text may
    hold (`&amp;#x202E;` decodes to a reference a feed reader would decode again)."""
    text = row.get(name)
    if "<" in text or "&" in text:
        text = row.kept(name, html_to_text(text))
    return " ".join(text.split())
