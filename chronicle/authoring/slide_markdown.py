"""A TimelineJS slide's Text (HTML) -> markdown: paragraphs, line breaks, lists, links, bold, italic."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from chronicle.render.timelinejs_export import SOURCES_LINK_CLASS


def html_to_markdown(text: str) -> str:
    """The Text of a slide as markdown: paragraphs, line breaks, lists, links, bold and italic
    are kept; any other markup is dropped. Text without tags is kept as written."""
    if "<" not in text:
        return _tidy(_as_text(html.unescape(text)))
    writer = _MarkdownWriter()
    writer.feed(text)
    writer.close()
    return _tidy(writer.markdown())


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
            self.current.append(re.sub(r"\s+", " ", _as_text(data)))

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
