"""What an image is published as (its copies, by width and format) and which remote media a page
can play: pure functions of the model, shared by the views, the exports and the build."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from chronicle.model.records import ImageMedia

MEDIA_DIR = "media"
"""The site folder's images, and where their copies are published."""

WIDTHS = (480, 960, 1600)
"""The widths of an image's copies, never above its own: 480 for cards and phones, 960 for the
page's column (46rem) on a desktop, 1600 for that column on a screen of twice the density."""

CARD_WIDTH = 480
ENCLOSURE_WIDTH = 960
"""The copy the feeds attach: wide enough for a reader's pane, light enough to fetch at every poll."""

QUALITY = {"jpeg": 82, "webp": 80}
"""Encoder qualities: no visible loss at these sizes, about a third of quality 95's bytes."""

ImageFormat = Literal["jpeg", "png", "webp"]
MIME_TYPES: dict[str, str] = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
SUFFIXES: dict[str, str] = {"jpeg": "jpg", "png": "png", "webp": "webp"}


@dataclass(frozen=True)
class Copy:
    """One published copy of an image: its site path, size and format."""

    path: str
    width: int
    height: int
    format: ImageFormat

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


MAX_COPY_SIDE = 16_383
"""The most pixels a WebP image may have on a side: a copy that would be taller is not made
(an image whose smallest copy would be is refused when it is checked)."""


def copy_widths(width: int) -> tuple[int, ...]:
    """The widths an image of `width` pixels is published at: each of WIDTHS at least a tenth
    below it (a copy barely smaller would add nothing), then its own width, at most the
    largest of WIDTHS (an image is never enlarged)."""
    top = min(width, WIDTHS[-1])
    return (*(size for size in WIDTHS if size * 10 <= top * 9), top)


def image_copies(image: ImageMedia) -> tuple[Copy, ...]:
    """Every copy of `image`: WebP and its own format at each width, smallest first."""
    copies: list[Copy] = []
    for width in copy_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        if height > MAX_COPY_SIDE and copies:
            break
        for kind in ("webp", image.format):
            name = f"{MEDIA_DIR}/{image.digest}-{width}.{SUFFIXES[kind]}"
            copies.append(Copy(name, width, height, kind))
    return tuple(copies)


def copy_at(image: ImageMedia, width: int, kind: ImageFormat | None = None) -> Copy:
    """The copy of its own format (or `kind`) closest to `width` without exceeding it (the
    smallest when every copy is wider)."""
    wanted = kind or image.format
    fitting = [copy for copy in image_copies(image) if copy.format == wanted]
    within = [copy for copy in fitting if copy.width <= width]
    return within[-1] if within else fitting[0]


def largest(image: ImageMedia, kind: ImageFormat | None = None) -> Copy:
    """The largest copy of its own format (or `kind`): og:image, the data files."""
    return copy_at(image, WIDTHS[-1], kind)


# --------------------------------------------------------------------------- remote media

Provider = Literal["youtube", "vimeo"]

PROVIDER_NAMES: dict[str, str] = {"youtube": "YouTube", "vimeo": "Vimeo"}
PLAYER_ORIGINS: dict[str, str] = {
    "youtube": "https://www.youtube-nocookie.com",
    "vimeo": "https://player.vimeo.com",
}
"""Where each provider's player comes from: the only frame sources a page may allow."""

_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"})
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATHS = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?")
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})
_VIMEO_PATH = re.compile(r"/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?([0-9]{1,12})/?")


def recognise(url: str) -> tuple[Provider, str] | None:
    """(provider, video id) of a YouTube or Vimeo video address; None for any other address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _YOUTUBE_HOSTS:
        if parts.path == "/watch":
            found = parse_qs(parts.query).get("v", [""])[0]
            return ("youtube", found) if _YOUTUBE_ID.fullmatch(found) else None
        match = _YOUTUBE_PATHS.fullmatch(parts.path)
        return ("youtube", match.group(1)) if match else None
    if host == "youtu.be":
        found = parts.path.strip("/")
        return ("youtube", found) if _YOUTUBE_ID.fullmatch(found) else None
    if host in _VIMEO_HOSTS:
        match = _VIMEO_PATH.fullmatch(parts.path)
        return ("vimeo", match.group(1)) if match else None
    return None


def player_url(provider: Provider, video: str) -> str:
    """The player of a video, to load once the reader asks for it: YouTube's privacy-enhanced
    host (no cookies until the video plays), Vimeo with do-not-track; both start playing."""
    if provider == "youtube":
        return f"{PLAYER_ORIGINS['youtube']}/embed/{video}?autoplay=1"
    return f"{PLAYER_ORIGINS['vimeo']}/video/{video}?dnt=1&autoplay=1"
