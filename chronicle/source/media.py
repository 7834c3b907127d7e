"""An event's `media:` -> ImageMedia (a checked image under media/) and RemoteMedia (a link, with
the player a page may offer), every problem located at its value."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.fields import EVENT_FIELDS, MEDIA_FIELDS
from chronicle.model.media import MEDIA_DIR, recognise
from chronicle.model.records import ImageMedia, Media, RemoteMedia
from chronicle.source.catalogue import site_files
from chronicle.source.copied_texts import read_event_text
from chronicle.source.images import MAX_IMAGE_BYTES, ImageFacts, ImageProblem, inspect_image
from chronicle.source.link_credentials import credentials_problem
from chronicle.source.load import UnreadableFile, YamlMap, YamlNode, YamlScalar, read_bounded, shown
from chronicle.source.meant import closest, meant_keys
from chronicle.source.validate import check_mapping, read_list, read_url, scalar

MAX_MEDIA = 20
"""The most media one event may have: its page shows every one."""

LONG_ALT = 250
"""Alt text longer than this is read out in one breath with no way to skip: warned about."""
_BLOCK_START = re.compile(r"(?m)^ {0,3}(?:[#>*+-]|\d{1,9}[.)]|```|~~~)|\n[ \t]*\n")

_IMAGE_ONLY = ("file", "alt", "license")
_KNOWN_KEYS = tuple(field.name for field in MEDIA_FIELDS)
_REMOTE_ONLY = ("url", "title", "thumbnail")

Fields = dict[str, YamlNode]


ImageCheck = Callable[[Path, str], ImageFacts]
"""(root, relpath) -> the image's facts, or ImageProblem: `EventContext.image`, which also notes
that the event's result depends on the file."""


@dataclass
class ImageChecks:
    """Each image checked once in a load however many events show it, known by its path, size
    and modification time (a decoded photo takes milliseconds; a site may show one a thousand times)."""

    found: dict[tuple[str, int, int], ImageFacts | tuple[str, str | None]] = field(default_factory=dict)
    read: Callable[[Path, str, int], bytes] = read_bounded
    """The reader of an image's bytes (source.load.read_bounded): a build keeps what it read."""

    def check(self, root: Path, relpath: str) -> ImageFacts:
        try:
            status = os.stat(root / relpath)
        except OSError:
            return _checked(root, relpath, self.read)  # reported as it is read
        key = (relpath, status.st_size, status.st_mtime_ns)
        if key not in self.found:
            try:
                self.found[key] = _checked(root, relpath, self.read)
            except ImageProblem as problem:
                self.found[key] = (problem.message, problem.hint)
        found = self.found[key]
        if isinstance(found, tuple):
            raise ImageProblem(*found)
        return found


def _checked(root: Path, relpath: str, read: Callable[[Path, str, int], bytes]) -> ImageFacts:
    try:
        return inspect_image(read(root, relpath, MAX_IMAGE_BYTES))
    except UnreadableFile as problem:
        raise ImageProblem(problem.message, problem.hint) from None


def read_media(
    node: YamlNode | None, root: Path, check: ImageCheck, diagnostics: Diagnostics
) -> tuple[Media, ...]:
    """Every valid entry of `media`, each image checked by `check`."""
    if node is None:
        return ()
    items = read_list(node, "media", diagnostics) or ()
    if len(items) > MAX_MEDIA:
        diagnostics.error(
            items[MAX_MEDIA].mark,
            f"'media' lists {len(items)} items; an event may have at most {MAX_MEDIA}",
            "keep the ones that show the event best; link the others from a source",
        )
        return ()
    media = []
    for item in items:
        fields = check_mapping(item, MEDIA_FIELDS, "media entry", diagnostics, item.mark, EVENT_FIELDS)
        if fields is None:
            continue
        found = _one(fields, item, root, check, diagnostics)
        if found is not None:
            media.append(found)
    return tuple(media)


def _one(
    fields: Fields, item: YamlNode, root: Path, check: ImageCheck, diagnostics: Diagnostics
) -> Media | None:
    if "file" in fields and "url" in fields:
        diagnostics.error(
            fields["url"].mark,
            "a media entry has 'file' or 'url', not both",
            "an image of the site's own under media/ takes 'file'; media on another site 'url'",
        )
        return None
    if "file" in fields:
        _not_with(fields, _REMOTE_ONLY, "file", diagnostics)
        return _image(fields, item, root, check, diagnostics)
    if "url" in fields:
        _not_with(fields, _IMAGE_ONLY, "url", diagnostics)
        return _remote(fields, item, diagnostics)
    diagnostics.error(
        item.mark,
        "a media entry needs 'file' (an image under media/) or 'url' (media on another site)",
        "file: media/<name>.jpg with alt: and credit:, or url: with title: and credit:",
    )
    return None


def _not_with(fields: Fields, names: tuple[str, ...], form: str, diagnostics: Diagnostics) -> None:
    for name in names:
        if name in fields:
            other = "an image under media/ ('file')" if form == "url" else "remote media ('url')"
            diagnostics.error(
                fields[name].mark, f"'{name}' does not belong with '{form}'", f"it is for {other}"
            )


def _required(fields: Fields, name: str, form: str, item: YamlNode, diagnostics: Diagnostics) -> str | None:
    """A field the form needs; reported at its key when left empty, else at the entry."""
    if name not in fields:
        if name in meant_keys(item, _KNOWN_KEYS):  # a misspelt key: said at the key
            return None
        why = _WHY.get(name)
        key = (
            next((key for key, _ in item.entries if key.value == name), None)
            if isinstance(item, YamlMap)
            else None
        )
        if key is not None:
            diagnostics.error(key.mark, f"'{name}' is empty", why)
        else:
            diagnostics.error(item.mark, f"a media entry with '{form}' needs '{name}'", why)
        return None
    return read_event_text(fields[name], name, diagnostics)


