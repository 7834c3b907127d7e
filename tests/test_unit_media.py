"""media: an event's images under media/ and remote media -> ImageMedia and RemoteMedia; every
bad entry, path and image is an error at its value, never a traceback."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageCms
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.cli import main
from chronicle.model.media import Copy, Video, copy_widths, image_copies, recognise
from chronicle.model.records import ImageMedia, RemoteMedia
from chronicle.render.images import ImageChangedError, encode_copy, publish_copy
from chronicle.source.images import ImageProblem, inspect_image
from chronicle.timeline.markdown import make_markdown, render_inline
from chronicle.timeline.media import RemoteView

EVENT = "content/events/first-event.yaml"
IMAGES = Path(__file__).resolve().parent / "fixtures" / "images"

HEAD = (
    "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"
    "added: 2026-01-02\nmedia:\n"
)
"""An event whose `media:` starts on line 6; each entry's lines follow it."""


def media_site(root: Path, entries: str, images: dict[str, str] | None = None) -> Path:
    """The base site with an event whose media are `entries`, and fixture images copied in
    (site path -> fixture image name)."""
    write_site(root, {EVENT: HEAD + entries})
    for relpath, name in (images or {}).items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(IMAGES / name, root / relpath)
    return root


def media_of(root: Path) -> tuple[object, ...]:
    loaded = load_site(root)
    assert [d for d in loaded.diagnostics if d.severity == "error"] == []
    assert loaded.site is not None
    return loaded.site.events[0].media


IMAGE = "  - file: media/photo.jpg\n    alt: A dam\n    credit: Fixture Camera Co.\n"


def test_an_image_is_read_with_its_size_format_and_digest(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        IMAGE + "    caption: The *dam*\n    license: CC BY 4.0\n",
        {"media/photo.jpg": "photo-gps.jpg"},
    )
    (image,) = media_of(root)
    assert isinstance(image, ImageMedia)
    assert (image.file, image.alt, image.credit, image.caption, image.license) == (
        "media/photo.jpg",
        "A dam",
        "Fixture Camera Co.",
        "The *dam*",
        "CC BY 4.0",
    )
    assert (image.format, image.width, image.height, len(image.digest)) == ("jpeg", 300, 200, 16)
    assert (image.mark.line, image.mark.col) == (7, 11)


def test_a_photo_taken_sideways_has_its_size_as_shown(tmp_path: Path) -> None:
    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": "turned.jpg"})
    (image,) = media_of(root)
    assert isinstance(image, ImageMedia)
    assert (image.width, image.height) == (200, 300)


def test_a_png_is_an_image_too(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        "  - file: media/charts/chart.png\n    alt: Levels\n    credit: Us\n",
        {"media/charts/chart.png": "chart.png"},
    )
    (image,) = media_of(root)
    assert isinstance(image, ImageMedia)
    assert (image.format, image.width, image.height) == ("png", 160, 100)


