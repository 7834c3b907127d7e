"""Markdown -> HTML with raw HTML off, unsafe link schemes refused, and internal links portable.

A relative link in a summary is written relative to the event's own page. The same
summary also appears on the timeline, tag pages and in feeds, so internal links (a
fragment alone, `#sources`, included: it names a part of the event's page) are resolved to
site paths and re-joined for each page with that page's prefix.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import validateLink
from markdown_it.token import Token
from markupsafe import Markup

from chronicle.model.hidden_text import INVISIBLE
from chronicle.model.media import MEDIA_DIR

# markdown-it turns NUL in its input into U+FFFD, so NUL cannot occur in rendered HTML.
_SENTINEL = "\x00"


@dataclass(frozen=True)
class RenderedMarkdown:
    """HTML split around internal link targets: even parts are HTML, odd parts site paths."""

    parts: tuple[str, ...]
    text: str
    """The words without markup, for descriptions and search."""

    def html(self, prefix: str, below: int | str = 0) -> Markup:
        """The HTML for a page whose way back to the site root is `prefix` ("../../", or a URL).

        At the site root (prefix "") a path whose first segment holds a colon would read as a
        scheme (`javascript:...`): it is written `./` first.

        `below`: the heading the markdown is shown under (1 or "h1"; 0: none). Its headings
        move down as far as needed to fall below it, keeping their steps (h6 at most), so a
        `# Heading` in a summary is no second h1 on the event page.
        """
        shift = _heading_shift(self.parts[::2], below)
        return self._joined(prefix, (lambda part: _shifted(part, shift)) if shift else None)

    def html_without_headings(self, prefix: str) -> Markup:
        """The HTML with each heading a paragraph in bold: for an event's card, one of many in
        a list, whose title is the one heading a reader going from heading to heading meets."""
        return self._joined(prefix, _unheaded)

    def _joined(self, prefix: str, change: Callable[[str], str] | None) -> Markup:
        return Markup(
            "".join(
                (change(part) if change else part)
                if index % 2 == 0
                else (prefix or _dot_if_scheme_like(part)) + part
                for index, part in enumerate(self.parts)
            )
        )

    @property
    def internal_links(self) -> tuple[str, ...]:
        return self.parts[1::2]


# Raw HTML is off, so a heading tag in the output can only be a markdown heading's.
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def _heading_shift(html_parts: tuple[str, ...], below: int | str) -> int:
    level = int(below[1:]) if isinstance(below, str) and below[1:].isdigit() else below
    if not isinstance(level, int) or level <= 0:
        return 0
    top = min((int(match[2]) for part in html_parts for match in _HEADING_TAG.finditer(part)), default=7)
    return max(0, level + 1 - top)


def _shifted(html: str, shift: int) -> str:
    return _HEADING_TAG.sub(lambda match: f"<{match[1]}h{min(6, int(match[2]) + shift)}>", html)


def _unheaded(html: str) -> str:
    return _HEADING_TAG.sub(lambda match: "</strong></p>" if match[1] else "<p><strong>", html)


def _dot_if_scheme_like(path: str) -> str:
    return "./" if ":" in path.partition("/")[0].partition("?")[0].partition("#")[0] else ""


# Characters XML 1.0 does not allow (feeds are XML), which markdown can still produce from a
# character reference such as &#12;: shown as U+FFFD, as markdown-it shows &#0;.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def make_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def render_markdown(md: MarkdownIt, source: str, base_path: str) -> RenderedMarkdown:
    """Render `source` as it would appear at site path `base_path` (e.g. "events/slug/")."""
    return _rendered(md, md.parse(source), base_path)


def render_inline(md: MarkdownIt, source: str, base_path: str) -> RenderedMarkdown:
    """One line of inline markdown (a caption: emphasis, links, code; no paragraphs), rendered
    as `render_markdown` renders a summary as it would appear at `base_path`."""
    return _rendered(md, md.parseInline(source), base_path)


def _rendered(md: MarkdownIt, tokens: list[Token], base_path: str) -> RenderedMarkdown:
    for token in tokens:
        if token.children:
            token.children = _rewritten(token.children, base_path)
    html = md.renderer.render(tokens, md.options, {})
    if "<table>" in html:
        # A table wider than a phone scrolls on its own, in a box, rather than the whole page
        # sideways (WCAG 1.4.10, Reflow), as the claims' tables do. Raw HTML is off, so every
        # "<table>" is one markdown made. (Not a render rule: markdown-it binds one to its
        # renderer, a reference cycle that would keep every build's theme in memory.)
        html = html.replace("<table>\n", '<div class="table-wrap">\n<table>\n').replace(
            "</table>\n", "</table>\n</div>\n"
        )
    parts = tuple(_publishable(part) for part in html.split(_SENTINEL))
    return RenderedMarkdown(parts, _publishable(_plain_text(tokens)))


def _publishable(text: str) -> str:
    """What markdown made, with nothing a text may not hold: a character XML does not allow as
    U+FFFD; one that hides or reorders text (model.hidden_text) left out. `check` refuses
    both in the source, typed or as a character reference: this is for what it never saw."""
    return INVISIBLE.sub("", _NOT_IN_XML.sub("\ufffd", text))


def _plain_text(tokens: list[Token]) -> str:
    """The words a reader reads, in order: code (inline, fenced or indented) and an image's
    alternative text among them, each block's and table cell's apart from the next."""
    words: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type == "image":
                words.append(_alt_text(child))
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type in ("fence", "code_block"):
            words.append(token.content)
        if token.type in _WORDS_END:
            words.append(" ")
    return " ".join("".join(words).split())


_WORDS_END = frozenset(("paragraph_close", "heading_close", "th_close", "td_close", "fence", "code_block"))


def _rewritten(children: list[Token], base_path: str) -> list[Token]:
    """Each of an inline's tokens as `_rewrite` makes it; an image inside a link is its text
    there, as a link inside a link would be."""
    made: list[Token] = []
    depth = 0
    for child in children:
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        source = str(child.attrGet("src") or "") if child.type == "image" else ""
        if source and depth > 0 and resolve_site_path(source, base_path) is None:
            made.append(Token("text", "", 0, content=_alt_text(child)))
        else:
            made.extend(_rewrite(child, base_path))
    return made


def _alt_text(image: Token) -> str:
    """An image's alternative text as a reader reads it (its markup and references read)."""
    return "".join(child.content for child in image.children or () if child.type in ("text", "code_inline"))


