"""The forms an entry of a list may take (a source: an article or a url; a media entry: a file
or a url), as JSON Schema `anyOf` branches mirroring the validator's rules."""

from __future__ import annotations

from typing import Any

from chronicle.source.cited import URL_ONLY

Schema = dict[str, Any]


def _absent(message: str) -> Schema:
    return {"type": "null", "errorMessage": message}


def _present(name: str) -> Schema:
    return {"not": {"type": "null"}, "errorMessage": f"'{name}' is empty"}


def source_forms() -> list[Schema]:
    """A source is an `article` with its `quote` (and `translation`), or a `url` (with title,
    publisher, published and what lets it last).

    Mirrors events.read_source; a key left empty counts as absent there, so "absent" is
    written as "absent or null" here.
    """
    absent, present = _absent, _present
    from_article = "an article source takes it from content/articles/<id>.yaml"
    return [
        {
            "title": "a local article with a verbatim quote",
            "required": ["article", "quote"],
            "properties": {
                "article": present("article"),
                "quote": present("quote"),
                **{
                    name: absent(f"'{name}' does not belong with 'article'; {from_article}")
                    for name in URL_ONLY
                },
            },
        },
        {
            "title": "an external source by its url",
            "required": ["url", "title"],
            "properties": {
                "url": present("url"),
                "title": present("title"),
                "article": absent("a source has 'article' and 'quote', or 'url', not both"),
                "quote": absent("a 'quote' can only be checked against a local 'article'"),
                "translation": absent("a 'translation' goes with the 'quote' of a local 'article'"),
            },
        },
    ]


def media_forms() -> list[Schema]:
    """A media entry is a `file` with its `alt` and `credit`, or a `url` with its `title` and
    `credit`. Mirrors source.media; a key left empty counts as absent there."""
    for_remote = "does not belong with 'file'; it is for remote media ('url')"
    for_image = "does not belong with 'url'; it is for an image under media/ ('file')"
    return [
        {
            "title": "an image under media/",
            "required": ["file", "alt", "credit"],
            "properties": {
                "file": _present("file"),
                "alt": _present("alt"),
                "credit": _present("credit"),
                **{name: _absent(f"'{name}' {for_remote}") for name in ("url", "title", "thumbnail")},
            },
        },
        {
            "title": "media on another site, by its url",
            "required": ["url", "title", "credit"],
            "properties": {
                "url": _present("url"),
                "title": _present("title"),
                "credit": _present("credit"),
                **{name: _absent(f"'{name}' {for_image}") for name in ("file", "alt", "license")},
            },
        },
    ]