def test_remote_media_recognises_youtube_and_vimeo_and_keeps_any_other_address(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        "  - url: https://www.youtube.com/watch?v=aPweFhhXFvY\n    title: Talk\n    credit: Museum\n"
        "  - url: https://vimeo.com/304869290\n    title: Footage\n    credit: Archives\n"
        "  - url: https://example.org/map\n    title: Map\n    credit: Example\n"
        "    caption: The *valley*\n    thumbnail: https://example.org/map.png\n",
    )
    youtube, vimeo, other = media_of(root)
    assert (
        isinstance(youtube, RemoteMedia) and isinstance(vimeo, RemoteMedia) and isinstance(other, RemoteMedia)
    )
    assert (youtube.provider, youtube.player, youtube.title, youtube.credit) == (
        "youtube",
        "https://www.youtube-nocookie.com/embed/aPweFhhXFvY?autoplay=1",
        "Talk",
        "Museum",
    )
    assert (vimeo.provider, vimeo.player) == (
        "vimeo",
        "https://player.vimeo.com/video/304869290?dnt=1&autoplay=1",
    )
    assert (other.provider, other.player, other.caption, other.thumbnail) == (
        None,
        None,
        "The *valley*",
        "https://example.org/map.png",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aPweFhhXFvY", Video("youtube", "aPweFhhXFvY")),
        ("https://youtu.be/aPweFhhXFvY", Video("youtube", "aPweFhhXFvY")),
        ("https://m.youtube.com/shorts/aPweFhhXFvY", Video("youtube", "aPweFhhXFvY")),
        ("https://www.youtube.com/embed/aPweFhhXFvY", Video("youtube", "aPweFhhXFvY")),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://www.youtube.com/@channel", None),
        ("https://player.vimeo.com/video/304869290", Video("vimeo", "304869290")),
        ("https://vimeo.com/channels/staffpicks/304869290", Video("vimeo", "304869290")),
        ("https://vimeo.com/about", None),
        ("https://vimeo.com/0", None),
        ("https://vimeo.com/000123", None),
        ("https://evil.example/youtube.com/watch?v=aPweFhhXFvY", None),
        ("https://www.youtube.com.evil.example/watch?v=aPweFhhXFvY", None),
    ],
)
def test_providers_are_recognised_by_their_host_and_path_only(url: str, expected: object) -> None:
    assert recognise(url) == expected


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("https://www.youtube.com/watch?v=aPweFhhXFvY&t=10", 10),
        ("https://youtu.be/aPweFhhXFvY?t=1m30s", 90),
        ("https://www.youtube.com/embed/aPweFhhXFvY?start=75", 75),
        ("https://www.youtube.com/watch?v=aPweFhhXFvY&t=1h2m3s", 3723),
        ("https://vimeo.com/304869290#t=90s", 90),
        ("https://vimeo.com/304869290#t=2m5s", 125),
        ("https://www.youtube.com/watch?v=aPweFhhXFvY&t=soon", None),
        ("https://www.youtube.com/watch?v=aPweFhhXFvY&t=0", None),
    ],
)
def test_a_video_starts_where_its_address_says(url: str, start: int | None) -> None:
    video = recognise(url)
    assert video is not None and video.start == start


def test_players_come_from_the_privacy_enhanced_hosts() -> None:
    assert (
        Video("youtube", "aPweFhhXFvY").player
        == "https://www.youtube-nocookie.com/embed/aPweFhhXFvY?autoplay=1"
    )
    assert Video("vimeo", "304869290").player == "https://player.vimeo.com/video/304869290?dnt=1&autoplay=1"


def test_players_start_where_the_address_says() -> None:
    youtube, vimeo = (
        recognise("https://youtu.be/aPweFhhXFvY?t=90"),
        recognise("https://vimeo.com/304869290#t=90s"),
    )
    assert youtube is not None and youtube.player.endswith("?autoplay=1&start=90")
    assert vimeo is not None and vimeo.player.endswith("?dnt=1&autoplay=1#t=90s")


def test_an_unlisted_vimeo_video_plays_with_its_hash() -> None:
    for url in (
        "https://vimeo.com/304869290/1a2b3c4d5e",
        "https://player.vimeo.com/video/304869290?h=1a2b3c4d5e",
    ):
        video = recognise(url)
        assert video is not None and video.hash == "1a2b3c4d5e"
        assert video.player == "https://player.vimeo.com/video/304869290?dnt=1&autoplay=1&h=1a2b3c4d5e"


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (300, (300,)),
        (480, (480,)),
        (500, (500,)),
        (534, (480, 534)),
        (1000, (480, 1000)),
        (1200, (480, 960, 1200)),
        (4000, (480, 960, 1600)),
    ],
)
def test_an_image_is_published_at_the_widths_below_its_own_and_never_enlarged(
    width: int, widths: tuple[int, ...]
) -> None:
    assert copy_widths(width) == widths


