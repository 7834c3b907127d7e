"""The fields of every content file, declared once: the validator and the JSON Schemas both read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from chronicle.model.records import BOUNDS, URL_STATUSES

Kind = Literal[
    "text",  # one line of text
    "markdown",  # markdown text, raw HTML not rendered
    "date",  # YYYY, YYYY-MM or YYYY-MM-DD
    "edtf",  # a date of the EDTF forms: 2025-06~, [2025-12-01..2025-12-26], [..2025-06-03]
    "number",  # 600, 2.5
    "day",  # YYYY-MM-DD
    "bool",  # true or false
    "integer",
    "slug",  # a-z, 0-9 and hyphens
    "article-id",  # a-z, 0-9, hyphens and underscores (seed file names)
    "slugs",  # a list of slugs
    "texts",  # a list of one-line texts
    "url",  # http(s) URL
    "media-path",  # a path under the site folder's media/
    "language",  # a language tag such as en or pt-BR
    "choice",  # one of the field's `choices`
    "mapping",  # the nested `fields`
    "mappings",  # a list whose items are mappings of `fields`
    "named-mappings",  # a mapping from slug ids to mappings of `fields`
    "strings",  # a mapping from interface texts to their replacements
    "commit-notes",  # a mapping from commit ids to one-line texts
]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str
    example: object = None
    required: bool = False
    fields: tuple[Field, ...] = ()
    choices: tuple[str, ...] = ()
    """The values a "choice" field takes."""


WINDOWS_DEVICE_NAMES = (
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
)
"""Names Windows keeps for devices, whatever follows them: no file there may have one, so a
Windows editor could neither check out nor build a site with such a file or output folder."""
_NOT_A_DEVICE = r"(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)"
SLUG_PATTERN = r"^" + _NOT_A_DEVICE + r"[a-z0-9]+(-[a-z0-9]+)*$"
ARTICLE_ID_PATTERN = r"^" + _NOT_A_DEVICE + r"[a-z0-9][a-z0-9_-]*$"

ARCHIVE_EXAMPLE = "https://web.archive.org/web/20250706000000/https://example.org/report"

LASTING_FIELDS = (
    Field(
        "accessed",
        "day",
        'When the editors read the original at `url` (YYYY-MM-DD): shown as "Retrieved ...".',
        "2025-07-05",
    ),
    Field(
        "archive_url",
        "url",
        "An archived copy of the original (http or https), e.g. in the Wayback Machine.",
        ARCHIVE_EXAMPLE,
    ),
    Field(
        "archive_date",
        "day",
        "When the archived copy was made (YYYY-MM-DD; with `archive_url`).",
        "2025-07-06",
    ),
    Field(
        "url_status",
        "choice",
        "How the original at `url` is: live (the default), dead (gone) or unfit (its address "
        "now serves something else); a dead or unfit original is linked through `archive_url`.",
        "live",
        choices=URL_STATUSES,
    ),
)
"""Fields that keep a source readable when its site is gone (as Wikipedia's citation templates)."""

TITLE_SUPPLIED = Field(
    "title_supplied",
    "bool",
    "The editors wrote the title (the document has no headline of its own): shown in square brackets.",
    False,
)

SOURCE_FIELDS = (
    Field(
        "article",
        "article-id",
        "Id of a local source document: content/articles/<id>.yaml and seeds/<id>.<ext>. "
        "Give `quote` with it.",
        "004_046ceac8cd82e855",
    ),
    Field(
        "quote",
        "text",
        "Verbatim passage of the article that supports the event; checked against the "
        "article's text (whitespace, case and typographic quotes/dashes are ignored).",
        "Kim expressed expectation and conviction that Russia would, as ever, surely win victory",
    ),
    Field(
        "url", "url", "Link to a source with no local document (http or https).", "https://example.org/report"
    ),
    Field(
        "translation",
        "text",
        "The quote in the site's language, for a document in another (with `quote`): shown "
        "with it, marked as a translation; the quote itself is checked in the original.",
        "Russia will surely win, as ever",
    ),
    Field("title", "text", "Title of the external source (with `url`).", "Report title"),
    Field(
        "title_supplied",
        "bool",
        "The editors wrote `title` (the page has none of its own): shown in square brackets.",
        False,
    ),
    Field("publisher", "text", "Who published the external source (with `url`).", "Example"),
    Field("published", "date", "When the external source was published (with `url`).", "2025-06-05"),
    *LASTING_FIELDS,
)

MEDIA_PATH_PATTERN = r"^media/(?!\.)(?!.*/\.)(?!.*//)(?!.*/$)[^\\\s/][^\\]*$"
"""A path below media/: no part of it hidden or `..`, no empty part, no backslash (the validator
also refuses links leading out of the site folder)."""

MEDIA_FIELDS = (
    Field(
        "file",
        "media-path",
        "An image (JPEG, PNG, GIF or WebP) under the site folder's media/: published in several sizes, "
        "its metadata (location included) removed. Give `alt` and `credit` with it.",
        "media/kim-shoigu.jpg",
    ),
    Field(
        "url",
        "url",
        "Media on another site (http or https), shown as a link card; a YouTube or Vimeo video "
        "plays on the page only once the reader asks. Give `title` and `credit` with it.",
        "https://www.youtube.com/watch?v=XXXXXXXXXXX",
    ),
    Field(
        "alt",
        "text",
        "What the image shows, for readers who cannot see it (required with `file`).",
        "Kim Jong Un shakes hands with Sergei Shoigu",
    ),
    Field("title", "text", "Title of the remote media (required with `url`).", "Footage of the meeting"),
    Field("caption", "text", "Caption, in inline markdown.", "The meeting in Pyongyang"),
    Field("credit", "text", "Who made it or holds it (required).", "KCNA via Example"),
    Field("license", "text", "Its licence or terms of use.", "All rights reserved"),
    Field(
        "thumbnail",
        "url",
        "An image of the remote media elsewhere (with `url`): kept for the TimelineJS export, "
        "never loaded by the site.",
        "https://example.org/thumbnail.jpg",
    ),
)

CLAIM_VALUE_FIELDS = (
    Field(
        "value",
        "text",
        "The figure or wording as this source states it, in its words (as its quote has them); "
        "words the editors add go in square brackets, shown as theirs.",
        "at least 600",
        required=True,
    ),
    Field("according_to", "text", "Who states this value.", "South Korean intelligence", required=True),
    Field(
        "as_of",
        "edtf",
        "When the figure was stated or counted; the same forms as an event's `date`. "
        "Values are shown in this order.",
        "2025-04",
    ),
    Field("low", "number", "The figure as a number (the lower end, for a range); for the chart.", 600),
    Field("high", "number", "The upper end, where the figure is a range (with `low`).", 2000),
    Field("unit", "text", "What the number counts (with `low`).", "soldiers"),
    Field(
        "bound",
        "choice",
        'Where the words bound the figure: `at-least` when `low` is a floor ("at least 600", '
        '"more than 10,000"), `at-most` when it is a ceiling ("up to 5,000", "fewer than '
        '5,000"); the chart draws it as one, and the data says so. Not with `high`.',
        "at-least",
        choices=BOUNDS,
    ),
    Field(
        "note",
        "text",
        "What readers must be told about this value that it does not say itself, such as a "
        "fact from outside the documents that its `as_of` rests on: one or two sentences of "
        "plain text (no markdown), shown in a numbered note under the table.",
        "The month rests on the date of the inauguration.",
    ),
    Field(
        "source",
        "mapping",
        "Where the value is stated: an article with a quote, or a url.",
        {"article": "004_046ceac8cd82e855", "quote": "around 600 North Korean soldiers have died"},
        required=True,
        fields=SOURCE_FIELDS,
    ),
)

CLAIM_KINDS = ("figure", "wording")

CLAIM_FIELDS = (
    Field(
        "about", "text", "What the disputed figure measures.", "North Korean soldiers killed", required=True
    ),
    Field(
        "values",
        "mappings",
        "Every value the sources state, with who states it: at least two.",
        required=True,
        fields=CLAIM_VALUE_FIELDS,
    ),
    Field(
        "kind",
        "choice",
        "`figure` (the default): a figure the sources state differently, shown under Disputed "
        "figures; `wording`: how each source words something (a translation, a phrase), shown "
        "under How the sources word it and never counted as a disputed figure.",
        "wording",
        choices=CLAIM_KINDS,
    ),
)

EVENT_FIELDS = (
    Field(
        "title",
        "text",
        "Headline of the event.",
        'Kim pledges "unconditional support" for Russia in talks with Shoigu',
        required=True,
    ),
    Field(
        "date",
        "edtf",
        "When it happened, as precisely as the sources allow: YYYY, YYYY-MM or YYYY-MM-DD; "
        "`~` approximate, `?` uncertain, `%` both (2025-06~); one day in a range, quoted: "
        '"[2025-12-01..2025-12-26]", "[..2025-06-03]" (on or before), "[2025-06-05..]" (on or after).',
        "2025-06-04",
        required=True,
    ),
    Field("end", "edtf", "For a span: when it ended; same forms as `date`, not before it.", "2025-12-01"),
    Field(
        "date_basis",
        "text",
        "How the date is known, where the documents do not simply give it: plain text, shown under "
        "the date on the event's page only (not on cards or in the feeds), so that the summary keeps "
        "to what happened.",
        "The report gives no day; its month rests on the date of the inauguration.",
    ),
    Field("circa", "bool", 'Both ends are approximate (`~` on each; shown as "c.").', False),
    Field(
        "before",
        "slugs",
        "Slugs of events this one came before, where the sources say so (the order honours it).",
        ["2025-06-04-kim-shoigu-meeting"],
    ),
    Field(
        "after",
        "slugs",
        "Slugs of events this one came after, where the sources say so.",
        ["2025-06-ukraine-drone-strike"],
    ),
    Field(
        "former_slugs",
        "slugs",
        "Slugs this event's file had before it was renamed, oldest first. Each old address "
        "sends readers on to the event's page, and the feeds and the calendar keep the first "
        "one's permalink as the event's id, so that subscribers do not get it again.",
        ["2025-06-18-kim-putin-summit"],
    ),
    Field(
        "merged_slugs",
        "slugs",
        "Slugs of entries removed from the timeline because what they said is now part of this "
        "event. Each old address sends readers on to this event's page, saying that the entry "
        "was merged into it (not that it moved); the event keeps its own id in the feeds.",
        ["2025-06-19-treaty-text-published"],
    ),
    Field(
        "summary",
        "markdown",
        "What happened, in markdown (raw HTML is not rendered). "
        "Relative links are relative to the event's own page.",
        "At a meeting in Pyongyang ...",
        required=True,
    ),
    Field("tags", "slugs", "Free lowercase slugs grouping events.", ["diplomacy"]),
    Field("actors", "slugs", "Ids from `actors` in content/entities.yaml.", ["north-korea", "russia"]),
    Field("places", "slugs", "Ids from `places` in content/entities.yaml.", ["pyongyang"]),
    Field(
        "sources",
        "mappings",
        "At least one source: a local article with a verbatim quote, or an external url.",
        required=True,
        fields=SOURCE_FIELDS,
    ),
    Field(
        "claims",
        "mappings",
        "Figures that sources state differently, each value with who states it.",
        fields=CLAIM_FIELDS,
    ),
    Field(
        "media",
        "mappings",
        "Images under media/ (with alt text and credit) and remote media (a url, its title and "
        "credit); the first image is the event's lead image.",
        fields=MEDIA_FIELDS,
    ),
    Field(
        "added",
        "day",
        "When the event joined the timeline (the feeds' publication date). "
        "Defaults to the date of the commit that first added the file.",
        "2026-01-02",
    ),
    Field("updated", "day", "Last substantive change (the feeds' update date).", "2026-01-05"),
)

ARTICLE_FIELDS = (
    Field(
        "title",
        "text",
        "Title as the document gives it (or as the editors describe it: see `title_supplied`).",
        "Putin praises 'invincible friendship' with North Korea",
        required=True,
    ),
    TITLE_SUPPLIED,
    Field(
        "publisher",
        "text",
        "Publisher as the document names it; leave out what it does not say.",
        "Example News",
    ),
    Field("author", "text", "Author, where the document names one.", "A. Reporter"),
    Field("published", "date", "Publication date, as precise as the evidence allows.", "2025-12"),
    Field(
        "published_note",
        "text",
        "How the publication date was inferred.",
        'inferred from "delivered to Pyongyang last week"',
    ),
    Field("url", "url", "The original, online.", "https://example.org/article"),
    *LASTING_FIELDS,
    Field("language", "language", "Language of the document; defaults to the site's.", "en"),
)

ACTOR_FIELDS = (
    Field("name", "text", "Display name.", "North Korea", required=True),
    Field("kind", "text", "What the actor is: country, person, organisation ...", "country"),
    Field("aliases", "texts", "Other names the sources use.", ["DPRK"]),
)

PLACE_FIELDS = (
    Field("name", "text", "Display name.", "Kursk region", required=True),
    Field("country", "text", "The country the place is in.", "Russia"),
    Field("aliases", "texts", "Other names the sources use.", ["Kursk"]),
)

ENTITIES_FIELDS = (
    Field("actors", "named-mappings", "Countries, people and organisations, by id.", fields=ACTOR_FIELDS),
    Field("places", "named-mappings", "Places, by id.", fields=PLACE_FIELDS),
)
