"""An event's media as pages, feeds and exports show them: an image with its published copies
(srcset, the copy the feeds attach), remote media with its link card and, for a known video
provider, the player a reader may ask for."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from chronicle.model.media import (
    CARD_WIDTH,
    ENCLOSURE_WIDTH,
    PLAYER_ORIGINS,
    PROVIDER_NAMES,
    Copy,
    ImageFormat,
    copy_at,
    image_copies,
    largest,
)
from chronicle.model.records import Event, ImageMedia, RemoteMedia
from chronicle.timeline.markdown import RenderedMarkdown, render_inline


@dataclass(frozen=True)
class ImageView:
    image: ImageMedia
    caption: RenderedMarkdown | None
    """The caption rendered (inline markdown), links written for any page (see RenderedMarkdown)."""
    copies: tuple[Copy, ...]
    enclosure_length: int = 0
    """Bytes of the copy the feeds attach (`enclosure`); 0 where it was not measured."""
    kind: Literal["image"] = "image"

    def srcset(self, root: str, kind: ImageFormat | None = None) -> str:
        """`srcset` of the copies in one format (default: the image's own), widest last."""
        wanted = kind or self.image.format
        return ", ".join(f"{root}{copy.path} {copy.width}w" for copy in self.copies if copy.format == wanted)

    @property
    def fallback(self) -> Copy:
        """The copy an `<img>` names in `src` (a browser that reads no `srcset`): the column's width."""
        return copy_at(self.image, ENCLOSURE_WIDTH)

    @property
    def thumbnail(self) -> Copy:
        """The copy a card shows, in the image's own format."""
        return copy_at(self.image, CARD_WIDTH)

    @property
    def thumbnail_webp(self) -> Copy:
        return copy_at(self.image, CARD_WIDTH, "webp")

    @property
    def largest(self) -> Copy:
        """The largest copy in the image's own format: og:image, JSON-LD, the data files."""
        return largest(self.image)

    @property
    def enclosure(self) -> Copy:
        return copy_at(self.image, ENCLOSURE_WIDTH)


@dataclass(frozen=True)
class RemoteView:
    media: RemoteMedia
    caption: RenderedMarkdown | None
    kind: Literal["remote"] = "remote"

    @property
    def host(self) -> str:
        """The site it is on ("youtube.com"), for the link card."""
        host = (urlsplit(self.media.url).hostname or "").lower()
        if not host.isascii():  # shown as its ASCII form, so a look-alike of a known site shows as one
            with contextlib.suppress(UnicodeError):  # a name no IDNA form holds: shown as written
                host = host.encode("idna").decode("ascii")
        return host.removeprefix("www.")

    @property
    def provider_name(self) -> str | None:
        """ "YouTube" or "Vimeo", where the page can play it."""
        return PROVIDER_NAMES[self.media.provider] if self.media.provider else None

    @property
    def player(self) -> str | None:
        """The player's address, loaded only when the reader asks (templates/assets/media.js)."""
        return self.media.player

    @property
    def player_origin(self) -> str | None:
        """Where the player comes from: the one frame source the page's policy must allow."""
        return PLAYER_ORIGINS[self.media.provider] if self.media.provider else None


MediaView = ImageView | RemoteView


def media_views(md: MarkdownIt, event: Event, lengths: Mapping[str, int]) -> tuple[MediaView, ...]:
    """The event's media as shown; `lengths`: the bytes of each measured copy, by path."""
    base = f"events/{event.slug}/"
    views: list[MediaView] = []
    for item in event.media:
        caption = render_inline(md, item.caption, base) if item.caption else None
        if isinstance(item, ImageMedia):
            copies = image_copies(item)
            length = lengths.get(copy_at(item, ENCLOSURE_WIDTH).path, 0)
            views.append(ImageView(item, caption, copies, length))
        else:
            views.append(RemoteView(item, caption))
    return tuple(views)


def players(views: tuple[MediaView, ...]) -> tuple[str, ...]:
    """The origins of the players an event page may load, each once, in order."""
    found = (view.player_origin for view in views if isinstance(view, RemoteView) and view.player)
    return tuple(dict.fromkeys(origin for origin in found if origin))