def test_each_width_is_published_as_webp_and_in_the_image_s_own_format() -> None:
    image = ImageMedia("media/a.png", "A", "C", None, None, "0123456789abcdef", "png", 1200, 600, None, 10**6)  # type: ignore[arg-type]
    assert [(copy.path, copy.width, copy.height) for copy in image_copies(image)] == [
        ("media/0123456789abcdef-480.webp", 480, 240),
        ("media/0123456789abcdef-480.png", 480, 240),
        ("media/0123456789abcdef-960.webp", 960, 480),
        ("media/0123456789abcdef-960.png", 960, 480),
        ("media/0123456789abcdef-1200.webp", 1200, 600),
        ("media/0123456789abcdef-1200.png", 1200, 600),
    ]


# --------------------------------------------------------------------------- located errors


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            "  - file: media/photo.jpg\n    credit: C\n",
            [
                (
                    f"{EVENT}:7:5",
                    "error: a media entry with 'file' needs 'alt'",
                    "alt: what the image shows, for readers who cannot see it",
                )
            ],
        ),
        (
            "  - file: media/photo.jpg\n    alt: A\n    credit:\n",
            [
                (
                    f"{EVENT}:9:5",
                    "error: 'credit' is empty",
                    "credit: who made it or holds it (a photographer, an agency, a channel)",
                )
            ],
        ),
        (
            "  - url: https://example.org/v\n    credit: C\n",
            [
                (
                    f"{EVENT}:7:5",
                    "error: a media entry with 'url' needs 'title'",
                    "title: what the remote media is, for its link",
                )
            ],
        ),
        (
            "  - url: https://example.org/v\n    title: T\n",
            [
                (
                    f"{EVENT}:7:5",
                    "error: a media entry with 'url' needs 'credit'",
                    "credit: who made it or holds it (a photographer, an agency, a channel)",
                )
            ],
        ),
        (
            "  - url: javascript:alert(1)\n    title: T\n    credit: C\n",
            [
                (
                    f"{EVENT}:7:10",
                    "error: 'url' must be an http:// or https:// address, not 'javascript:alert(1)'",
                    None,
                )
            ],
        ),
        (
            "  - file: media/photo.jpg\n    alt: A\n    credit: C\n    title: T\n",
            [
                (
                    f"{EVENT}:10:12",
                    "error: 'title' does not belong with 'file'",
                    "it is for remote media ('url')",
                )
            ],
        ),
        (
            "  - url: https://example.org/v\n    title: T\n    credit: C\n    alt: A\n",
            [
                (
                    f"{EVENT}:10:10",
                    "error: 'alt' does not belong with 'url'",
                    "it is for an image under media/ ('file')",
                )
            ],
        ),
        (
            "  - credit: C\n",
            [
                (
                    f"{EVENT}:7:5",
                    "error: a media entry needs 'file' (an image under media/) or 'url' "
                    "(media on another site)",
                    "file: media/<name>.jpg with alt: and credit:, or url: with title: and credit:",
                )
            ],
        ),
        (
            # A misspelt required key is one error, at the key (README, "Rules the build enforces").
            "  - file: media/photo.jpg\n    alt: A\n    credits: C\n",
            [(f"{EVENT}:9:5", "error: unknown key 'credits' in media entry; did you mean 'credit'?", None)],
        ),
        (
            "  - file: media/photo.jpg\n    url: https://example.org/\n    alt: A\n    credit: C\n",
            [
                (
                    f"{EVENT}:8:10",
                    "error: a media entry has 'file' or 'url', not both",
                    "an image of the site's own under media/ takes 'file'; media on another site 'url'",
                )
            ],
        ),
        (
            "  file: media/photo.jpg\n",
            [(f"{EVENT}:7:3", "error: 'media' must be a list, not a mapping", "write media: [...]")],
        ),
    ],
)
def test_a_bad_entry_is_reported_at_its_value(tmp_path: Path, entries: str, expected: list[object]) -> None:
    root = media_site(tmp_path, entries, {"media/photo.jpg": "photo-gps.jpg"})
    assert reported(root) == expected


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../seeds/one.txt", "'file' must be a path under media/ in the site folder, not '../seeds/one.txt'"),
        ("/etc/passwd", "'file' must be a path under media/ in the site folder, not '/etc/passwd'"),
        ("media/../seeds/one.txt", "'file' may not leave media/ nor name a folder: 'media/../seeds/one.txt'"),
        ("media//photo.jpg", "'file' may not leave media/ nor name a folder: 'media//photo.jpg'"),
        (
            "media/.hidden.jpg",
            "'file' may not name a hidden file or hold control characters: 'media/.hidden.jpg'",
        ),
        ("media\\photo.jpg", "'file' must be a path under media/ in the site folder, not 'media\\photo.jpg'"),
        (
            "content/site.yaml",
            "'file' must be a path under media/ in the site folder, not 'content/site.yaml'",
        ),
    ],
)
def test_a_path_leaving_media_is_refused_at_the_file_value(tmp_path: Path, path: str, message: str) -> None:
    root = media_site(tmp_path, f"  - file: '{path}'\n    alt: A\n    credit: C\n")
    assert reported(root) == [
        (f"{EVENT}:7:11", f"error: {message}", "put the image in media/ and write file: media/<name>.jpg")
    ]


