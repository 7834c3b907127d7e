"""`new`: scaffold an event file from a title and a date, never overwriting."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from slugify import slugify

from chronicle.events import EVENTS_DIR
from chronicle.validate import MAX_SLUG_LENGTH

SCAFFOLD = """\
# yaml-language-server: $schema=../../schema/event.schema.json
# One event per file; the file name is its id and permalink (events/{slug}/).
title: {title}
date: {date}                # YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the sources allow
# end: {date}               # for a span: when it ended (same forms, not before date)
# circa: true               # the date is approximate
summary:                    # what happened, in markdown; attribute every claim
tags: []                    # lowercase slugs, e.g. [diplomacy, military]
actors: []                  # ids from content/entities.yaml (actors)
places: []                  # ids from content/entities.yaml (places)
sources:                    # at least one
  - article:                # id of content/articles/<id>.yaml
    quote:                  # verbatim passage of that article
  # - url: https://...      # or a source with no local document
  #   title: ...
  #   publisher: ...
  #   published: YYYY-MM-DD
# claims:                   # figures the sources state differently
#   - about: ...
#     values:
#       - value: ...
#         according_to: ...
#         source: {{article: ..., quote: "..."}}
added: {added}          # when the event joined the timeline (the feeds' date)
"""


def slug_for(title: str) -> str:
    """A permalink slug from any title: transliterated, lowercase, hyphens."""
    return slugify(title, max_length=80, word_boundary=True) or "event"


def scaffold(title: str, date: str, slug: str, added: datetime.date) -> str:
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return SCAFFOLD.format(title=quoted_title, date=date, slug=slug, added=added.isoformat())


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    title = " ".join(args.title.split())
    if not title:
        print("error: the title is empty", file=sys.stderr)
        return 2
    slug = slug_for(title)[:MAX_SLUG_LENGTH]
    path = root / EVENTS_DIR / f"{slug}.yaml"
    if path.exists() or path.is_symlink():
        print(
            f"error: {path} already exists; nothing written (choose another title or edit that file)",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    text = scaffold(title, args.date, slug, datetime.date.today())
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    print(path)
    return 0
