"""A TimelineJS slide's Text (HTML) -> markdown: paragraphs, line breaks, lists, links, bold, italic."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from chronicle.authoring.slide_emphasis import Kind, Piece, readable, settled
from chronicle.render.timelinejs_export import SOURCES_LINK_CLASS
from chronicle.source.documents import LinearHTMLParser


def html_to_markdown(text: str) -> str:
    """The Text of a slide as markdown: paragraphs, line breaks, lists, links, bold and italic
    are kept; any other markup is dropped. The words show as TimelineJS shows them: what
    markdown would read as its own syntax (`---` under a line, `1994. ` starting one,
    `[x](url)`, `*`) is escaped. Text without tags keeps its lines as written."""
    if "<" not in text:
        lines = html.unescape(text).replace("\u2029", "\n\n").replace("\u2028", "\n").split("\n")
        return _tidy("\n".join(escape_markdown(line.strip(), line_start=True) for line in lines))
    writer = _MarkdownWriter()
    writer.feed(text)
    writer.close()
    return _tidy(writer.markdown())


# Characters markdown reads as syntax wherever they are: emphasis, code, links and images,
# autolinks, table cells and strikethrough (the summaries' markdown: chronicle.timeline.markdown).
# An `_` inside a word is no emphasis (CommonMark's flanking rule), so a snake_case name stays.
_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<|~]|(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: a heading, a quotation, a list item or a setext underline or
# thematic break (`-`, `+`, `=`), a table's delimiter row (`:---`), an ordered list item (`1994.`).
_LINE_SYNTAX = re.compile(r"#{1,6}(?=\s|$)|>|:(?=-)|[-+=](?=[\s\-+=]|$)|[0-9]{1,9}(?=[.)](?:\s|$))")


def escape_markdown(text: str, line_start: bool) -> str:
    """`text` (decoded, one line) written so that markdown shows it as it is: every character
    markdown would read as syntax escaped (`&` kept an `&`); `line_start`: it begins a line."""
    escaped = _INLINE_SYNTAX.sub(lambda match: "\\" + match[0], _as_text(text))
    return _escaped_line_start(escaped) if line_start else escaped


def _escaped_line_start(escaped: str) -> str:
    """An escaped line whose start markdown would read as a heading, a list item or a rule,
    escaped there too."""
    start = _LINE_SYNTAX.match(escaped)
    if start is None:
        return escaped
    if start[0][0].isdigit():  # 1994. -> 1994\.
        return f"{start[0]}\\{escaped[start.end() :]}"
    return "\\" + escaped


# An `&` that markdown would read as the start of a character reference (HTML's forms, of
# which markdown's are a part): the text the HTML gave, `&amp;#x202E;` say, is `&#x202E;`,
# and markdown would turn it into U+202E.
_REFERENCE_START = re.compile(r"&(?=#[xX][0-9a-fA-F]|#[0-9]|[A-Za-z][A-Za-z0-9]{1,31};)")


def _as_text(data: str) -> str:
    """Decoded HTML text written so that markdown shows it as it is: `&` kept an `&`."""
    return _REFERENCE_START.sub("&amp;", data)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


# Elements that end a run of words (as HTML lays them out): each one's words a paragraph.
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote ul ol li section article header footer table tr td th "
    "caption thead tbody tfoot hr pre dl dt dd figure figcaption nav aside main address details "
    "summary dialog fieldset form".split()
)
_SKIPPED = frozenset({"script", "style", "template", "iframe", "svg", "math", "head", "title"})


class _MarkdownWriter(LinearHTMLParser):  # a slide's HTML is the sheet's, anyone's
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[Piece] = []
        """The block being read: its pieces, each markup this writer made or text (to escape)."""
        self.emphasis: list[str] = []
        """The bold and italic runs open, innermost last: each is closed at a line's or a
        block's end and opened again after it (markdown's emphasis cannot span them)."""
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
            self._markup("1. " if self.lists and self.lists[-1] == "ol" else "- ")
        elif tag == "br":
            opened = self._close_all()
            self._markup("\n")
            self._open_all(opened)
        elif tag in ("b", "strong"):
            self._open("**")
        elif tag in ("i", "em"):
            self._open("*")
        elif tag == "a":
            href = attributes.get("href") or ""
            # (markdown has no link inside a link: an inner one is its words)
            usable = (is_web_url(href) or href.startswith("mailto:")) and not any(self.links)
            self.links.append(href if usable else None)
            if usable:
                self._markup("[")

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
            self._close("**")
        elif tag in ("i", "em"):
            self._close("*")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href is not None:
                self._markup("](" + _DESTINATION_SYNTAX.sub(r"\\\g<0>", href) + ")")
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append((re.sub(r"\s+", " ", data), "text"))

    def _markup(self, written: str, kind: Kind = "mark") -> None:
        self.current.append((written, kind))

    def _open(self, marker: str) -> None:
        self.emphasis.append(marker)
        self._markup(marker, "open")

    def _close(self, marker: str) -> None:
        """Close the run `marker` opened; runs opened inside it and still open (HTML closed out
        of order) are closed before it and opened again after it."""
        if marker not in self.emphasis:
            return
        inner = []
        while (last := self.emphasis.pop()) != marker:
            inner.append(last)
            self._markup(last, "close")
        self._markup(marker, "close")
        self._open_all(list(reversed(inner)))

    def _close_all(self) -> list[str]:
        opened = list(self.emphasis)
        for marker in reversed(opened):
            self._close(marker)
        return opened

    def _open_all(self, markers: list[str]) -> None:
        for marker in markers:
            self._open(marker)

    def _break(self) -> None:
        opened = self._close_all()
        block = "\n".join(line for line in _lines(self.current) if line)
        if block:
            # a list item follows the item before it on the next line; anything else is a paragraph
            item = block.startswith(("- ", "1. ")) and bool(self.lists)
            joiner = "\n" if item and self.item_open else "\n\n"
            self.blocks.append((joiner if self.blocks else "") + block)
            self.item_open = item
        self.current = []
        self._open_all(opened)

    def markdown(self) -> str:
        self._break()
        return "".join(self.blocks)


_ITEM_MARKS = ("- ", "1. ")

# In a link's destination, what would end it early or escape its last character.
_DESTINATION_SYNTAX = re.compile(r"[\\()]")


def _lines(pieces: list[Piece]) -> list[str]:
    """A block's lines (split at its line breaks), each stripped, its text escaped."""
    lines: list[list[Piece]] = [[]]
    for piece, kind in pieces:
        if kind == "mark" and piece == "\n":
            lines.append([])
        else:
            lines[-1].append((piece, kind))
    return [_line(line) for line in lines]


def _line(pieces: list[Piece]) -> str:
    """One line: its first words are escaped as a line's start (or a list item's, after the
    item's mark), so that text reading `1994. ` or `# ` there stays text; its bold and
    italic written as markdown reads them (authoring.slide_emphasis)."""
    written: list[Piece] = []
    at_start = True
    for piece, kind in settled(pieces):
        if kind == "text":
            piece = piece.lstrip() if at_start else piece
            if piece:
                written.append((escape_markdown(piece, at_start), kind))
                at_start = False
        else:
            written.append((piece, kind))
            at_start = at_start and piece in _ITEM_MARKS
    kept, dropped = readable(written)
    line = "".join(piece for piece, _ in kept).strip()
    if not dropped:
        return line
    mark = next((mark for mark in _ITEM_MARKS if line.startswith(mark)), "")
    return mark + _escaped_line_start(line[len(mark) :])


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