def test_a_missing_file_suggests_the_closest_name(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        "  - file: media/photo.jpeg\n    alt: A\n    credit: C\n",
        {"media/photo.jpg": "photo-gps.jpg"},
    )
    assert reported(root) == [
        (f"{EVENT}:7:11", "error: no such file: media/photo.jpeg", "did you mean 'media/photo.jpg'?")
    ]


def test_a_link_leading_outside_the_site_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    shutil.copyfile(IMAGES / "photo-gps.jpg", outside)
    root = media_site(tmp_path / "site", IMAGE)
    (root / "media").mkdir()
    os.symlink(outside, root / "media/photo.jpg")
    assert reported(root) == [
        (
            f"{EVENT}:7:11",
            "error: media/photo.jpg: this file is a link to a place outside the site folder",
            "copy the file into the site folder instead of linking to it",
        )
    ]


def test_a_folder_of_links_leading_outside_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    shutil.copyfile(IMAGES / "photo-gps.jpg", tmp_path / "elsewhere/photo.jpg")
    root = media_site(tmp_path / "site", IMAGE)
    os.symlink(tmp_path / "elsewhere", root / "media")
    assert [message for _, message, _ in reported(root)] == [
        "error: media/photo.jpg: this file is a link to a place outside the site folder"
    ]


CANNOT_BE_READ = "open it in an image editor and save it again (it may be cut short or damaged)"


@pytest.mark.parametrize(
    ("fixture", "published_as", "size"),
    [
        ("drawing.gif", "png", (160, 100)),
        ("photo.webp", "jpeg", (300, 200)),
        ("chart.webp", "png", (160, 100)),
    ],
    ids=["gif", "webp-photo", "webp-with-transparency"],
)
def test_gif_and_webp_images_are_published_beside_webp_as_png_or_jpeg(
    tmp_path: Path, fixture: str, published_as: str, size: tuple[int, int]
) -> None:
    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": fixture})
    (image,) = media_of(root)
    assert isinstance(image, ImageMedia) and (image.format, (image.width, image.height)) == (
        published_as,
        size,
    )
    data = (root / "media/photo.jpg").read_bytes()
    for copy in image_copies(image):
        made = Image.open(io.BytesIO(encode_copy(data, copy)))
        assert (made.format, made.size) == (copy.format.upper(), size)


