"""A TimelineJS row's Media, Media Credit, Media Caption and Media Thumbnail -> a source or a
media entry of the event file.

TimelineJS shows whatever Media holds: a picture, a video, a map, a sound clip, a tweet, a web
page. Only a page that reports the event is a source; pictures, videos, audio, maps and posts
become `media:` entries on another site (a remote image stays remote, marked in the file as
one to copy under media/ for the site to show it).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from chronicle.authoring.slide_markdown import html_to_markdown, is_web_url
from chronicle.model.media import recognise
from chronicle.source.documents import html_to_text

MediaKind = Literal["image", "video", "media"]

IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff"}
)
IMAGE_HOSTS = frozenset({"upload.wikimedia.org", "i.imgur.com", "pbs.twimg.com"})
# Services whose pages are media (sound, maps, posts, pictures), never a report of an event.
MEDIA_HOSTS = frozenset(
    {
        "soundcloud.com",
        "open.spotify.com",
        "maps.google.com",
        "goo.gl",
        "twitter.com",
        "x.com",
        "instagram.com",
        "flickr.com",
        "imgur.com",
        "giphy.com",
        "dailymotion.com",
        "commons.wikimedia.org",
        "tiktok.com",
    }
)


@dataclass(frozen=True)
class SourceDraft:
    """The row's Media as the event's source."""

    url: str
    title: str
    publisher: str | None
    title_supplied: bool = False
    """The caption was all in square brackets, as citation styles mark an editors' title (and
    as this tool's export writes one): the title without them, marked supplied."""

    @classmethod
    def from_caption(cls, url: str, caption: str, publisher: str | None) -> SourceDraft:
        if len(caption) > 2 and caption.startswith("[") and caption.endswith("]") and caption[1:-1].strip():
            return cls(url, caption[1:-1].strip(), publisher, title_supplied=True)
        return cls(url, caption, publisher)


@dataclass(frozen=True)
class MediaDraft:
    """The row's Media as a media entry on another site."""

    kind: MediaKind
    url: str
    title: str
    caption: str | None
    """Markdown, where the caption says more than its words (a link, emphasis)."""
    credit: str | None
    thumbnail: str | None


@dataclass(frozen=True)
class MediaCell:
    """What a Media cell holds: an address, or a quotation and whom its `<cite>` names."""

    address: str
    quotation: str = ""
    cited: str = ""


def media_cell(cell: str) -> MediaCell:
    """A Media cell read. TimelineJS also takes embed code there: an `<iframe>` (its `src` is the
    address), a `<blockquote>` (a quotation, or a post whose last link is its address) and plain
    text (a quotation). A quotation is kept, as plain text, to become the quote of the event's
    source rather than be lost; its `<cite>` is who said it, not part of it."""
    cell = cell.strip()
    if not cell or is_web_url(cell):
        return MediaCell(cell)
    found = _IFRAME_SRC.search(cell)
    if found is not None and is_web_url(html.unescape(found.group(1))):
        return MediaCell(html.unescape(found.group(1)))
    if _POST.search(cell):
        # the post's own address is its last link (after those in its text)
        links = [html.unescape(link) for link in _LINK.findall(cell)]
        if links and is_web_url(links[-1]):
            return MediaCell(links[-1])
    cited = " ".join(" ".join(html_to_text(part).split()) for part in _CITE.findall(cell))
    quotation = " ".join(html_to_text(_CITE.sub(" ", cell)).split())
    return MediaCell("", quotation, cited.strip(" —-–"))


_CITE = re.compile(r"<cite\b[^>]*>(.*?)</cite\s*>", re.IGNORECASE | re.DOTALL)
_IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_POST = re.compile(r"<blockquote\b[^>]*\bclass\s*=\s*[\"'][^\"']*(?:tweet|instagram|tiktok)", re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def media_kind(url: str) -> MediaKind | None:
    """What a Media address shows, None for a page (a source)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if posixpath.splitext(parts.path.lower())[1] in IMAGE_SUFFIXES or host in IMAGE_HOSTS:
        return "image"
    if recognise(url) is not None:
        return "video"
    google_maps = host.startswith("google.") and parts.path.startswith("/maps")
    if host in MEDIA_HOSTS or google_maps:
        return "media"
    return None


def media_draft(
    url: str, caption_html: str, caption: str, credit: str, thumbnail: str, title: str
) -> MediaDraft:
    """`url` (not a source) as media: titled by its caption (else the event's headline), the
    caption kept as markdown where it holds more than words."""
    kind = media_kind(url) or "media"
    written = html_to_markdown(caption_html) if caption_html else ""
    return MediaDraft(
        kind,
        url,
        caption or title,
        written if written and written != caption else None,
        credit or None,
        thumbnail if is_web_url(thumbnail) else None,
    )