_WHY = {
    "alt": "alt: what the image shows, for readers who cannot see it",
    "credit": "credit: who made it or holds it (a photographer, an agency, a channel)",
    "title": "title: what the remote media is, for its link",
}


def _optional(fields: Fields, name: str, diagnostics: Diagnostics) -> str | None:
    return read_event_text(fields[name], name, diagnostics) if name in fields else None


def _caption(fields: Fields, diagnostics: Diagnostics) -> str | None:
    """The caption; block markdown in it (a list, a heading, a second paragraph) is shown as
    plain text on one line, so it is warned about rather than flattened silently."""
    caption = _optional(fields, "caption", diagnostics)
    # As written: reading it as one line has already joined its lines.
    written = node.value.strip() if isinstance(node := fields.get("caption"), YamlScalar) else ""
    credentials = credentials_problem(caption, "the caption") if caption is not None else None
    if credentials is not None:
        diagnostics.error(fields["caption"].mark, credentials.message, credentials.hint)
        return None
    if caption is not None and _BLOCK_START.search(written) and _has_blocks(written):
        diagnostics.warning(
            fields["caption"].mark,
            "'caption' is one line of inline markdown: its lists, headings, quotes and paragraph "
            "breaks will show as plain text",
            "keep the caption to a sentence or two; longer text belongs in the event's summary",
        )
    return caption


def _has_blocks(text: str) -> bool:
    from markdown_it import MarkdownIt  # only for a caption that looks like block markdown

    tokens = MarkdownIt("commonmark").parse(text)
    kinds = {token.type for token in tokens} - {"paragraph_open", "paragraph_close", "inline"}
    paragraphs = sum(token.type == "paragraph_open" for token in tokens)
    # "1985. A year to remember" is an ordered list to markdown, and reads as written on one line.
    numbered_line = "\n" not in text and kinds <= {
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
    }
    return (bool(kinds) and not numbered_line) or paragraphs > 1


def _alt(fields: Fields, item: YamlNode, diagnostics: Diagnostics) -> str | None:
    alt = _required(fields, "alt", "file", item, diagnostics)
    if alt is not None and len(alt) > LONG_ALT:
        diagnostics.warning(
            fields["alt"].mark,
            f"'alt' is {len(alt)} characters long; a screen reader reads it all at once, with no way to skip",
            f"say what the image shows in under {LONG_ALT} characters; put the rest in 'caption'",
        )
    return alt


def _image(
    fields: Fields, item: YamlNode, root: Path, check: ImageCheck, diagnostics: Diagnostics
) -> ImageMedia | None:
    alt = _alt(fields, item, diagnostics)
    credit = _required(fields, "credit", "file", item, diagnostics)
    caption, license = _caption(fields, diagnostics), _optional(fields, "license", diagnostics)
    value = scalar(fields["file"], "file", diagnostics)
    relpath = _media_path(value, root, diagnostics) if value is not None else None
    if relpath is None or value is None:
        return None
    try:
        facts = check(root, relpath)
    except ImageProblem as problem:
        diagnostics.error(value.mark, f"{relpath}: {problem.message}", problem.hint)
        return None
    if facts.profile_dropped:
        diagnostics.warning(
            value.mark,
            f"{relpath}: its colour profile is not a valid ICC profile: its copies are published without it",
            "save it again with the sRGB profile (an editor's 'export for web')",
        )
    if alt is None or credit is None:
        return None
    return ImageMedia(
        relpath,
        alt,
        credit,
        caption,
        license,
        facts.digest,
        facts.format,
        facts.width,
        facts.height,
        value.mark,
        facts.length,
    )


def _media_path(value: YamlScalar, root: Path, diagnostics: Diagnostics) -> str | None:
    """The path as written, when it names a file below media/ (links are checked on reading)."""
    text = value.value.strip()
    parts = text.split("/")
    problem = None
    if not text.startswith(f"{MEDIA_DIR}/") or "\\" in text or len(parts) < 2:
        problem = f"'file' must be a path under {MEDIA_DIR}/ in the site folder, not '{shown(text)}'"
    elif any(part in ("", ".", "..") for part in parts):
        problem = f"'file' may not leave {MEDIA_DIR}/ nor name a folder: '{shown(text)}'"
    elif any(part.startswith(".") for part in parts) or any(ord(char) < 32 for char in text):
        problem = f"'file' may not name a hidden file or hold control characters: '{shown(text)}'"
    if problem is not None:
        diagnostics.error(
            value.mark, problem, f"put the image in {MEDIA_DIR}/ and write file: media/<name>.jpg"
        )
        return None
    if not (root / text).exists() and not (root / text).is_symlink():
        folder = posixpath.dirname(text)
        near = closest(text, site_files(root, folder))
        hint = f"did you mean '{near}'?" if near else f"put the image in {folder}/ (names are case-sensitive)"
        diagnostics.error(value.mark, f"no such file: {shown(text)}", hint)
        return None
    return text


def _remote(fields: Fields, item: YamlNode, diagnostics: Diagnostics) -> RemoteMedia | None:
    url = read_url(fields["url"], "url", diagnostics)
    title = _required(fields, "title", "url", item, diagnostics)
    credit = _required(fields, "credit", "url", item, diagnostics)
    caption = _caption(fields, diagnostics)
    thumbnail = read_url(fields["thumbnail"], "thumbnail", diagnostics) if "thumbnail" in fields else None
    if url is None or title is None or credit is None:
        return None
    video = recognise(url)
    provider, player = (video.provider, video.player) if video is not None else (None, None)
    return RemoteMedia(url, title, credit, caption, provider, player, thumbnail, fields["url"].mark)