@pytest.mark.parametrize(
    ("fixture", "message", "hint"),
    [
        ("truncated.jpg", "this image cannot be read: image file is truncated", CANNOT_BE_READ),
        (
            "not-an-image.jpg",
            "this file is not a JPEG, PNG, GIF or WebP image: it is text",
            "save it as JPEG (photos) or PNG (drawings, screenshots)",
        ),
        (
            "animated.gif",
            "this image is an animation (2 frames): the site publishes still images",
            "save the frame to show as PNG, or publish the animation as a video and link it with url:",
        ),
        (
            "bomb.png",
            "this image has too many pixels (10,000 x 10,000; the limit is 50,000,000)",
            "scale it down: 2,000 pixels across is plenty for a web page",
        ),
    ],
)
def test_every_bad_image_is_an_error_at_its_file_value(
    tmp_path: Path, fixture: str, message: str, hint: str
) -> None:
    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": fixture})
    ((where, found, found_hint),) = reported(root)
    assert (where, found_hint) == (f"{EVENT}:7:11", hint)
    assert found.startswith(f"error: media/photo.jpg: {message}")


def test_an_image_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chronicle.source.media

    monkeypatch.setattr(chronicle.source.media, "MAX_IMAGE_BYTES", 1_000)
    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": "photo-gps.jpg"})
    size = (root / "media/photo.jpg").stat().st_size
    assert reported(root) == [
        (
            f"{EVENT}:7:11",
            f"error: media/photo.jpg: file is too large ({size:,} bytes; the limit is 1,000)",
            None,
        )
    ]


def test_a_fifo_named_as_an_image_is_refused_without_being_read(tmp_path: Path) -> None:
    root = media_site(tmp_path, IMAGE)
    (root / "media").mkdir()
    os.mkfifo(root / "media/photo.jpg")
    assert reported(root) == [
        (
            f"{EVENT}:7:11",
            "error: media/photo.jpg: this is not a regular file",
            "replace it with a plain file",
        )
    ]


def test_more_than_twenty_media_are_refused(tmp_path: Path) -> None:
    entries = "".join("  - url: https://example.org/\n    title: T\n    credit: C\n" for _ in range(21))
    root = media_site(tmp_path, entries)
    assert reported(root) == [
        (
            f"{EVENT}:67:5",
            "error: 'media' lists 21 items; an event may have at most 20",
            "keep the ones that show the event best; link the others from a source",
        )
    ]


def test_a_changed_image_is_read_again_by_a_cached_load(tmp_path: Path) -> None:
    """The event's result depends on the image's bytes: replacing the file invalidates it."""
    from chronicle.build.cache import BuildState
    from chronicle.build.memo import Memo

    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": "photo-gps.jpg"})
    state = BuildState("test")
    first = load_site(root, memo=Memo(root, state)).site
    shutil.copyfile(IMAGES / "truncated.jpg", root / "media/photo.jpg")
    second = load_site(root, memo=Memo(root, state))
    assert first is not None and second.site is None
    first_problem = next(d.message for d in second.diagnostics)
    assert first_problem.startswith("media/photo.jpg: this image cannot be read")
    shutil.copyfile(IMAGES / "turned.jpg", root / "media/photo.jpg")
    third = load_site(root, memo=Memo(root, state)).site
    assert third is not None
    (image,) = third.events[0].media
    assert isinstance(image, ImageMedia) and (image.width, image.height) == (200, 300)


# --------------------------------------------------------------------------- the copies


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "modes"),
    [
        ("16-bit grey PNG", lambda: encoded(Image.new("I;16", (600, 400), 40_000), "PNG"), ("RGB", "L")),
        (
            "palette PNG, transparent",
            lambda: encoded(Image.new("P", (600, 400)), "PNG", transparency=0),
            ("RGBA", "RGBA"),
        ),
        (
            "grey PNG with alpha",
            lambda: encoded(Image.new("LA", (600, 400), (128, 100)), "PNG"),
            ("RGBA", "RGBA"),
        ),
        ("grey JPEG", lambda: encoded(Image.new("L", (600, 400), 90), "JPEG"), ("RGB", "L")),
        (
            "CMYK JPEG",
            lambda: encoded(Image.new("CMYK", (600, 400), (0, 255, 255, 0)), "JPEG"),
            ("RGB", "RGB"),
        ),
    ],
)
def test_every_kind_of_pixel_is_published_in_a_mode_its_format_holds(
    name: str, data: Callable[[], bytes], modes: tuple[str, str]
) -> None:
    source = data()
    facts = inspect_image(source)
    for kind, mode in zip(("webp", facts.format), modes, strict=True):
        made = Image.open(io.BytesIO(encode_copy(source, Copy("x", 480, 320, kind))))  # type: ignore[arg-type]
        made.load()
        assert (made.format, made.mode, made.size) == (kind.upper(), mode, (480, 320)), name


