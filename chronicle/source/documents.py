"""Source documents (seeds/<id>.txt, .md, .html) -> the plain text that quotes are checked against."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from chronicle.model.diagnostics import Diagnostic, Mark
from chronicle.model.hidden_text import INVISIBLE, hidden_characters
from chronicle.source.css_hiding import PageStyles, page_styles
from chronicle.source.hidden_elements import VOID_TAGS, HiddenElements
from chronicle.source.markdown_nesting import DOCUMENT_NESTING, unread_line

DOCUMENT_SUFFIXES = (".txt", ".md", ".html")
MAX_DOCUMENT_BYTES = 5_000_000
MAX_UNCLOSED_TAIL = 10_000
"""The longest end of an HTML document, after its last `>`, that is read as HTML: a longer one
(an unclosed `<a<a<a...`) is read as text, which is what HTML would make of it anyway."""

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul textarea xmp plaintext listing".split()
)
# Content a reader never sees as text.
_HIDDEN_TAGS = frozenset(
    {"script", "style", "template", "title", "svg", "math", "iframe", "noscript", "noframes", "datalist"}
)
# What may stand in <head>; anything else starts the body, as </head> is optional in HTML.
_HEAD_TAGS = frozenset({"head", "title", "meta", "link", "style", "script", "base", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# Control characters (but tab and newline): a document's text is published on its source page,
# where they must never be raw; each becomes U+FFFD, so offsets into the text stay the same.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def document_text(raw: str, suffix: str) -> str:
    """The readable text of a document: paragraphs separated by blank lines."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if suffix == ".html":
        raw = html_to_text(raw)
    elif suffix == ".md":
        raw = markdown_to_text(raw)
    return _CONTROL.sub("\ufffd", raw)


def invisible_warnings(raw: str, relpath: str) -> list[Diagnostic]:
    """A warning at the first character of a document that reorders text or takes no space
    (model.hidden_text.INVISIBLE), typed or, in markdown and HTML, which decode them, as a
    character reference. Only a warning: the document is third party, not the editors' to
    correct; its page shows each such character as a marker (timeline.source_pages.Segment)."""
    decodes = not relpath.endswith(".txt")
    for hidden in hidden_characters(raw, multiline=True):
        if INVISIBLE.match(hidden.char) and (decodes or not hidden.is_reference):
            line_start = raw.rfind("\n", 0, hidden.start) + 1
            mark = Mark(relpath, raw.count("\n", 0, hidden.start) + 1, hidden.start - line_start + 1)
            message = f"the document holds {hidden.named()}"
            hint = (
                f"its source page shows it as [U+{ord(hidden.char):04X}] (only the first is named "
                "here); remove it only if it is not the document's own"
            )
            return [Diagnostic(mark, "warning", message, hint)]
    return []


def nesting_warnings(raw: str, relpath: str) -> list[Diagnostic]:
    """A warning where a markdown document nests lists or quotes deeper than it is read
    (source.markdown_nesting): its text leaves out what is nested there, so a quote of it
    is not found. Only a warning: the document is third party, as `invisible_warnings` says."""
    line = unread_line(raw, DOCUMENT_NESTING) if relpath.endswith(".md") else None
    if line is None:
        return []
    message = (
        f"the document nests lists or quotes more than {DOCUMENT_NESTING} levels deep: its text, "
        "which quotes are checked against and its source page shows, leaves out what is nested here"
    )
    return [
        Diagnostic(
            Mark(relpath, line + 1, 1),
            "warning",
            message,
            "quote only from other lines, or store the document as .txt (read as it is, markers and all)",
        )
    ]


def html_to_text(html: str) -> str:
    parser = _TextExtractor(page_styles(html))
    parser.feed(html)
    parser.close()
    return parser.text()


def markdown_to_text(source: str) -> str:
    """Markdown rendered, then reduced like HTML: the words a reader reads, without markup.

    A link reference's address is left out of its links (the text has no addresses): a
    document, third party, may use one thousands of times, which rendered would repeat it in
    each (source.markdown_references), where the words are the same without it."""
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": DOCUMENT_NESTING})
    md.core.ruler.after("block", "reference_addresses_left_out", _reference_addresses_left_out)
    return html_to_text(md.render(source))


def _reference_addresses_left_out(state: StateCore) -> None:
    for reference in state.env.get("references", {}).values():
        reference["href"] = reference["title"] = ""


class LinearHTMLParser(HTMLParser):
    """HTMLParser, in time linear in its input on every Python 3.11."""

    def close(self) -> None:
        """As HTMLParser's, but linear: Python's before 3.11.14 (CVE-2025-6069) reads an end of
        the document that opens a tag and never closes it again from every `<` in it, in time
        that grows with the square of its length (320 KB: minutes). Such an end, with no `>`,
        is text as that parser makes it: every `<` in it fails to open a tag and stays as it is."""
        last = self.rawdata.rfind(">") + 1
        tail = self.rawdata[last:]
        if len(tail) <= MAX_UNCLOSED_TAIL or self.cdata_elem:
            super().close()
            return
        self.rawdata = self.rawdata[:last]
        super().close()
        self.handle_data(unescape(tail) if self.convert_charrefs else tail)


class _TextExtractor(LinearHTMLParser):
    """Collects visible text; entities are decoded by the parser (convert_charrefs)."""

    def __init__(self, styles: PageStyles) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.hidden_depth = 0
        self.pre_depth = 0
        self.in_head = False
        self.not_shown = HiddenElements(_BLOCK_TAGS, styles)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.not_shown.start(tag, attrs)
        if tag == "head":
            self.in_head = True
        elif tag not in _HEAD_TAGS:
            self.in_head = False
        if tag in _HIDDEN_TAGS:
            self.hidden_depth += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in _BLOCK_TAGS:
            self._end_block()
            if tag == "pre":
                self.pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:  # `<span hidden/>`: browsers ignore the slash of a non-void tag
            self.handle_starttag(tag, attrs)
            return
        if tag == "br":
            self.current.append("\n")
        elif tag in _BLOCK_TAGS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        self.not_shown.end(tag)
        if tag == "head":
            self.in_head = False
        if tag in _HIDDEN_TAGS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._end_block()
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden_depth or self.in_head or self.not_shown.hidden:
            return
        if self.pre_depth:
            self.current.append(data)
        else:
            self.current.append(_SPACES.sub(" ", data.replace("\n", " ")))

    def _end_block(self) -> None:
        block = "".join(self.current)
        self.current = []
        lines = [re.sub(r" {2,}", " ", line).strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append(text)

    def text(self) -> str:
        self._end_block()
        return "\n\n".join(self.blocks) + ("\n" if self.blocks else "")
