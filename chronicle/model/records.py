"""The typed, frozen model of a site: settings, entities, articles, events, pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from chronicle.model.date_wording import N_
from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import Mark
from chronicle.model.event_dates import EventDate
from chronicle.model.field_words import field_words
from chronicle.model.wording import ENGLISH, Wording


@dataclass(frozen=True)
class CorrectionNote:
    """A commit to the event files, by the start of its id, and the note readers see in place
    of its subject ("minor": none, and no correction)."""

    commit: str
    text: str
    mark: Mark
    slug: str | None = None
    """The one entry it is for (a key `commit/slug`); None: every entry the commit changed
    that has no note of its own."""


@dataclass(frozen=True)
class SiteSettings:
    title: str
    description: str
    base_url: str
    """Absolute URL of the published site, always ending in '/'."""
    language: str
    author: str
    feed_limit: int = 100
    """How many events each feed lists, newest first (the main feed and every subject's):
    a reader fetches the whole feed at every poll, and 20,000 entries weigh over 50 MB."""
    start: Literal["latest", "first"] = "latest"
    """Which period the home page shows when the timeline is in pages by period."""
    wording: Wording = ENGLISH
    """The interface language (`language:` and `strings:`): messages, dates and numbers."""
    correction_notes: tuple[CorrectionNote, ...] = ()
    """What readers are told of commits whose own subjects are not for them (`correction_notes:`)."""

    @property
    def direction(self) -> str:
        """ "rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu), else "ltr"."""
        return self.wording.direction

    @property
    def og_locale(self) -> str:
        """The language with its territory for `og:locale`: "fr_FR", "en_US"."""
        return self.wording.og_locale

    @property
    def identity(self) -> str:
        return "settings"


@dataclass(frozen=True)
class Entity:
    """An actor or a place that events name."""

    id: str
    name: str
    kind: Literal["actor", "place"]
    category: str | None
    """For actors, what they are (country, person, ...); for places, the country."""
    aliases: tuple[str, ...]
    mark: Mark

    @property
    def identity(self) -> str:
        return f"entity:{self.kind}:{self.id}"


UrlStatus = Literal["live", "dead", "unfit"]
"""How the original at a source's `url` is, as Wikipedia's citation templates say: `live`
(the default), `dead` (gone) or `unfit` (its address now serves something else, not to be
linked). A dead or unfit original is read in its archived copy."""

URL_STATUSES: tuple[UrlStatus, ...] = ("live", "dead", "unfit")


@dataclass(frozen=True)
class Article:
    """A source document in seeds/ with its metadata; `text` is what quotes are checked against."""

    id: str
    title: str
    publisher: str | None
    author: str | None
    published: PartialDate | None
    published_note: str | None
    url: str | None
    archive_url: str | None
    language: str
    document: str
    """Path of the document relative to the site root, e.g. seeds/<id>.txt."""
    text: str
    mark: Mark
    title_supplied: bool = False
    """The editors wrote the title (the document has none): shown in square brackets."""
    accessed: datetime.date | None = None
    """When the editors read the original at `url`."""
    archive_date: datetime.date | None = None
    """When `archive_url` was archived."""
    url_status: UrlStatus = "live"

    @property
    def identity(self) -> str:
        return f"article:{self.id}"


@dataclass(frozen=True)
class QuoteSpan:
    """Where a verified quote sits in its article's text: [start, end) character offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class ArticleSource:
    """A local article cited with a verbatim quote, verified against its text."""

    article_id: str
    quote: str
    span: QuoteSpan
    mark: Mark
    translation: str | None = None
    """The quote in the site's language, for a document in another: shown with the quote,
    marked as a translation; the quote itself is what is verified."""


@dataclass(frozen=True)
class ExternalSource:
    """A source with no local document: a URL and what is known of it."""

    url: str
    title: str | None
    publisher: str | None
    published: PartialDate | None
    mark: Mark
    title_supplied: bool = False
    """The editors wrote `title` (the page has none of its own): shown in square brackets."""
    accessed: datetime.date | None = None
    archive_url: str | None = None
    archive_date: datetime.date | None = None
    url_status: UrlStatus = "live"


Source = ArticleSource | ExternalSource


@dataclass(frozen=True)
class ImageMedia:
    """A local image under the site folder's media/, checked (decoded) when the event is read.

    Its published copies are made from its bytes at build time (model/media.py names them)."""

    file: str
    """Path relative to the site root: media/<name>.jpg."""
    alt: str
    credit: str
    caption: str | None
    """Inline markdown, as the editor wrote it."""
    license: str | None
    digest: str
    """Of the file's bytes: names its published copies, so a changed image gets new names."""
    format: Literal["jpeg", "png"]
    """The format of its copies besides WebP: a JPEG's own, PNG for a PNG or GIF and for a WebP
    with transparency, JPEG for any other WebP."""
    width: int
    height: int
    """As shown: the EXIF orientation applied (a portrait photo stored sideways is tall)."""
    mark: Mark
    length: int = 0
    """The file's bytes: a light file is published at its own width only (model/media.py)."""


@dataclass(frozen=True)
class RemoteMedia:
    """Media on another site: shown as a link card; a player loads only when the reader asks."""

    url: str
    title: str
    credit: str
    caption: str | None
    provider: Literal["youtube", "vimeo"] | None
    """A provider whose player can be shown on the page; None for any other address."""
    player: str | None
    """The provider's player for this video (where it starts, an unlisted video's hash): loaded
    only once the reader asks for it."""
    thumbnail: str | None
    """An image of it elsewhere (TimelineJS's Media Thumbnail): kept for the export, never loaded."""
    mark: Mark


Media = ImageMedia | RemoteMedia


Bound = Literal["at-least", "at-most"]
"""A figure that is a floor ("at least 600", "more than 10,000") or a ceiling ("up to 5,000")."""
BOUNDS: tuple[Bound, ...] = ("at-least", "at-most")


@dataclass(frozen=True)
class ClaimValue:
    value: str
    according_to: str
    source: Source
    as_of: EventDate | None = None
    """When the figure was stated or counted."""
    low: float | None = None
    high: float | None = None
    """The figure as numbers: `low` alone for one number, both for a range."""
    unit: str | None = None
    bound: Bound | None = None
    """`low` is a floor or a ceiling of the figure (`bound:`); None: the figure itself."""
    note: str | None = None
    """What readers must be told about the value, plain text: what its `as_of` rests on, say."""


@dataclass(frozen=True)
class Claim:
    """A figure that sources state differently, with every stated value; or, of `kind`
    "wording", how each source words something."""

    about: str
    values: tuple[ClaimValue, ...]
    kind: Literal["figure", "wording"] = "figure"


AddedOrigin = Literal["file", "git", "event-date"]


@dataclass(frozen=True)
class FieldChange:
    """A top-level field of an event file that a commit changed."""

    name: str
    how: Literal["changed", "added", "removed"]
    """Whether the field's value changed, or the field itself was added or removed."""
    items_added: int = 0
    items_removed: int = 0
    items_changed: int = 0
    """A list in both revisions (sources, claims, media, tags, ...): its items that are new,
    gone, and changed in place (one gone paired with one new)."""

    @property
    def label(self) -> str:
        """In words: "summary", "end date (added)", "sources (1 added, 1 changed)"."""
        return self.words(ENGLISH)

    def words(self, wording: Wording) -> str:
        """`label` in the interface's language, each field as readers call it (model/field_words.py)."""
        name = field_words(self.name, wording)
        if self.how != "changed":
            hows = {"added": N_("%(field)s (added)"), "removed": N_("%(field)s (removed)")}
            return wording.phrase(hows[self.how], field=name)
        counts = []  # Translators: items of a list (sources, topics ...) a correction added, changed, removed
        if self.items_added:
            counts.append(wording.counted("%(num)s added", "%(num)s added", self.items_added))
        if self.items_changed:
            counts.append(wording.counted("%(num)s changed", "%(num)s changed", self.items_changed))
        if self.items_removed:
            counts.append(wording.counted("%(num)s removed", "%(num)s removed", self.items_removed))
        if not counts:
            return name
        return wording.phrase("%(field)s (%(counts)s)", field=name, counts=", ".join(counts))


@dataclass(frozen=True)
class Change:
    """A substantive commit that touched an event's file (see README, "History from git")."""

    date: datetime.date
    """The author date, in the author's time zone."""
    sha: str
    """The abbreviated commit id (7 hexadecimal digits)."""
    subject: str
    """The first line of the commit message."""
    correction: bool = False
    """A substantive change after the commit that added the file: what the Corrections page
    and feed list (README, "Corrections")."""
    fields: tuple[FieldChange, ...] | None = None
    """What a correction changed, field by field (the new revision's order, then the fields it
    removed); None where that is not known: an old revision that does not parse, the file
    deleted or added again, or git not answering."""

    @property
    def anchor(self) -> str:
        """Its id on the event's page; after the event's permalink, its entry's id in the
        corrections feed (unique per event: a commit touches a file once)."""
        return f"correction-{self.sha}"

    @property
    def what_changed(self) -> str:
        """`fields` in words ("summary, sources (1 added)"); empty where they are not known."""
        return self.changed_words(ENGLISH)

    def changed_words(self, wording: Wording) -> str:
        """`what_changed` in the interface's language."""
        if self.fields is None:
            return ""
        said = dict.fromkeys(item.words(wording) for item in self.fields)  # `before` and `after` alike once
        return ", ".join(said) or wording.phrase("nothing readers see")


@dataclass(frozen=True)
class EventLink:
    """A slug in an event's `before`, `after` or `former_slugs`, where it was written."""

    slug: str
    mark: Mark


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    date: EventDate
    end: EventDate | None
    """`circa: true` in the file is read as both ends approximate."""
    summary: str
    """Markdown, as the editor wrote it."""
    tags: tuple[str, ...]
    actors: tuple[str, ...]
    places: tuple[str, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    added: datetime.date
    added_origin: AddedOrigin
    updated: datetime.date | None
    path: str
    """The event file, relative to the site root."""
    history: tuple[Change, ...] = ()
    """Substantive commits that touched the file, oldest first; empty outside git."""
    before: tuple[EventLink, ...] = ()
    """Events this one came before."""
    after: tuple[EventLink, ...] = ()
    """Events this one came after."""
    former_slugs: tuple[EventLink, ...] = ()
    """The slugs the file had before it was renamed, oldest first: old addresses to keep."""
    merged_slugs: tuple[EventLink, ...] = ()
    """Slugs of entries removed because what they said is now part of this one: their old
    addresses lead here, saying so (not that the entry moved)."""
    media: tuple[Media, ...] = ()
    """Images and remote media, in the file's order; the first image is the lead image."""
    date_basis: str | None = None
    """How the date is known (plain text), shown under the date on the event's page only."""

    @property
    def identity(self) -> str:
        return f"record:{self.slug}"

    @property
    def circa(self) -> bool:
        """Approximate at both ends (what `circa: true` says)."""
        return self.date.approximate and (self.end is None or self.end.approximate)

    @property
    def lead_image(self) -> ImageMedia | None:
        """The first local image: shown on cards, first on the page, in og:image and the feeds."""
        return next((item for item in self.media if isinstance(item, ImageMedia)), None)


@dataclass(frozen=True)
class Page:
    """A free page from content/pages/<name>.md."""

    name: str
    title: str
    description: str | None
    body: str
    """Markdown, front matter removed."""
    order: int
    path: str


@dataclass(frozen=True)
class Site:
    """Everything validated; handed to the timeline and the renderer, never changed."""

    settings: SiteSettings
    actors: dict[str, Entity]
    places: dict[str, Entity]
    articles: dict[str, Article]
    events: tuple[Event, ...]
    """In chronological order (see model/chronology.py for the rule)."""
    pages: tuple[Page, ...]