def test_no_copy_of_a_drawing_weighs_more_than_a_tenth_over_the_drawing() -> None:
    source = (IMAGES / "diagram.png").read_bytes()
    facts = inspect_image(source)
    image = ImageMedia("media/d.png", "A", "C", None, None, facts.digest, "png", 640, 400, None, len(source))  # type: ignore[arg-type]
    for copy in image_copies(image):
        assert len(encode_copy(source, copy)) <= len(source) * 1.1, copy


def test_a_light_image_no_wider_than_the_column_is_published_at_its_own_width_only() -> None:
    assert copy_widths(900, 24_000) == (900,)
    assert copy_widths(900, 24_001) == (480, 900)
    assert copy_widths(1600, 20_000) == (480, 960, 1600)


def stripes(mode: str) -> Image.Image:
    """Ten stripes, five of them near-white, as a screenshot of a page has."""
    image = Image.new(mode, (500, 100))
    shades = [
        "#ffffff",
        "#fafafa",
        "#f5f5f5",
        "#eeeeee",
        "#e0e0e0",
        "#102030",
        "#405060",
        "#a0b0c0",
        "#c03020",
        "#20c040",
    ]
    for index, shade in enumerate(shades):
        image.paste(Image.new(mode, (50, 100), shade), (index * 50, 0))
    return image


def test_an_opaque_screenshot_with_an_alpha_channel_keeps_every_colour() -> None:
    source = encoded(stripes("RGBA"), "PNG")
    original = Image.open(io.BytesIO(source)).convert("RGB").tobytes()
    for kind in ("webp", "png"):
        made = Image.open(io.BytesIO(encode_copy(source, Copy("x", 500, 100, kind))))  # type: ignore[arg-type]
        assert made.convert("RGB").tobytes() == original, kind


def test_a_greyscale_photo_is_published_as_a_photo_not_a_drawing() -> None:
    grey = dam_photo_like().convert("L")
    source = encoded(grey, "JPEG", quality=85)
    webp = encode_copy(source, Copy("x", 600, 400, "webp"))
    jpeg = encode_copy(source, Copy("x", 600, 400, "jpeg"))
    assert len(webp) < len(jpeg) * 1.5  # lossy, as a photo's: a lossless copy weighs several times more


def test_a_camera_jpeg_read_as_mpo_is_published_as_jpeg(tmp_path: Path) -> None:
    first, preview = dam_photo_like(), dam_photo_like().resize((160, 120))
    data = encoded(first, "MPO", save_all=True, append_images=[preview])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    assert inspect_image(data).format == "jpeg"


def dam_photo_like() -> Image.Image:
    """A photo's worth of detail: a gradient and noise, 600 x 400."""
    gradient = Image.linear_gradient("L").resize((600, 400))
    noise = Image.effect_noise((600, 400), 40)
    return Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))


