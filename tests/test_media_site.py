"""Media end to end: the fixture site's photo, chart and remote media on its pages, in its feeds
and exports; every published copy without metadata; a rebuild processes only new images."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image
from site_reader import BuiltSite

from chronicle.build.session import BuildOptions, BuildSession

IMAGES = Path(__file__).resolve().parent / "fixtures" / "images"
PHOTO_EVENT = "events/kostra-dam-construction/"
CHART_EVENT = "events/gauge-readings-shared/"


def copies(site: BuiltSite) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site.out / "media").iterdir())}


def test_every_copy_is_published_at_its_widths_in_webp_and_its_own_format(
    built_fixture_site: BuiltSite,
) -> None:
    by_image: dict[str, dict[str, tuple[str | None, tuple[int, int]]]] = {}
    for name, data in copies(built_fixture_site).items():
        digest, suffix = name.split("-", 1)
        image = Image.open(io.BytesIO(data))
        by_image.setdefault(digest, {})[suffix] = (image.format, image.size)
    assert sorted(by_image.values(), key=len) == [
        {
            # the chart's own width only: its file is light (4 KB)
            "640.png": ("PNG", (640, 400)),
            "640.webp": ("WEBP", (640, 400)),
        },
        {
            "480.jpg": ("JPEG", (480, 320)),
            "480.webp": ("WEBP", (480, 320)),
            "960.jpg": ("JPEG", (960, 640)),
            "960.webp": ("WEBP", (960, 640)),
            "1200.jpg": ("JPEG", (1200, 800)),  # the photo's own width: never enlarged to 1600
            "1200.webp": ("WEBP", (1200, 800)),
        },
    ]


def test_no_published_copy_keeps_exif_gps_xmp_or_comments(built_fixture_site: BuiltSite) -> None:
    original = Image.open(built_fixture_site.root / "media/kostra-dam.jpg")
    assert original.getexif().get_ifd(0x8825), "the fixture photo carries a GPS position"
    for name, data in copies(built_fixture_site).items():
        image = Image.open(io.BytesIO(data))
        assert dict(image.getexif()) == {}, name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "dpi"} & set(image.info), (
            name,
            image.info,
        )
        assert b"Exif\x00\x00" not in data and b"Fixture Camera" not in data, name


def test_the_event_page_shows_the_lead_image_with_caption_credit_and_licence(
    built_fixture_site: BuiltSite,
) -> None:
    page = built_fixture_site.page(PHOTO_EVENT)
    (figure,) = page.cssselect("figure.media-lead")
    img = figure.cssselect("img")[0]
    assert (img.get("width"), img.get("height")) == ("1200", "800")
    assert img.get("loading") is None and img.get("fetchpriority") == "high"  # the lead loads at once
    assert img.get("alt") == "The Kostra Dam's concrete wall and spillway gates across the valley at dusk"
    assert img.get("src").endswith("-960.jpg")
    assert [item.split()[-1] for item in img.get("srcset").split(", ")] == ["480w", "960w", "1200w"]
    (source,) = figure.cssselect("picture source")
    assert source.get("type") == "image/webp" and source.get("srcset").count(".webp") == 3
    caption = figure.cssselect("figcaption")[0].text_content()
    assert "The dam in its last year of building, seen from downstream" in caption
    assert "Credit: Fixture Camera Co." in caption and "CC BY 4.0" in caption
    (link,) = figure.cssselect("figcaption a")
    assert link.get("href") == "../../events/reservoir-filling-begins/"
    for href in [element.get("src") for element in page.cssselect("img")] + img.get("srcset").split(", "):
        assert (built_fixture_site.out / PHOTO_EVENT / href.split()[0]).resolve().is_file()


def test_remote_media_are_link_cards_and_only_videos_get_a_hidden_play_button(
    built_fixture_site: BuiltSite,
) -> None:
    page = built_fixture_site.page(PHOTO_EVENT)
    cards = page.cssselect("figure.media-remote")
    assert [card.cssselect(".media-card-title a")[0].get("href") for card in cards] == [
        "https://www.youtube.com/watch?v=aPweFhhXFvY",
        "https://vimeo.com/304869290",
        "https://example.org/maps/kostra",
    ]
    assert [card.get("data-player") for card in cards] == [
        "https://www.youtube-nocookie.com/embed/aPweFhhXFvY?autoplay=1",
        "https://player.vimeo.com/video/304869290?dnt=1&autoplay=1",
        None,
    ]
    assert [len(card.cssselect(".media-play-row[hidden] button")) for card in cards] == [1, 1, 0]
    assert "Credit: Veldorian State Television" in cards[0].text_content()
    assert not page.cssselect("iframe"), "no player before the reader asks for one"
    scripts = [script.get("src") for script in page.cssselect("script[src]")]
    assert scripts == ["../../assets/media.js"]


def csp(page: object) -> str:
    (meta,) = page.cssselect('meta[http-equiv="Content-Security-Policy"]')  # type: ignore[attr-defined]
    return str(meta.get("content"))


def test_only_a_page_with_a_video_allows_its_players_as_frames(built_fixture_site: BuiltSite) -> None:
    assert csp(built_fixture_site.page(PHOTO_EVENT)).endswith(
        "; frame-src https://www.youtube-nocookie.com https://player.vimeo.com"
    )
    for path in ("", CHART_EVENT, "events/selka-accord-signed/", "tags/dam/"):
        assert csp(built_fixture_site.page(path)).endswith("; frame-src 'none'"), path
        assert not built_fixture_site.page(path).cssselect('script[src$="media.js"]'), path


def test_cards_show_a_small_lazy_thumbnail(built_fixture_site: BuiltSite) -> None:
    page = built_fixture_site.page("")
    (thumb,) = page.cssselect('article[id="kostra-dam-construction"] picture.event-thumb img')
    assert thumb.get("loading") == "lazy"
    assert (thumb.get("width"), thumb.get("height"), thumb.get("src")[-8:]) == ("480", "320", "-480.jpg")
    assert not page.cssselect('article[id="selka-accord-signed"] picture')


def test_open_graph_twitter_and_json_ld_name_the_lead_image(built_fixture_site: BuiltSite) -> None:
    page = built_fixture_site.page(PHOTO_EVENT)
    meta = {
        element.get("property") or element.get("name"): element.get("content")
        for element in page.cssselect("meta")
    }
    assert meta["og:image"].startswith(built_fixture_site.base_url + "media/")
    assert meta["og:image"].endswith("-1200.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "800")
    assert meta["twitter:card"] == "summary_large_image"
    assert (
        built_fixture_site.page("events/selka-accord-signed/")
        .cssselect('meta[name="twitter:card"]')[0]
        .get("content")
        == "summary"
    )
    (script,) = page.cssselect('script[type="application/ld+json"]')
    data = json.loads(script.text)
    (image,) = data["mainEntity"]["image"]
    assert image["contentUrl"] == meta["og:image"] and image["creditText"] == "Fixture Camera Co."
    assert data["primaryImageOfPage"] == image


def test_feeds_attach_the_lead_image_with_its_length_and_type(built_fixture_site: BuiltSite) -> None:
    for name in ("feed.xml", "atom.xml"):
        feed = built_fixture_site.feed(name)
        entries = {entry.link: entry for entry in feed.entries}
        (enclosure,) = entries[built_fixture_site.base_url + PHOTO_EVENT].enclosures
        path = enclosure.href.removeprefix(built_fixture_site.base_url)
        assert path.endswith("-960.jpg") and enclosure.type == "image/jpeg"
        assert int(enclosure.length) == (built_fixture_site.out / path).stat().st_size
        assert entries[built_fixture_site.base_url + "events/selka-accord-signed/"].enclosures == []


def test_data_files_carry_the_media(built_fixture_site: BuiltSite) -> None:
    data = json.loads((built_fixture_site.out / "data/events.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.8"
    events = {event["id"]: event for event in data["events"]}
    image, youtube, vimeo, other = events["kostra-dam-construction"]["media"]
    assert (image["kind"], image["file"], image["width"], image["license"]) == (
        "image",
        "media/kostra-dam.jpg",
        1200,
        "CC BY 4.0",
    )
    assert len(image["copies"]) == 6 and image["url"].endswith("-1200.jpg")
    assert (youtube["kind"], youtube["provider"], vimeo["provider"], other["provider"]) == (
        "remote",
        "youtube",
        "vimeo",
        None,
    )
    assert events["selka-accord-signed"]["media"] == []
    csv_text = (built_fixture_site.out / "data/events.csv").read_text(encoding="utf-8")
    assert ",image,image_alt,image_credit,media_urls," in csv_text.splitlines()[0] + ","
    assert image["url"] in csv_text and "https://vimeo.com/304869290" in csv_text
    slides = json.loads((built_fixture_site.out / "data/timelinejs.json").read_text(encoding="utf-8"))
    slide = next(slide for slide in slides["events"] if slide["unique_id"] == "kostra-dam-construction")
    assert slide["media"]["url"] == image["url"]
    assert slide["media"]["thumbnail"].endswith("-480.jpg")
    assert slide["media"]["credit"] == "Fixture Camera Co."
    assert "<em>downstream</em>" in slide["media"]["caption"]


# --------------------------------------------------------------------------- rebuilds


def build_in_process(root: Path, out: Path) -> None:
    outcome = BuildSession(BuildOptions(root, out, "https://example.github.io/REPO/", jobs=1)).run()
    assert outcome.site is not None, outcome.diagnostics


def test_a_rebuild_with_one_new_image_processes_only_that_one(
    fixture_site_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chronicle.render.images

    made: list[str] = []
    encode = chronicle.render.images.encode_copy

    def counting(data: bytes, copy: object) -> bytes:
        made.append(copy.path)  # type: ignore[attr-defined]
        return encode(data, copy)  # type: ignore[arg-type]

    monkeypatch.setattr(chronicle.render.images, "encode_copy", counting)
    root = tmp_path / "site"
    shutil.copytree(fixture_site_root, root)
    build_in_process(root, tmp_path / "out")
    assert len(made) == 8  # every copy once: the enclosures measured are not made again
    made.clear()
    build_in_process(root, tmp_path / "out")
    assert made == []
    shutil.copyfile(IMAGES / "turned.jpg", root / "media/new.jpg")
    event = root / "content/events/selka-accord-signed.yaml"
    event.write_text(
        event.read_text(encoding="utf-8")
        + "media:\n  - file: media/new.jpg\n    alt: A dam\n    credit: Us\n",
        encoding="utf-8",
    )
    before = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "out/media").iterdir()}
    build_in_process(root, tmp_path / "out")
    assert len(made) == 2 and len(set(made)) == 2  # the new image's 200 px WebP and JPEG
    assert all(path.startswith("media/") and path.endswith(("-200.webp", "-200.jpg")) for path in made)
    after = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "out/media").iterdir()}
    assert {name: after[name] for name in before} == before  # the others untouched
