"""An event read from a spreadsheet row -> the text of its content/events/<slug>.yaml file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chronicle.authoring.timelinejs_media import MediaDraft, SourceDraft
from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import one_line

MODELINE = "# yaml-language-server: $schema=../../schema/event.schema.json"

_MEDIA_NOTES = {
    "image": "a remote image: shown as a link; save it under media/, give file: and alt:, to show it",
    "video": "a video: a link card, with a player loaded only when a reader asks",
    "media": "media on another site: shown as a link card",
}


@dataclass(frozen=True)
class EventDraft:
    """An event read from a row, before its slug is chosen."""

    slug_base: str
    title: str
    date: PartialDate
    end: PartialDate | None
    circa: bool
    uncertain: bool
    """A Display Date ending in "?": the start is uncertain."""
    summary: str
    tags: tuple[str, ...]
    source: SourceDraft | None
    added: datetime.date
    origin: str
    """Where the row comes from, for the file's first comment: "timeline.csv, row 7"."""
    media: MediaDraft | None = None
    quotation: str | None = None
    """A quotation the row's Media held: the quote of the source entry the editor completes."""
    quotation_credit: str | None = None

    def render(self, slug: str) -> str:
        lines = [
            MODELINE,
            # The file name is anyone's: a line break in it would start YAML of its own here.
            f"# Imported from a TimelineJS spreadsheet ({one_line(self.origin)}).",
            f"# One event per file; the file name is its id and permalink (events/{slug}/).",
            f"title: {yaml_quoted(self.title)}",
            f"date: {self.date.iso()}{'?' if self.uncertain else ''}",
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
            if self.source.from_headline:
                lines[-1] += "  # the Headline (no Media Caption): put the page's own headline"
            if self.source.title_supplied:
                lines.append("    title_supplied: true      # the editors' title: shown in [brackets]")
            if self.source.publisher:
                lines.append(f"    publisher: {yaml_quoted(self.source.publisher)}")
        elif self.quotation is not None:
            # In a comment, where YAML escapes nothing: only printable characters.
            named = "".join(char for char in self.quotation_credit or "" if char.isprintable())
            credit = f" (credited to {named})" if named else ""
            lines.append(f"  # The spreadsheet's Media quoted this{credit}; name its document:")
            lines.append("  - article:                 # id of content/articles/<id>.yaml")
            lines.append(f"    quote: {yaml_quoted(self.quotation)}")
        else:
            lines.append("  - article:                 # id of content/articles/<id>.yaml")
            lines.append("    quote:                   # verbatim passage of that article (checked)")
            lines.append("  # - url: https://...       # or a source with no local document")
            lines.append("  #   title: ...             # required with a url: the page's headline")
        if self.media is not None:
            lines.extend(_media_lines(self.media))
        lines.append(f"added: {self.added.isoformat()}")
        return "\n".join(lines) + "\n"


def _media_lines(media: MediaDraft) -> list[str]:
    lines = ["media:", f"  # {_MEDIA_NOTES[media.kind]}", f"  - url: {yaml_quoted(media.url)}"]
    lines.append(f"    title: {yaml_quoted(media.title)}")
    if media.caption:
        lines.append(f"    caption: {yaml_quoted(media.caption)}")
    if media.credit:
        lines.append(f"    credit: {yaml_quoted(media.credit)}")
    else:
        lines.append("    credit:                  # who made it or holds it (required)")
    if media.thumbnail:
        lines.append(f"    thumbnail: {yaml_quoted(media.thumbnail)}")
    return lines


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