def test_a_drawing_at_its_own_size_keeps_every_pixel() -> None:
    source = (IMAGES / "diagram.png").read_bytes()
    original = Image.open(io.BytesIO(source)).convert("RGB").tobytes()
    for kind in ("webp", "png"):
        made = Image.open(io.BytesIO(encode_copy(source, Copy("x", 640, 400, kind))))  # type: ignore[arg-type]
        assert made.convert("RGB").tobytes() == original, kind


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def test_a_copy_keeps_the_colour_profile_and_nothing_else(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    source = encoded(
        Image.new("RGB", (600, 400), (10, 200, 30)),
        "JPEG",
        icc_profile=SRGB,
        exif=exif,
        comment=b"secret",
    )
    for kind in ("webp", "jpeg"):
        made = Image.open(io.BytesIO(encode_copy(source, Copy("x", 480, 320, kind))))  # type: ignore[arg-type]
        assert made.info.get("icc_profile") == SRGB
        assert not {"exif", "comment", "xmp"} & set(made.info) and dict(made.getexif()) == {}


@pytest.mark.parametrize(
    "profile",
    [b"garbage" * 10, b"p" * 300, SRGB + b"hidden text after the profile"],
    ids=["not a profile", "no header", "bytes beyond its length"],
)
def test_a_colour_profile_that_is_not_one_is_left_out_of_every_copy(profile: bytes) -> None:
    source = encoded(Image.new("RGB", (600, 400), (10, 200, 30)), "JPEG", icc_profile=profile)
    assert inspect_image(source).profile_dropped
    for kind in ("webp", "jpeg"):
        copy = encode_copy(source, Copy("x", 480, 320, kind))  # type: ignore[arg-type]
        assert "icc_profile" not in Image.open(io.BytesIO(copy)).info
        assert copy == encode_copy(source, Copy("x", 480, 320, kind))  # type: ignore[arg-type]


def test_a_colour_profile_that_is_not_one_is_a_warning_at_the_file(tmp_path: Path) -> None:
    root = media_site(tmp_path, IMAGE)
    data = encoded(Image.new("RGB", (600, 400), (10, 200, 30)), "JPEG", icc_profile=b"garbage" * 10)
    (root / "media").mkdir()
    (root / "media" / "photo.jpg").write_bytes(data)
    assert reported(root) == [
        (
            f"{EVENT}:7:11",
            "warning: media/photo.jpg: its colour profile is not a valid ICC profile: "
            "its copies are published without it",
            "save it again with the sRGB profile (an editor's 'export for web')",
        )
    ]


def test_a_sideways_photo_is_published_upright() -> None:
    source = (IMAGES / "turned.jpg").read_bytes()
    made = Image.open(io.BytesIO(encode_copy(source, Copy("x", 200, 300, "jpeg"))))
    assert made.size == (200, 300) and dict(made.getexif()) == {}


def test_a_copy_of_an_image_changed_since_it_was_checked_is_refused(tmp_path: Path) -> None:
    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": "photo-gps.jpg"})
    (image,) = media_of(root)
    assert isinstance(image, ImageMedia)
    shutil.copyfile(IMAGES / "turned.jpg", root / "media/photo.jpg")
    with pytest.raises(
        ImageChangedError, match=r"media/photo\.jpg changed or was removed while the site was being built"
    ):
        publish_copy(root, image, image_copies(image)[0])


def test_an_image_saved_during_a_build_stops_it_with_an_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import chronicle.build.engine_files
    import chronicle.build.media

    root = media_site(tmp_path, IMAGE, {"media/photo.jpg": "photo-gps.jpg"})

    def saved_meanwhile(root: Path, image: ImageMedia, copy: Copy) -> bytes:
        raise ImageChangedError(image.file)

    for module in (chronicle.build.media, chronicle.build.engine_files):
        monkeypatch.setattr(module, "publish_copy", saved_meanwhile)
    assert main(["build", "--root", str(root), "--jobs", "1", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "error: media/photo.jpg changed or was removed while the site was being built: build again" in err
    assert "internal error" not in err and not (root / "site").exists()


def test_a_caption_is_inline_markdown_with_links_written_for_every_page() -> None:
    caption = render_inline(make_markdown(), "The *dam* ([filling](../filling/)) <b>", "events/dam/")
    assert caption.html("../../") == (
        'The <em>dam</em> (<a href="../../events/filling/">filling</a>) &lt;b&gt;'
    )
    assert caption.text == "The dam (filling) <b>"


def test_an_image_too_tall_for_any_webp_copy_is_refused_when_checked() -> None:
    data = io.BytesIO()
    Image.new("RGB", (100, 20_000)).save(data, "PNG")
    with pytest.raises(ImageProblem, match="too tall"):
        inspect_image(data.getvalue())


def test_a_copy_that_would_be_taller_than_webp_allows_is_not_made() -> None:
    image = ImageMedia(
        "media/a.png", "A", "C", None, None, "0123456789abcdef", "png", 1000, 20_000, None, 10**6
    )  # type: ignore[arg-type]
    assert {(copy.width, copy.height) for copy in image_copies(image)} == {(480, 9_600)}


def test_an_address_carrying_a_password_is_refused_before_it_is_published(tmp_path: Path) -> None:
    root = media_site(
        tmp_path, "  - url: https://editor:s3cret@example.org/clip\n    title: T\n    credit: C\n"
    )
    assert reported(root) == [
        (
            f"{EVENT}:7:10",
            "error: 'url' carries a user name or password (before '@'); the site would publish it",
            "write the address without them: https://host/path",
        )
    ]


def test_very_long_alt_text_is_warned_about_at_its_value(tmp_path: Path) -> None:
    alt = "A long description " * 14
    root = media_site(
        tmp_path,
        f"  - file: media/photo.jpg\n    alt: {alt}\n    credit: C\n",
        {"media/photo.jpg": "photo-gps.jpg"},
    )
    assert reported(root) == [
        (
            f"{EVENT}:8:10",
            f"warning: 'alt' is {len(alt.strip())} characters long; "
            "a screen reader reads it all at once, with no way to skip",
            "say what the image shows in under 250 characters; put the rest in 'caption'",
        )
    ]


@pytest.mark.parametrize(
    "caption",
    ['"- one\\n- two"', '"# Heading"', '"First paragraph.\\n\\nSecond paragraph."', '"> a quote"'],
    ids=["list", "heading", "paragraphs", "quote"],
)
def test_block_markdown_in_a_caption_is_warned_about(tmp_path: Path, caption: str) -> None:
    root = media_site(
        tmp_path, f"  - url: https://example.org/clip\n    title: T\n    credit: C\n    caption: {caption}\n"
    )
    ((where, message, _),) = reported(root)
    assert (where, message.split(":")[0]) == (f"{EVENT}:10:14", "warning")
    assert "one line of inline markdown" in message


@pytest.mark.parametrize(
    "caption", ["The *valley* in 2024", "2024: the dam, seen from the north", "Line one\nline two"]
)
def test_an_inline_caption_gets_no_warning(tmp_path: Path, caption: str) -> None:
    root = media_site(
        tmp_path,
        f"  - url: https://example.org/clip\n    title: T\n    credit: C\n    caption: {caption!r}\n",
    )
    assert reported(root) == []


def test_an_image_with_a_huge_colour_profile_is_refused_when_checked() -> None:
    data = encoded(Image.new("RGB", (40, 30)), "PNG", icc_profile=b"\0" * 1_000_001)
    with pytest.raises(ImageProblem, match="colour profile of 1,000,001 bytes"):
        inspect_image(data)


def test_a_numbered_line_in_a_caption_gets_no_warning(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        "  - url: https://example.org/clip\n    title: T\n    credit: C\n    caption: 1985. A year\n",
    )
    assert reported(root) == []


def test_a_look_alike_host_is_shown_in_its_ascii_form_on_the_card() -> None:
    remote = RemoteMedia("https://www.y\u043eutube.com/watch?v=x", "T", "C", None, None, None, None, None)  # type: ignore[arg-type]
    assert RemoteView(remote, None).host == "xn--yutube-wqf.com"
