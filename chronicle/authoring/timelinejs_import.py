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
import html
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlsplit

from slugify import slugify

from chronicle.model.dates import MONTH_NAMES, DateError, PartialDate
from chronicle.render.timelinejs_export import SOURCES_LINK_CLASS
from chronicle.source.documents import html_to_text
from chronicle.source.validate import MAX_SLUG_LENGTH

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
"""The columns of Knight Lab's TimelineJS Google Sheets template, in its order."""
REQUIRED_COLUMNS = ("Year", "Headline")
MODELINE = "# yaml-language-server: $schema=../../schema/event.schema.json"
CIRCA_PREFIXES = ("c.", "c ", "ca.", "circa", "approx", "about ", "around ")

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field of the spreadsheet; formatted only when printed."""

    row: int
    """CSV line number where the record starts (1 is the header)."""
    column: int
    """1-based column of the offending field."""
    severity: Severity
    message: str

    def format(self, file: str) -> str:
        return f"{file}:{self.row}:{self.column}: {self.severity}: {self.message}"


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
    records = list(_records(text, result))
    if not records:
        if result.ok:
            result.problems.append(Problem(1, 1, "error", "the file is empty: no header row"))
        return result
    header_line, header = records[0]
    columns = _columns(header)
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
    taken: set[str] = set()
    rows = 0
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        row = _Row(line, cells, columns, result.problems)
        event = _convert(row, added, origin)
        if event is None:
            continue
        slug = _unique_slug(event.slug_base, taken)
        taken.add(slug)
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


def _records(text: str, result: ImportResult) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its cells); a malformed CSV is an error at its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Column name -> 0-based index; names matched ignoring case and spacing."""
    known = {" ".join(name.split()).casefold(): name for name in COLUMNS}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = known.get(" ".join(cell.split()).casefold())
        if name is not None and name not in found:
            found[name] = index
    return found


class _Row:
    """One record's cells by column name, and the problems found in them."""

    def __init__(self, line: int, cells: list[str], columns: dict[str, int], problems: list[Problem]) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns
        self.problems = problems
        self.errors = 0

    def get(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return ""
        return _clean(self.cells[index]).strip()

    def column(self, name: str) -> int:
        index = self.columns.get(name)
        return index + 1 if index is not None else 1

    def error(self, name: str, message: str) -> None:
        self.errors += 1
        self.problems.append(Problem(self.line, self.column(name), "error", message))

    def warning(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.line, self.column(name), "warning", message))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _clean(text: str) -> str:
    """Line ends as "\\n", invisible control characters (pasted from other programs) removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class _Source:
    url: str
    title: str
    publisher: str | None


@dataclass(frozen=True)
class _Event:
    slug_base: str
    title: str
    date: PartialDate
    end: PartialDate | None
    circa: bool
    summary: str
    tags: tuple[str, ...]
    source: _Source | None
    added: datetime.date
    origin: str
    """Where the row comes from, for the file's first comment: "timeline.csv, row 7"."""

    def render(self, slug: str) -> str:
        lines = [
            MODELINE,
            f"# Imported from a TimelineJS spreadsheet ({self.origin}).",
            f"# One event per file; the file name is its id and permalink (events/{slug}/).",
            f"title: {yaml_quoted(self.title)}",
            f"date: {self.date.iso()}",
        ]
        if self.end is not None:
            lines.append(f"end: {self.end.iso()}")
        if self.circa:
            lines.append("circa: true")
        lines.append(_summary_yaml(self.summary))
        if self.tags:
            lines.append(f"tags: [{', '.join(self.tags)}]")
        lines.append("sources:")
        if self.source is not None:
            lines.append(f"  - url: {yaml_quoted(self.source.url)}")
            lines.append(f"    title: {yaml_quoted(self.source.title)}")
            if self.source.publisher:
                lines.append(f"    publisher: {yaml_quoted(self.source.publisher)}")
        else:
            lines.append("  - article:                 # id of content/articles/<id>.yaml")
            lines.append("    quote:                   # verbatim passage of that article (checked)")
            lines.append("  # - url: https://...       # or a source with no local document")
            lines.append("  #   title: ...             # its title")
        lines.append(f"added: {self.added.isoformat()}")
        return "\n".join(lines) + "\n"


def _convert(row: _Row, added: datetime.date, origin: str) -> _Event | None:
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
    title = _plain(row.get("Headline"))
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
    summary = html_to_markdown(row.get("Text"))
    if not summary:
        row.warning("Text", "the Text is empty: write a summary; `check` fails until then")
    tag = slugify(row.get("Group"), max_length=MAX_SLUG_LENGTH) if row.get("Group") else ""
    return _Event(
        slug_base=(slugify(title, max_length=80, word_boundary=True) or "event")[:MAX_SLUG_LENGTH],
        title=title,
        date=start,
        end=end if end != start else None,
        circa=row.get("Display Date").casefold().startswith(CIRCA_PREFIXES),
        summary=summary,
        tags=(tag,) if tag else (),
        source=_source(row, title),
        added=added,
        origin=f"{origin}, row {row.line}" if origin else f"row {row.line}",
    )