def _rewrite(token: Token, base_path: str) -> list[Token]:
    """An internal link made portable; an image from another site made a link to it (the site
    requests nothing from elsewhere); an image under media/ (never published as such) its text."""
    attribute = "href" if token.type == "link_open" else "src" if token.type == "image" else None
    if attribute is None:
        return [token]
    target = token.attrGet(attribute)
    if not isinstance(target, str):
        return [token]
    site_path = resolve_site_path(target, base_path)
    if token.type == "image" and site_path is not None and site_path.startswith(f"{MEDIA_DIR}/"):
        # The site's images are published as copies, never as the file named: `media:` shows them.
        return [Token("text", "", 0, content=_alt_text(token) or site_path)]
    if site_path is not None:
        token.attrSet(attribute, _SENTINEL + site_path + _SENTINEL)
    elif token.type == "image":
        link = Token("link_open", "a", 1, attrs={"href": target})
        return [link, Token("text", "", 0, content=_alt_text(token) or target), Token("link_close", "a", -1)]
    return [token]


def written_links(md: MarkdownIt, source: str, base_path: str, inline: bool = False) -> list[tuple[str, str]]:
    """(target as the markdown gives it, site path) of each internal link of `source` as
    `render_markdown` (or, `inline`, `render_inline`) makes it, in the order of
    `RenderedMarkdown.internal_links`: to find where a link is written."""
    found = []
    for token in md.parseInline(source) if inline else md.parse(source):
        for child in token.children or ():
            attribute = "href" if child.type == "link_open" else "src" if child.type == "image" else None
            target = child.attrGet(attribute) if attribute else None
            if not isinstance(target, str):
                continue
            site_path = resolve_site_path(target, base_path)
            shown_as_text = child.type == "image" and (site_path or "").startswith(f"{MEDIA_DIR}/")
            if site_path is not None and not shown_as_text:
                found.append((target, site_path))
    return found


def resolve_site_path(target: str, base_path: str) -> str | None:
    """The site path an internal link points to; None for external links."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target:
        return None
    path = _dot_segments(parts.path) or "/" + base_path  # "?page=2" and "#part": the page itself
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base_path, path)
    normal = posixpath.normpath(joined) if joined else ""
    normal = "" if normal in (".", "..") or normal.startswith("../") else normal
    if normal and (path.endswith("/") or path in (".", "..")):
        normal += "/"
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return normal + suffix


def climbs_above_root(target: str, base_path: str) -> bool:
    """Whether an internal link climbs above the site's root (`resolve_site_path` makes it the
    home page's)."""
    parts = urlsplit(target)
    path = _dot_segments(parts.path)
    if parts.scheme or parts.netloc or not path:
        return False
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base_path, path)
    normal = posixpath.normpath(joined) if joined else ""
    return normal == ".." or normal.startswith("../")


_DOTS = {"%2e": ".", ".%2e": "..", "%2e.": "..", "%2e%2e": ".."}


def _dot_segments(path: str) -> str:
    """The path with its percent-encoded dot segments (`%2e%2e`, `.%2e`) written as dots: a
    browser reads them as `..` and `.` (the URL Standard), and so must the link's resolution."""
    if "%" not in path:
        return path
    return "/".join(_DOTS.get(segment.lower(), segment) for segment in path.split("/"))


_NEVER_LINKED = re.compile(r"^\s*(javascript|vbscript|file|data):", re.IGNORECASE)
_AUTHORITY_SCHEMES = frozenset({"http", "https"})


def unmade_links(source: str, inline: bool = False) -> list[tuple[str, str]]:
    """(target as markdown gives it, its scheme) of each link or image of `source` that is
    made nothing a reader can follow: one markdown refuses (javascript:, vbscript:, file:,
    data: but an image's), shown as its text, and an http(s) address without `//`
    (`https:evil.example`), which a browser reads as a path of the site it is on."""
    md = _every_link_markdown()
    found = []
    for token in md.parseInline(source) if inline else md.parse(source):
        for child in token.children or ():
            target = child.attrGet("href" if child.type == "link_open" else "src")
            if child.type not in ("link_open", "image") or not isinstance(target, str):
                continue
            parts = urlsplit(target)
            if not validateLink(target) and (never := _NEVER_LINKED.match(target)):
                found.append((target, never[1].lower()))
            elif parts.scheme.lower() in _AUTHORITY_SCHEMES and not parts.netloc:
                found.append((target, parts.scheme.lower()))
    return found


class _EveryLink(MarkdownIt):
    """Markdown that makes every link, the ones `make_markdown` refuses too: to name them."""

    def validateLink(self, url: str) -> bool:
        return True


@cache
def _every_link_markdown() -> MarkdownIt:
    return _EveryLink("commonmark", {"html": False}).enable(["table", "strikethrough"])
