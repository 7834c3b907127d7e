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


LIGHT_IMAGE_BYTES = 24_000
"""A file at most this heavy and at most as wide as the page's column (WIDTHS[1]) is published
at its own width only: a narrower copy would save a phone a few kilobytes at best, and a
drawing's narrower copies, their edges blended into new colours, can weigh more than the
drawing itself. (A wider one is not: its widest copy, re-encoded, may weigh more than it.)"""


def copy_widths(width: int, length: int = LIGHT_IMAGE_BYTES + 1) -> tuple[int, ...]:
    """The widths an image of `width` pixels and `length` bytes is published at: each of WIDTHS
    at least a tenth below it (a copy barely smaller would add nothing), then its own width, at
    most the largest of WIDTHS (an image is never enlarged); only the last for a light file
    no wider than the page's column."""
    top = min(width, WIDTHS[-1])
    if length <= LIGHT_IMAGE_BYTES and top <= WIDTHS[1]:
        return (top,)
    return (*(size for size in WIDTHS if size * 10 <= top * 9), top)


def image_copies(image: ImageMedia) -> tuple[Copy, ...]:
    """Every copy of `image`: WebP and its own format at each width, smallest first."""
    copies: list[Copy] = []
    for width in copy_widths(image.width, image.length):
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

_YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "www.youtube-nocookie.com"}
)
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATHS = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?")
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})
# A Vimeo id is a positive number; an unlisted video's address adds its private hash.
_VIMEO_PATH = re.compile(
    r"/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?([1-9][0-9]{0,11})(?:/([0-9a-f]{6,20}))?/?"
)
_TIME = re.compile(r"(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?")


@dataclass(frozen=True)
class Video:
    """A video a page can play: its provider, id, where it starts and, for an unlisted Vimeo
    video, the hash its address carries (the player refuses it without)."""

    provider: Provider
    id: str
    start: int | None = None
    """Seconds from the start, as the address says (`t=1m30s`, `start=90`, `#t=90s`)."""
    hash: str | None = None

    @property
    def player(self) -> str:
        """The player, to load once the reader asks for it: YouTube's privacy-enhanced host (no
        cookies until the video plays), Vimeo with do-not-track; both start playing."""
        if self.provider == "youtube":
            start = f"&start={self.start}" if self.start else ""
            return f"{PLAYER_ORIGINS['youtube']}/embed/{self.id}?autoplay=1{start}"
        unlisted = f"&h={self.hash}" if self.hash else ""
        start = f"#t={self.start}s" if self.start else ""
        return f"{PLAYER_ORIGINS['vimeo']}/video/{self.id}?dnt=1&autoplay=1{unlisted}{start}"


def recognise(url: str) -> Video | None:
    """The YouTube or Vimeo video at an address, where it starts; None for any other address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        found = _youtube_id(host, parts.path, query)
        if found is None:
            return None
        start = _seconds(query.get("t", query.get("start", [""]))[0])
        return Video("youtube", found, start)
    if host in _VIMEO_HOSTS:
        match = _VIMEO_PATH.fullmatch(parts.path)
        if match is None:
            return None
        fragment = parse_qs(parts.fragment).get("t", [""])[0]
        return Video("vimeo", match.group(1), _seconds(fragment), match.group(2) or _hash(query))
    return None


def _youtube_id(host: str, path: str, query: dict[str, list[str]]) -> str | None:
    if host == "youtu.be":
        found = path.strip("/")
    elif path == "/watch":
        found = query.get("v", [""])[0]
    else:
        match = _YOUTUBE_PATHS.fullmatch(path)
        found = match.group(1) if match else ""
    return found if _YOUTUBE_ID.fullmatch(found) else None


def _seconds(text: str) -> int | None:
    """`90`, `90s`, `1m30s`, `1h2m3s` -> seconds; None for nothing, zero or an unreadable time."""
    match = _TIME.fullmatch(text.strip())
    if not text.strip() or match is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return (hours * 3600 + minutes * 60 + seconds) or None


def _hash(query: dict[str, list[str]]) -> str | None:
    """The `h=` of a player address (player.vimeo.com/video/ID?h=HASH)."""
    found = query.get("h", [""])[0]
    return found if re.fullmatch(r"[0-9a-f]{6,20}", found) else None
