"""Markdown -> HTML with raw HTML off, unsafe link schemes refused, and internal links portable.

A relative link in a summary is written relative to the event's own page. The same
summary also appears on the timeline, tag pages and in feeds, so internal links are
resolved to site paths and re-joined for each page with that page's prefix.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# markdown-it turns NUL in its input into U+FFFD, so NUL cannot occur in rendered HTML.
_SENTINEL = "\x00"


@dataclass(frozen=True)
class RenderedMarkdown:
    """HTML split around internal link targets: even parts are HTML, odd parts site paths."""

    parts: tuple[str, ...]
    text: str
    """The words without markup, for descriptions and search."""

    def html(self, prefix: str) -> Markup:
        """The HTML for a page whose way back to the site root is `prefix` ("../../", or a URL)."""
        return Markup(
            "".join(part if index % 2 == 0 else prefix + part for index, part in enumerate(self.parts))
        )

    @property
    def internal_links(self) -> tuple[str, ...]:
        return self.parts[1::2]


def make_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def render_markdown(md: MarkdownIt, source: str, base_path: str) -> RenderedMarkdown:
    """Render `source` as it would appear at site path `base_path` (e.g. "events/slug/")."""
    tokens = md.parse(source)
    for token in tokens:
        for child in token.children or ():
            _rewrite(child, base_path)
    html = md.renderer.render(tokens, md.options, {})
    return RenderedMarkdown(tuple(html.split(_SENTINEL)), _plain_text(tokens))


def render_plain(md: MarkdownIt, source: str) -> str:
    """The words of a markdown text without markup."""
    return _plain_text(md.parse(source))


def _plain_text(tokens: list[Token]) -> str:
    words: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type in ("paragraph_close", "heading_close"):
            words.append(" ")
    return " ".join("".join(words).split())


def _rewrite(token: Token, base_path: str) -> None:
    attribute = "href" if token.type == "link_open" else "src" if token.type == "image" else None
    if attribute is None:
        return
    target = token.attrGet(attribute)
    if not isinstance(target, str):
        return
    site_path = resolve_site_path(target, base_path)
    if site_path is not None:
        token.attrSet(attribute, _SENTINEL + site_path + _SENTINEL)


def resolve_site_path(target: str, base_path: str) -> str | None:
    """The site path an internal link points to; None for external links and fragments."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("#") or not target:
        return None
    path = parts.path or "/" + base_path  # "?page=2" points at the page itself
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base_path, path)
    normal = posixpath.normpath(joined) if joined else ""
    normal = "" if normal in (".", "..") or normal.startswith("../") else normal
    if normal and (path.endswith("/") or path in (".", "..")):
        normal += "/"
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return normal + suffix
