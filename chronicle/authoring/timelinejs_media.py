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
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import lxml.html

from chronicle.authoring.slide_markdown import html_to_markdown, is_web_url
from chronicle.model.media import recognise

MediaKind = Literal["image", "video", "media"]

IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff"}
)
IMAGE_HOSTS = frozenset({"upload.wikimedia.org", "i.imgur.com", "pbs.twimg.com"})
# Services whose pages are media (video, sound, maps, posts, pictures), never a report of an
# event; any of their subdomains too (m., mobile., on., vm., maps.app.).
MEDIA_HOSTS = frozenset(
    {
        "youtube.com",
        "youtube-nocookie.com",
        "youtu.be",
        "vimeo.com",
        "fb.watch",
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
# ... and the pages of a site that are media.
MEDIA_PATHS = {"facebook.com": ("/watch", "/reel")}


@dataclass(frozen=True)
class SourceDraft:
    """The row's Media as the event's source."""

    url: str
    title: str
    publisher: str | None
    title_supplied: bool = False
    """The caption was all in square brackets, as citation styles mark an editors' title (and
    as this tool's export writes one): the title without them, marked supplied."""
    from_headline: bool = False
    """The Media Caption was empty: the title is the event's Headline, for the editor to replace
    with the page's own."""

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
    """What a Media cell holds: an address, or a quotation and whom its `<cite>` names; `unusable`
    for embed code with no http(s) address in it (an iframe of `javascript:`, an empty `src`)."""

    address: str
    quotation: str = ""
    cited: str = ""
    unusable: bool = False


def media_cell(cell: str) -> MediaCell:
    """A Media cell read. TimelineJS also takes embed code there: an `<iframe>` (its `src` is the
    address), a `<blockquote>` (a quotation, or an embedded post: its `cite`, Instagram's
    permalink, else its last link is its address) and plain text (a quotation). A quotation is
    kept, as plain text, to become the quote of the event's source rather than be lost; its
    `<cite>` is who said it, not part of it. Read with lxml's HTML parser, as a browser would."""
    cell = cell.strip()
    if not cell or is_web_url(cell):
        return MediaCell(cell)
    if "<" not in cell:
        return MediaCell("", " ".join(html.unescape(cell).split()))
    root = lxml.html.fragment_fromstring(cell, create_parent="div")
    frame = next(root.iter("iframe"), None)
    if frame is not None:
        source = (frame.get("src") or "").strip()
        return MediaCell(source) if is_web_url(source) else MediaCell("", unusable=True)
    post = next((quote for quote in root.iter("blockquote") if _is_post(quote)), None)
    if post is not None:
        links = [post.get("cite"), post.get("data-instgrm-permalink")]
        links += reversed([link.get("href") for link in post.iter("a")])
        address = next((link.strip() for link in links if link and is_web_url(link.strip())), "")
        return MediaCell(address) if address else MediaCell("", unusable=True)
    cited = [" ".join(cite.text_content().split()) for cite in root.iter("cite")]
    for cite in list(root.iter("cite")):
        cite.drop_tree()
    quotation = " ".join(root.text_content().split())
    return MediaCell("", quotation, " ".join(cited).strip(" \u2014-\u2013"), unusable=not quotation)


def _is_post(quote: lxml.html.HtmlElement) -> bool:
    """An embedded post (a tweet, an Instagram or TikTok post), known by its class."""
    kind = (quote.get("class") or "").lower()
    return (
        any(name in kind for name in ("tweet", "instagram", "tiktok"))
        or quote.get("data-instgrm-permalink") is not None
    )


def media_kind(url: str) -> MediaKind | None:
    """What a Media address shows, None for a page (a source)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if posixpath.splitext(parts.path.lower())[1] in IMAGE_SUFFIXES or _among(host, IMAGE_HOSTS):
        return "image"
    if recognise(url) is not None:
        return "video"
    on_site = any(
        _among(host, {site}) and parts.path.startswith(paths) for site, paths in MEDIA_PATHS.items()
    )
    google_maps = host.removeprefix("www.").startswith("google.") and parts.path.startswith("/maps")
    if _among(host, MEDIA_HOSTS) or on_site or google_maps:
        return "media"
    return None


def _among(host: str, hosts: frozenset[str] | set[str]) -> bool:
    """`host` is one of `hosts` or a subdomain of one."""
    return any(host == known or host.endswith("." + known) for known in hosts)


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
