"""content/site.yaml -> SiteSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.records import SiteSettings
from chronicle.model.site_fields import SITE_FIELDS
from chronicle.source.base_url import base_url_problem, holds_user_placeholder, not_as_browsers_write_it
from chronicle.source.copied_texts import SITE_MOST, read_copied_text
from chronicle.source.correction_notes import read_correction_notes
from chronicle.source.language import read_wording
from chronicle.source.load import YamlNode, load_yaml_file, shown
from chronicle.source.validate import (
    check_mapping,
    read_integer,
    read_language,
    read_text,
)

SETTINGS_PATH = "content/site.yaml"


def read_settings(
    root: Path, diagnostics: Diagnostics, base_url_override: str | None = None, data: bytes | None = None
) -> SiteSettings | None:
    """The site's settings, from content/site.yaml or its bytes `data` (source.load.read_text_file)."""
    mark = Mark(SETTINGS_PATH)
    if not (root / SETTINGS_PATH).is_file():
        diagnostics.error(
            mark,
            "the site settings file content/site.yaml is missing",
            "create it with at least `title:` and `base_url:`",
        )
        return None
    node = load_yaml_file(
        root, SETTINGS_PATH, diagnostics, data, "write at least `title:` and `base_url:` in it"
    )
    fields = check_mapping(node, SITE_FIELDS, "site settings", diagnostics, mark)
    if fields is None:
        return None
    title, description, author = (
        read_copied_text(fields[name], name, most, "every page of the site", diagnostics)
        if name in fields
        else None
        for name, most in SITE_MOST.items()
    )
    base_url = _read_base_url(fields["base_url"], diagnostics) if "base_url" in fields else None
    language = read_language(fields["language"], "language", diagnostics) if "language" in fields else None
    feed_limit = _read_feed_limit(fields["feed_limit"], diagnostics) if "feed_limit" in fields else None
    start = _read_start(fields["start"], diagnostics) if "start" in fields else "latest"
    wording = read_wording(fields.get("language"), language or "en", fields.get("strings"), diagnostics)
    notes = fields.get("correction_notes")
    correction_notes = read_correction_notes(notes, diagnostics) if notes is not None else ()
    if base_url_override is not None:
        base_url = base_url_override
    if title is None or base_url is None:
        return None
    return SiteSettings(
        title=title,
        description=description or "",
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=language or "en",
        author=author or "",
        feed_limit=feed_limit if feed_limit is not None else SiteSettings.feed_limit,
        start=start or "latest",
        wording=wording,
        correction_notes=correction_notes,
    )


def _read_base_url(node: YamlNode, diagnostics: Diagnostics) -> str | None:
    """Where the site lives: checked as `--base-url` is (base_url.base_url_problem)."""
    text = read_text(node, "base_url", diagnostics)
    problem = base_url_problem(text) if text is not None else None
    if problem is not None:
        diagnostics.error(node.mark, f"'base_url' {problem[0]}", problem[1])
        return None
    if text is not None and holds_user_placeholder(text):
        diagnostics.warning(
            node.mark,
            f"'base_url' still holds the placeholder USER: {shown(text)}",
            "put the GitHub user or organisation name the site is published under in its place "
            "(https://NAME.github.io/REPO/): feeds, the sitemap and the embed code carry it",
        )
    elif text is not None:
        _warn_unless_as_browsers_write_it(node, text, diagnostics)
    return text


def _warn_unless_as_browsers_write_it(node: YamlNode, text: str, diagnostics: Diagnostics) -> None:
    """`HTTPS://News.Example.org:443/` is the site browsers call `https://news.example.org/`:
    it works, but see base_url.not_as_browsers_write_it."""
    found = not_as_browsers_write_it(text)
    if found is not None:
        diagnostics.warning(node.mark, f"'base_url' {found[0]}", found[1])


def _read_start(node: YamlNode, diagnostics: Diagnostics) -> Literal["latest", "first"] | None:
    value = read_text(node, "start", diagnostics)
    if value == "latest":
        return "latest"
    if value == "first":
        return "first"
    if value is not None:
        diagnostics.error(node.mark, f"'start' must be latest or first, not '{shown(value)}'")
    return None


def _read_feed_limit(node: YamlNode, diagnostics: Diagnostics) -> int | None:
    limit = read_integer(node, "feed_limit", diagnostics)
    if limit is not None and limit < 1:
        diagnostics.error(node.mark, f"'feed_limit' must be at least 1, not {limit}")
        return None
    return limit
