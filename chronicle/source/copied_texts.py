"""Texts written once and copied onto many pages: bounded where they are read.

The site's title, description and author are on every page; an article's title, publisher
and author on the page of every event citing it; an event's sources, claims and media on its
page and in every feed that lists it (the site's, and those of each of its tags, actors and
places). Without a bound, one value within the YAML size limit would be published thousands
of times (the event's own title and summary: source.lengths; an actor's or a place's names:
source.entities).
"""

from __future__ import annotations

from chronicle.model.diagnostics import Diagnostics
from chronicle.source.load import YamlNode
from chronicle.source.validate import read_text

SITE_MOST = {"title": 200, "description": 1_000, "author": 200}
ARTICLE_MOST = {"title": 500, "publisher": 200, "author": 200}
EVENT_PART_MOST = {
    "title": 500, "publisher": 200, "quote": 5_000, "translation": 5_000,
    "about": 500, "value": 500, "according_to": 200, "note": 2_000, "unit": 50,
    "credit": 500, "caption": 2_000, "license": 200, "alt": 2_000,
}  # fmt: skip
"""Well above any real one (a headline, a newspaper's name; a site's tagline; a quote of a
long paragraph)."""


def read_copied_text(
    node: YamlNode, name: str, most: int, copied_onto: str, diagnostics: Diagnostics
) -> str | None:
    """The text, as `read_text` reads it; an error at it when it is over `most` characters
    (the text is still given: what names it is not reported again)."""
    text = read_text(node, name, diagnostics)
    if text is not None and len(text) > most:
        diagnostics.error(
            node.mark,
            f"'{name}' is {len(text):,} characters long; it may have at most {most:,}",
            f"it is copied onto {copied_onto}: keep it short",
        )
    return text


def read_event_text(node: YamlNode, name: str, diagnostics: Diagnostics) -> str | None:
    """A text of an event's source, claim or media entry, as `read_text` reads it, bounded
    where EVENT_PART_MOST names it."""
    most = EVENT_PART_MOST.get(name)
    if most is None:
        return read_text(node, name, diagnostics)
    return read_copied_text(
        node, name, most, "the event's page and into every feed that lists it", diagnostics
    )
