"""An image under media/ -> one of its published copies (model.media.image_copies): decoded with
Pillow, turned as the camera held it, resized, and encoded as WebP or in its own format with
nothing of the original's metadata but its colour profile.

Cameras and phones write where and when a photo was taken, and with what device, into its
EXIF (and XMP); a copy is encoded from the pixels alone, so none of that is ever published.
The same bytes and parameters always give the same copy (the golden output holds them).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from chronicle.model.media import QUALITY, Copy
from chronicle.model.records import ImageMedia
from chronicle.source.images import (
    MAX_IMAGE_BYTES,
    ORIENTATION,
    READ_FORMATS,
    TURNED,
    image_digest,
    usable_profile,
)
from chronicle.source.load import UnreadableFile, read_bounded

if TYPE_CHECKING:
    from PIL import Image

_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


class ImageChangedError(OSError):
    """An image whose file changed after it was checked (an editor saving it during a build)."""

    def __init__(self, relpath: str) -> None:
        super().__init__(f"{relpath} changed or was removed while the site was being built: build again")
        self.relpath = relpath

    def __reduce__(self) -> tuple[type, tuple[str]]:  # raised in a worker, shown by the parent
        return (ImageChangedError, (self.relpath,))


def publish_copy(root: Path, image: ImageMedia, copy: Copy) -> bytes:
    """The bytes of one copy of `image`, made from its file as it was checked."""
    try:
        data = read_bounded(root, image.file, MAX_IMAGE_BYTES)
    except UnreadableFile:
        raise ImageChangedError(image.file) from None
    if image_digest(data) != image.digest:
        raise ImageChangedError(image.file)
    return encode_copy(data, copy)


def encode_copy(data: bytes, copy: Copy) -> bytes:
    """`data` (a checked image) as `copy` says: its size and format, no metadata."""
    from PIL import Image, ImageOps  # only where copies are made (see source.images.inspect_image)

    with Image.open(io.BytesIO(data), formats=READ_FORMATS) as source:
        turned = source.getexif().get(ORIENTATION) in TURNED
        stored = (copy.height, copy.width) if turned else (copy.width, copy.height)
        # A JPEG decodes straight to a half, quarter or eighth of its size when that is still
        # at least the copy's: four to sixty times fewer pixels to decode and resize.
        source.draft(None, stored)
        profile = usable_profile(source.info.get("icc_profile")) if source.mode != "CMYK" else None
        # Drawings, charts and screenshots are saved in colour as PNG, GIF or WebP; a JPEG,
        # or a greyscale image, is a photo even when it has few colours.
        drawn = source.format in ("PNG", "GIF", "WEBP") and source.mode not in _GREY
        image = ImageOps.exif_transpose(source) or source
        image = _in_mode(image, copy.format)
        graphic = drawn and copy.format != "jpeg" and image.getcolors(GRAPHIC_COLOURS) is not None
        if image.size != (copy.width, copy.height):
            image = image.resize((copy.width, copy.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        if graphic and image.mode == "RGB":
            image = _in_palette(image, copy.format)
        image.info = {}  # nothing of the original's text, comments, EXIF or XMP carries over
        buffer = io.BytesIO()
        image.save(buffer, _PILLOW_FORMATS[copy.format], **_options(copy.format, profile, graphic))
    return buffer.getvalue()


GRAPHIC_COLOURS = 256
"""A PNG, GIF or WebP in colour with at most this many colours is a drawing, a chart or a
screenshot: its WebP copies are lossless, and an opaque one's PNG copies keep a palette of as
many colours; a fraction of the bytes a photo's encoding takes for flat colour. (Resized, its
edges blend into new colours, and a copy may then weigh more than a small original.)"""

_GREY = frozenset({"1", "L", "LA", "La", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"})


def _in_palette(image: Image.Image, kind: str) -> Image.Image:
    """An opaque graphic's copy in at most 256 colours: exactly its own at its own size (median
    cut keeps every colour when there are no more); resized, the nearest of 256 to its blended
    edges, without visible change."""
    from PIL import Image

    palette = image.quantize(GRAPHIC_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return palette if kind == "png" else palette.convert(image.mode)


def _in_mode(image: Image.Image, kind: str) -> Image.Image:
    """The image in a mode its copy's format holds: RGB, or RGBA where it has transparency
    (JPEG has none), L for greyscale JPEG and PNG."""
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        transparent = False  # a screenshot's alpha channel, every pixel opaque
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")  # 16 -> 8 bits
    if kind == "jpeg":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if transparent:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    if kind == "png" and image.mode in ("L", "RGB"):
        return image
    return image.convert("RGB")


def _options(kind: str, profile: bytes | None, graphic: bool) -> dict[str, object]:
    options: dict[str, object] = {"icc_profile": profile} if profile else {}
    if kind == "jpeg":
        # Progressive: a reader sees the whole picture early; optimize: smaller Huffman tables.
        return {**options, "quality": QUALITY["jpeg"], "optimize": True, "progressive": True}
    if kind == "webp":
        return {**options, "quality": QUALITY["webp"], "method": 4, "lossless": graphic}
    return {**options, "optimize": True}
