"""An image file's bytes -> what the build needs of it (format, size as shown, digest), or why it
cannot be published: checked with Pillow before anything is made from it.

A file of a site folder may be anything: a photo saved under the wrong name, a download cut
short, a crafted "decompression bomb" (a few kilobytes that decode into gigabytes). The size of
the file is bounded before it is read, the number of pixels before it is decoded, and the whole
image is decoded once here, so that a truncated or corrupt file is an error at its `file:` line,
never a traceback in the middle of the build.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from chronicle.model.media import MAX_COPY_SIDE, copy_widths

if TYPE_CHECKING:
    from PIL import Image

MAX_IMAGE_BYTES = 20_000_000
"""A photo straight from a camera is 5-15 MB; anything larger is not meant for a web page."""
MAX_PROFILE_BYTES = 1_000_000
"""A colour profile is 0.5-600 KB; one larger would be copied into every copy of the image."""
MAX_PIXELS = 50_000_000
"""50 megapixels (8,660 x 5,773): above any camera's photo. Making the copies of one such image
takes about 0.7 GB (a decoded pixel takes 3-4 bytes, and every copy is made from it), once per
worker at a time."""

ORIENTATION = 0x0112
"""The EXIF tag saying how a camera held the photo; 5-8 are a quarter turn, width and height swap."""
TURNED = frozenset({5, 6, 7, 8})

_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"

READ_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
"""What an image under media/ may be (Pillow's names): what cameras, phones set to "most
compatible", drawing programs and browsers' "save image" write."""

# What a file that is not one of those most often is, known by its first bytes.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"ftypavif", 4, "an AVIF image"),
    (b"ftypheic", 4, "a HEIC image (an iPhone photo)"),
    (b"ftypmif1", 4, "a HEIF image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"BM", 0, "a BMP image"),
    (b"%PDF", 0, "a PDF document"),
    (b"<svg", 0, "an SVG drawing"),
    (b"<?xml", 0, "an XML file (an SVG drawing?)"),
    (b"<!DOCTYPE html", 0, "a web page"),
    (b"<html", 0, "a web page"),
)


class ImageProblem(Exception):
    """Why an image cannot be published; said at the `file:` value that names it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class ImageFacts:
    format: Literal["jpeg", "png"]
    """The format of its copies besides WebP (a GIF's are PNG, a WebP photo's JPEG)."""
    width: int
    height: int
    """As shown, the EXIF orientation applied."""
    digest: str
    length: int
    """The file's bytes."""
    profile_dropped: bool = False
    """It carries a colour profile that is not one (`usable_profile`): its copies carry none."""

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def image_digest(data: bytes) -> str:
    """16 hexadecimal digits of the SHA-256 of the file: the name of its published copies."""
    return hashlib.sha256(data).hexdigest()[:16]


def inspect_image(data: bytes) -> ImageFacts:
    """The facts of a JPEG, PNG, GIF or WebP image, decoded in full; ImageProblem for anything
    else, and for an animation (its copies would show only its first frame)."""
    # Pillow is imported when an image is read (about 25 ms): a site without images, and
    # every rebuild that reads none, never loads it.
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow warns of 89 to 179 megapixels when it reads the header (and refuses more):
        # MAX_PIXELS, lower, is checked right after, before any pixel is decoded.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=READ_FORMATS) as image:
                _not_animated(image)
                dropped = not _profile_checked(image)
                kind = _published_as(image)
                width, height = _checked_size(image)
                # A JPEG is checked at an eighth of its size (libjpeg scales while decoding):
                # every byte is still read, so a file cut short is still caught.
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
                turned = image.getexif().get(ORIENTATION) in TURNED
        except ImageProblem:
            raise
        except UnidentifiedImageError:
            if data.startswith((_PNG, _JPEG)):
                raise ImageProblem(
                    "this image cannot be read: it is cut short or damaged",
                    "open it in an image editor and save it again, or copy it anew",
                ) from None
            raise ImageProblem(
                f"this file is not a JPEG, PNG, GIF or WebP image: it is {_what_it_is(data)}",
                "save it as JPEG (photos) or PNG (drawings, screenshots)",
            ) from None
        except Image.DecompressionBombError:
            raise ImageProblem(
                f"this image has too many pixels (more than {MAX_PIXELS:,})",
                "scale it down: 2,000 pixels across is plenty for a web page",
            ) from None
        # Pillow's decoders report a malformed file with whatever their parsers raise (OSError,
        # SyntaxError, ValueError, struct.error ...): every one of them means "cannot be read".
        except Exception as error:
            raise ImageProblem(
                f"this image cannot be read: {_why(error)}",
                "open it in an image editor and save it again (it may be cut short or damaged)",
            ) from None
    shown = (height, width) if turned else (width, height)
    smallest = copy_widths(shown[0], len(data))[0]
    tallest = round(shown[1] * smallest / shown[0])
    if tallest > MAX_COPY_SIDE:
        raise ImageProblem(
            f"this image is too tall for a web page: {smallest} pixels wide, it is {tallest:,} high, "
            f"and a WebP image may be at most {MAX_COPY_SIDE:,}",
            "crop it, or cut it into several images",
        )
    return ImageFacts(kind, shown[0], shown[1], image_digest(data), len(data), dropped)


def _published_as(image: Image.Image) -> Literal["jpeg", "png"]:
    """The format of its copies besides WebP: a JPEG's own; PNG for a PNG or GIF, and for a
    WebP with transparency (JPEG has none); JPEG for any other WebP (a photo)."""
    if image.format in ("JPEG", "MPO"):  # MPO: a camera's JPEG holding a preview, read as its first
        return "jpeg"
    if image.format == "WEBP" and not image.has_transparency_data:
        return "jpeg"
    return "png"


def _profile_checked(image: Image.Image) -> bool:
    """Whether the image's colour profile, if any, is one its copies may carry."""
    profile = image.info.get("icc_profile") or b""
    if len(profile) > MAX_PROFILE_BYTES:
        raise ImageProblem(
            f"this image carries a colour profile of {len(profile):,} bytes (the limit is "
            f"{MAX_PROFILE_BYTES:,}), which every copy would carry",
            "save it again with the sRGB profile (an editor's 'export for web')",
        )
    return not profile or usable_profile(profile) is not None


def usable_profile(profile: bytes | None) -> bytes | None:
    """`profile` when it is an ICC colour profile: its header says so (its length, the
    signature "acsp") and Little CMS reads it. Anything else in that slot of a file (any bytes
    a contributor or a tool put there) is never published in the copies."""
    if not profile or len(profile) < 128 or profile[36:40] != b"acsp":
        return None
    if int.from_bytes(profile[:4], "big") != len(profile):
        return None
    from PIL import ImageCms  # with the image that carries the profile (see inspect_image)

    try:
        ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except Exception:  # Little CMS's parser, on bytes of anyone's: whatever it raises, not a profile
        return None
    return profile


def _not_animated(image: Image.Image) -> None:
    frames = int(getattr(image, "n_frames", 1))
    if frames > 1 and image.format in ("GIF", "WEBP", "PNG"):
        raise ImageProblem(
            f"this image is an animation ({frames} frames): the site publishes still images",
            "save the frame to show as PNG, or publish the animation as a video and link it with url:",
        )


def _checked_size(image: Image.Image) -> tuple[int, int]:
    """The image's size from its header, refused before decoding when it has too many pixels."""
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageProblem("this image has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            f"this image has too many pixels ({width:,} x {height:,}; the limit is {MAX_PIXELS:,})",
            "scale it down: 2,000 pixels across is plenty for a web page",
        )
    return width, height


def _what_it_is(data: bytes) -> str:
    head = data[:64]
    for signature, offset, name in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return name
    if not data:
        return "empty"
    # Text: no control character but tab and line breaks (any UTF-8 byte is 0x80 or above).
    return "text" if all(byte >= 0x20 or byte in b"\t\n\r" for byte in head) else "of an unknown kind"


def _why(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__