def _date(
    row: _Row, year_column: str, month_column: str, day_column: str, required: bool
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
    if not day_text.isdigit():
        row.error(day_column, f"'{day_text}' is not a day of the month")
        return None
    try:
        return PartialDate.parse(f"{year:04d}-{month:02d}-{int(day_text):02d}")
    except DateError as exc:
        row.error(day_column, f"no such day: {exc}")
        return None


def _month(text: str) -> int | None:
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    folded = text.casefold().rstrip(".")
    for number, name in enumerate(MONTH_NAMES, start=1):
        if folded in (name.casefold(), name.casefold()[:3]):
            return number
    return None


def _source(row: _Row, title: str) -> _Source | None:
    media = row.get("Media")
    if is_web_url(media):
        caption = _plain(row.get("Media Caption"))
        credit = _plain(row.get("Media Credit"))
        return _Source(media, caption or title, credit or None)
    reason = "Media is empty" if not media else "Media is not an http(s) URL"
    row.warning(
        "Media",
        f"{reason}, so the event has no source: the file gets an empty source entry and "
        "`check` fails until one is filled in",
    )
    return None


def is_web_url(text: str) -> bool:
    """An address the build accepts as a source `url`."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.netloc)
        and not any(char.isspace() for char in text)
        and '"' not in text
        and "<" not in text
    )


def _unique_slug(base: str, taken: set[str]) -> str:
    """Rows with the same headline get -2, -3 ... in row order."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: MAX_SLUG_LENGTH - len(suffix)] + suffix
    return slug


def _plain(text: str) -> str:
    """A one-line text from a cell that may hold HTML."""
    return " ".join(html_to_text(text).split()) if "<" in text or "&" in text else " ".join(text.split())


# --------------------------------------------------------------------------- Text -> markdown


def html_to_markdown(text: str) -> str:
    """The Text of a slide as markdown: paragraphs, line breaks, lists, links, bold and italic
    are kept; any other markup is dropped. Text without tags is kept as written."""
    if "<" not in text:
        return _tidy(html.unescape(text))
    writer = _MarkdownWriter()
    writer.feed(text)
    writer.close()
    return _tidy(writer.markdown())


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote ul ol li section article header footer table tr".split()
)
_SKIPPED = frozenset({"script", "style", "template", "iframe", "svg", "math", "head", "title"})


class _MarkdownWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.skipping_tag: str | None = None
        self.lists: list[str] = []
        self.links: list[str | None] = []
        self.item_open = False
        """The last block written was a list item: the next item follows on the next line."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skip_depth:
            if tag == self.skipping_tag:
                self.skip_depth += 1
            return
        classes = (attributes.get("class") or "").split()
        if tag in _SKIPPED or (tag == "p" and SOURCES_LINK_CLASS in classes):
            # the link back to the event page that chronicle's own export adds
            self.skip_depth, self.skipping_tag = 1, tag
            return
        if tag in _BLOCKS:
            self._break()
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self.current.append("1. " if self.lists and self.lists[-1] == "ol" else "- ")
        elif tag == "br":
            self.current.append("\n")
        elif tag in ("b", "strong"):
            self.current.append("**")
        elif tag in ("i", "em"):
            self.current.append("*")
        elif tag == "a":
            href = attributes.get("href") or ""
            usable = is_web_url(href) or href.startswith("mailto:")
            self.links.append(href if usable else None)
            if usable:
                self.current.append("[")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skipping_tag:
                self.skip_depth -= 1
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in ("b", "strong"):
            self.current.append("**")
        elif tag in ("i", "em"):
            self.current.append("*")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href is not None:
                self.current.append(f"]({href})")
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(re.sub(r"\s+", " ", data))

    def _break(self) -> None:
        text = "".join(self.current)
        lines = [line.strip() for line in text.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            # a list item follows the item before it on the next line; anything else is a paragraph
            item = block.startswith(("- ", "1. ")) and bool(self.lists)
            joiner = "\n" if item and self.item_open else "\n\n"
            self.blocks.append((joiner if self.blocks else "") + block)
            self.item_open = item
        self.current = []

    def markdown(self) -> str:
        self._break()
        return "".join(self.blocks)


# --------------------------------------------------------------------------- YAML output


def _printable(char: str) -> bool:
    """What a YAML scalar may hold raw (libyaml's printable set, less its line breaks)."""
    code = ord(char)
    if char in "\u2028\u2029\u0085\ufeff":
        return False
    return (
        char == "\t"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every character survives, escaped where needed."""
    out = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif _printable(char):
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _summary_yaml(summary: str) -> str:
    """A literal block when the text allows one (as editors write summaries), else a quoted scalar."""
    if not summary:
        return "summary:                     # what happened, in markdown"
    literal = (
        all(_printable(char) or char == "\n" for char in summary)
        and not summary[0].isspace()
        and "\t" not in summary
    )
    if literal:
        return "summary: |\n" + "\n".join(f"  {line}" if line else "" for line in summary.split("\n"))
    return f"summary: {yaml_quoted(summary)}"
