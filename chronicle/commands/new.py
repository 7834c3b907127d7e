"""`new`: scaffold an event file from a title and a date, never overwriting.

The file starts with a yaml-language-server modeline pointing at ROOT/schema/event.schema.json
(relative to the event file), and `new` makes sure that file exists and is current: it
writes the schemas into ROOT/schema/ when they are missing, and refreshes its own stale
copies, so completion and checking in the editor work in any site folder, offline, for
everyone who clones it (see README, "Editor set-up").
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from chronicle.authoring.schema import SCHEMA_DIR, provide_site_schemas
from chronicle.authoring.written_folders import folders_problem
from chronicle.model.diagnostics import inert, one_line, shown_safely
from chronicle.source.events import EVENTS_DIR
from chronicle.source.lengths import MOST_CHARACTERS
from chronicle.source.validate import MAX_SLUG_LENGTH, suggest_slug, text_problem

MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/event.schema.json"
COMMENT_COLUMN = 29

# (line, comment): every field of an event, those to fill in first; optional ones commented out.
SCAFFOLD: tuple[tuple[str, str], ...] = (
    ("title: {title}", "headline of the event"),
    # The forms of a date above its line, not after it: an error in the date quotes its line.
    ("# date: YYYY, YYYY-MM or YYYY-MM-DD; 2025-06~ approximate, 2025-06? uncertain;", ""),
    ('#   "[2025-12-01..2025-12-26]" one day between (quoted), "[..2025-06-03]" on or before', ""),
    ("date: {date}", "as precisely as the sources allow (forms above)"),
    ("# end: {date}", "for a span: when it ended (same forms, not before date)"),
    ("# date_basis: ...", "how the date is known, if the documents do not simply say (page only)"),
    ("# circa: true", 'both ends approximate (shown as "c.")'),
    ("# after: [slug]", "events the sources say this came after"),
    ("# before: [slug]", "events the sources say this came before"),
    ("# former_slugs: [slug]", "names this file had before a rename, oldest first"),
    ("# merged_slugs: [slug]", "entries removed because this one now says what they said"),
    ("summary:", "what happened, in markdown (`summary: |` for several lines)"),
    ("tags: []", "lowercase slugs, e.g. [diplomacy, military]"),
    ("actors: []", "ids from content/entities.yaml (actors)"),
    ("places: []", "ids from content/entities.yaml (places)"),
    ("sources:", "at least one: an article with a verbatim quote, or a url"),
    ("  - article:", "id of content/articles/<id>.yaml"),
    ("    quote:", "verbatim passage of that article (checked)"),
    ("    # translation: ...", "the quote in the site's language, for a document in another"),
    ("  # - url: https://...", "or a source with no local document"),
    ("  #   title: ...", "required with a url: the page's headline"),
    ("  #   title_supplied: true", "the editors wrote the title (shown in [brackets])"),
    ("  #   publisher: ...", "who published it"),
    ("  #   published: YYYY-MM-DD", "when (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("  #   accessed: YYYY-MM-DD", 'when you read it ("Retrieved ...")'),
    ("  #   archive_url: https://...", "an archived copy (e.g. web.archive.org)"),
    ("  #   archive_date: YYYY-MM-DD", "when the copy was made"),
    ("  #   url_status: live", "live, dead or unfit: a dead or unfit original links to the copy"),
    ("# claims:", "figures the sources state differently"),
    ("#   - about: ...", "what the figure measures"),
    ("#     kind: figure", "or wording: how each source words something (no figure, no chart)"),
    ("#     values:", "every value, with who states it"),
    ("#       - value: ...", "the figure as this source states it"),
    ("#         according_to: ...", "who states it"),
    ("#         as_of: YYYY-MM", "when the figure was stated (same forms as date)"),
    ("#         low: 600", "the figure as a number (a range's lower end)"),
    ("#         high: 2000", "a range's upper end"),
    ("#         unit: soldiers", "what the number counts"),
    ("#         bound: at-least", "low is a floor (at least 600); at-most: a ceiling (up to 600)"),
    ("#         note: ...", "what readers must be told about it, in plain text"),
    ('#         source: {{article: ..., quote: "..."}}', "same forms as a source"),
    ("# media:", "images and remote media; the first image leads (cards, feeds)"),
    ("#   - file: media/photo.jpg", "a JPEG, PNG, GIF or WebP under media/ in the site folder"),
    ("#     alt: ...", "what it shows, for readers who cannot see it"),
    ("#     caption: ...", "optional, inline markdown"),
    ("#     credit: ...", "who made it or holds it"),
    ("#     license: ...", "optional: its licence or terms of use"),
    ("#   - url: https://...", "or media elsewhere (YouTube, Vimeo play on request)"),
    ("#     title: ...", "its title"),
    ("#     credit: ...", "who made it or holds it"),
    ("#     thumbnail: https://...", "optional: its image elsewhere (for TimelineJS)"),
    ("added: {added}", "when the event joined the timeline (the feeds' date)"),
    ("# updated: YYYY-MM-DD", "last substantive change (the feeds' update date)"),
)


def slug_for(title: str) -> str:
    """A permalink slug from any title: transliterated, lowercase, hyphens."""
    return suggest_slug(title, 80) or "event"


def scaffold(title: str, date: str, slug: str, added: datetime.date) -> str:
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    shown_date = f'"{date}"' if date.startswith("[") else date  # YAML reads [..] unquoted as a list
    values = {"title": quoted_title, "date": shown_date, "added": added.isoformat()}
    lines = [
        MODELINE,
        f"# One event per file; the file name is its id and permalink (events/{slug}/).",
        "# Fill in the summary and a source, then run `chronicle check`.",
    ]
    for template, comment in SCAFFOLD:
        line = template.format(**values)
        lines.append(f"{line.ljust(COMMENT_COLUMN - 1)} # {comment}" if comment else line)
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    title = " ".join(args.title.split())
    if not title:
        print("error: the title is empty", file=sys.stderr)
        return 2
    problem = text_problem(title)
    if problem is not None:
        print(f"error: the title contains {shown_safely(problem[0])}; {problem[1]}", file=sys.stderr)
        return 2
    if len(title) > MOST_CHARACTERS["title"]:  # as the file's: it must check at once
        most = MOST_CHARACTERS["title"]
        print(
            f"error: the title is {len(title):,} characters long; an event's title may have at most {most}",
            file=sys.stderr,
        )
        return 2
    folder = folders_problem(root, EVENTS_DIR, SCHEMA_DIR)
    if folder is not None:
        print(
            inert(one_line(f"error: {folder}; nothing written (replace the link with a plain folder)")),
            file=sys.stderr,
        )
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
    provide_site_schemas(root)
    return 0
