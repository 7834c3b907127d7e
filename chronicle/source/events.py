"""content/events/<slug>.yaml -> Event, with ids resolved and quotes verified."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.event_dates import EventDate
from chronicle.model.fields import EVENT_FIELDS
from chronicle.model.records import (
    AddedOrigin,
    Entity,
    Event,
    EventLink,
    Source,
)
from chronicle.source.addresses import numbered_id_problem
from chronicle.source.catalogue import Catalogue
from chronicle.source.cited import read_source
from chronicle.source.claims import read_claims
from chronicle.source.dedented import reattach_dedented
from chronicle.source.entity_names import named_entity
from chronicle.source.former_slugs import read_old_slugs
from chronicle.source.images import ImageFacts
from chronicle.source.lengths import within_length
from chronicle.source.load import YamlNode, YamlScalar, load_yaml_file
from chronicle.source.markdown_checks import markdown_problem
from chronicle.source.markdown_references import unused_reference
from chronicle.source.meant import unknown_id
from chronicle.source.media import ImageChecks, read_media
from chronicle.source.quote_misses import NormalisedText, QuoteSearches
from chronicle.source.source_dates import warn_if_after_every_source
from chronicle.source.validate import (
    check_mapping,
    read_bool,
    read_day,
    read_event_date,
    read_list,
    read_slugs,
    read_text,
)
from chronicle.source.written import mark_of_line

EVENTS_DIR = "content/events"


@dataclass(frozen=True)
class EventContext:
    """What an event is checked against. `actors`/`places` are None when entities.yaml is broken.

    Every lookup is recorded in `used` ("article:<id>", "articles", "actor:<id>", "actors",
    ...), so that the build knows what an event's result depends on besides its own file:
    give each event a context of its own (`for_one_event`).
    """

    catalogue: Catalogue
    actors: dict[str, Entity] | None
    places: dict[str, Entity] | None
    used: set[str] = field(default_factory=set)
    images: ImageChecks = field(default_factory=ImageChecks)
    """Shared by every event's context (`for_one_event`): each image checked once."""
    quote_searches: QuoteSearches = field(default_factory=QuoteSearches)  # the file's own
    today: datetime.date | None = None
    """The day of the build, for `added` and `updated` after it (None: not compared)."""

    def for_one_event(self) -> EventContext:
        return dataclasses.replace(self, used=set(), quote_searches=QuoteSearches())

    def has_article(self, article_id: str) -> bool:
        self.used.add(f"article:{article_id}")
        return article_id in self.catalogue.known_ids

    def article_ids(self) -> Collection[str]:
        self.used.add("articles")
        return self.catalogue.known_ids

    def article_text(self, article_id: str) -> NormalisedText | None:
        self.used.add(f"article:{article_id}")
        return self.catalogue.text(article_id)

    def article_language(self, article_id: str) -> str | None:
        """The language of a cited article's document (None when the article has errors)."""
        self.used.add(f"article:{article_id}")
        article = self.catalogue.articles.get(article_id)
        return None if article is None else article.language

    def has_entity(self, kind: str, entity_id: str) -> bool | None:
        """Whether the actor or place exists; None when entities.yaml is broken."""
        self.used.add(f"{kind}:{entity_id}")
        known = self.actors if kind == "actor" else self.places
        return None if known is None else entity_id in known

    def entity_ids(self, kind: str) -> Collection[str]:
        self.used.add(f"{kind}s")
        return (self.actors if kind == "actor" else self.places) or {}

    def article_published(self, article_id: str) -> PartialDate | None:
        """When a cited article was published (None when not known, or the article has errors)."""
        self.used.add(f"article:{article_id}")
        article = self.catalogue.articles.get(article_id)
        return None if article is None else article.published

    def named_hint(self, kind: str, text: str) -> str | None:
        """For a name written where an id belongs: the hint naming the entity's id."""
        self.used.add(f"{kind}-names")
        found = named_entity((self.actors if kind == "actor" else self.places) or {}, text)
        return None if found is None else f"that is the {kind} whose id is '{found}': write {found}"

    def after_today(self, day: datetime.date) -> bool:
        """Whether `day` is after the build's; if so, the event's result depends on the day."""
        if self.today is None or day <= self.today:
            return False  # a day past stays past: nothing to record
        self.used.add("today")
        return True

    def image(self, root: Path, relpath: str) -> ImageFacts:
        """An image under media/, checked (ImageProblem if it cannot be published); the event's
        result depends on its bytes."""
        self.used.add(f"media:{relpath}")
        return self.images.check(root, relpath)


@dataclass(frozen=True)
class AddedDefault:
    """Where `added` comes from when the file does not say."""

    date: datetime.date | None
    origin: AddedOrigin
    warn: bool = True
    """Whether to warn, for this file, that git does not know it."""


_EMPTY_EVENT = (
    "write the event's fields in it (the `new` command writes a file with each one explained), or delete it"
)


def read_event(
    root: Path,
    relpath: str,
    slug: str,
    context: EventContext,
    added_default: AddedDefault,
    diagnostics: Diagnostics,
    data: bytes | None = None,
) -> Event | None:
    """The event in the file (or in its bytes `data`, see source.load.read_text_file)."""
    mark = Mark(relpath)
    node = reattach_dedented(load_yaml_file(root, relpath, diagnostics, data, _EMPTY_EVENT), diagnostics)
    fields = check_mapping(node, EVENT_FIELDS, "event", diagnostics, mark)
    if fields is None:
        return None
    errors_before = _error_count(diagnostics)
    read = _EventFields(fields, diagnostics)
    title = read.text("title")
    summary, date_basis = read.markdown("summary"), read.text("date_basis", multiline=True)
    start, end = read.span()
    before, after = read.links("before", slug), read.links("after", slug)
    former_slugs = read_old_slugs(fields.get("former_slugs"), "former_slugs", slug, diagnostics)
    merged_slugs = read_old_slugs(fields.get("merged_slugs"), "merged_slugs", slug, diagnostics)
    tags = read.tags()
    actors = _ids(fields.get("actors"), "actors", "actor", context, diagnostics)
    places = _ids(fields.get("places"), "places", "place", context, diagnostics)
    sources = _sources(fields.get("sources"), context, diagnostics)
    claims = read_claims(fields.get("claims"), context, diagnostics)
    media = read_media(fields.get("media"), root, context.image, diagnostics)
    added, updated = read.added_and_updated()
    _warn_of_unlikely_days(fields, start, sources, {"added": added, "updated": updated}, context, diagnostics)

    if _error_count(diagnostics) > errors_before or None in (title, summary, start):
        return None
    assert title is not None and summary is not None and start is not None
    origin: AddedOrigin = "file"
    if added is None:
        added, origin = added_default.date or start.anchor.first_day(), added_default.origin
    return Event(
        slug=slug,
        title=title,
        date=start,
        end=end,
        before=before,
        after=after,
        former_slugs=former_slugs,
        merged_slugs=merged_slugs,
        summary=summary,
        tags=tags,
        actors=actors,
        places=places,
        sources=sources,
        claims=claims,
        media=media,
        added=added,
        added_origin=origin,
        updated=updated,
        date_basis=date_basis,
        path=relpath,
    )


def _line_mark(node: YamlNode, line: int | None, column: int | None = None) -> Mark:
    """Where line `line` of a text value is written (the value's start if not known)."""
    if isinstance(node, YamlScalar) and line is not None:
        return mark_of_line(node, line, column)
    return node.mark


class _EventFields:
    """An event file's own fields read one by one, each problem reported as it is found."""

    def __init__(self, fields: dict[str, YamlNode], diagnostics: Diagnostics) -> None:
        self.fields = fields
        self.diagnostics = diagnostics

    def text(self, name: str, multiline: bool = False) -> str | None:
        if name not in self.fields:
            return None
        return self._bounded(name, read_text(self.fields[name], name, self.diagnostics, multiline=multiline))

    def markdown(self, name: str) -> str | None:
        if name not in self.fields:
            return None
        node = self.fields[name]
        text = read_text(node, name, self.diagnostics, multiline=True)
        problem = None if text is None else markdown_problem(text, name)
        if problem is not None:  # (a more telling error than its length)
            message, hint, line, column = problem
            self.diagnostics.error(_line_mark(node, line, column), message, hint)
        unused = None if text is None or problem else unused_reference(text, f"the {name}'s")
        if unused is not None:
            line, message, hint = unused
            self.diagnostics.warning(_line_mark(node, line), message, hint)
        return self._bounded(name, text) if problem is None else None

    def _bounded(self, name: str, text: str | None) -> str | None:
        fits = text is None or within_length(name, text, self.fields[name].mark, self.diagnostics)
        return text if fits else None

    def date(self, name: str) -> EventDate | None:
        if name not in self.fields:
            return None
        return read_event_date(self.fields[name], name, self.diagnostics)

    def day(self, name: str) -> datetime.date | None:
        return read_day(self.fields[name], name, self.diagnostics) if name in self.fields else None

    def span(self) -> tuple[EventDate | None, EventDate | None]:
        """`date` and `end`, `circa` applied to both; an end that must be before the start is an error."""
        start, end = self.date("date"), self.date("end")
        circa = (
            read_bool(self.fields["circa"], "circa", self.diagnostics) if "circa" in self.fields else False
        )
        if circa and start is not None:
            start, end = self._circa(start), self._circa(end)
        if start is not None and end is not None:
            earliest, latest = start.earliest(), end.latest()
            if earliest is not None and latest is not None and latest < earliest:
                self.diagnostics.error(
                    self.fields["end"].mark, f"'end' ({end.edtf}) is before 'date' ({start.edtf})"
                )
        return start, end

    def _circa(self, date: EventDate | None) -> EventDate | None:
        if date is None:
            return None
        if date.ranged:
            self.diagnostics.error(
                self.fields["circa"].mark,
                "'circa' cannot qualify a range of days",
                "a range already says how far the date may lie; leave 'circa' out or widen the range",
            )
            return date
        return dataclasses.replace(date, approximate=True)

    def links(self, name: str, slug: str) -> tuple[EventLink, ...]:
        """`before`/`after`: event slugs; whether they exist is checked with all events read."""
        if name not in self.fields:
            return ()
        links = []
        for item in read_slugs(self.fields[name], name, self.diagnostics):
            if item.value == slug:
                self.diagnostics.error(item.mark, f"an event cannot come {name} itself")
                continue
            links.append(EventLink(item.value, item.mark))
        return tuple(links)

    def tags(self) -> tuple[str, ...]:
        if "tags" not in self.fields:
            return ()
        items = read_slugs(self.fields["tags"], "tags", self.diagnostics)
        for item in items:
            numbered = numbered_id_problem("tag", item.value)
            if numbered is not None:
                self.diagnostics.error(item.mark, *numbered)
        return tuple(item.value for item in items)

    def added_and_updated(self) -> tuple[datetime.date | None, datetime.date | None]:
        """`added` and `updated`; an update before the addition is an error."""
        added, updated = self.day("added"), self.day("updated")
        if added is not None and updated is not None and updated < added:
            self.diagnostics.error(self.fields["updated"].mark, "'updated' is before 'added'")
        return added, updated


def _warn_of_days_to_come(
    fields: dict[str, YamlNode],
    days: dict[str, datetime.date | None],
    context: EventContext,
    diagnostics: Diagnostics,
) -> None:
    """An `added` or `updated` after the build's day: the feeds would list the entry first."""
    for name, day in days.items():
        if day is not None and context.after_today(day):
            diagnostics.warning(
                fields[name].mark,
                f"'{name}' is {day}, after today ({context.today}): the feeds would list the entry "
                "as the newest until then",
                f"give the day the entry was {'added' if name == 'added' else 'last changed'}",
            )


def _warn_of_unlikely_days(
    fields: dict[str, YamlNode],
    start: EventDate | None,
    sources: tuple[Source, ...],
    days: dict[str, datetime.date | None],
    context: EventContext,
    diagnostics: Diagnostics,
) -> None:
    """Days that are likely typed wrong: `added`/`updated` to come, a date after every source."""
    _warn_of_days_to_come(fields, days, context, diagnostics)
    if start is not None:
        warn_if_after_every_source(fields["date"], start, sources, context, diagnostics)


def _error_count(diagnostics: Diagnostics) -> int:
    return sum(d.severity == "error" for d in diagnostics.items)


def _ids(
    node: YamlNode | None,
    name: str,
    kind: str,
    context: EventContext,
    diagnostics: Diagnostics,
) -> tuple[str, ...]:
    if node is None:
        return ()
    items = read_slugs(node, name, diagnostics, partial(context.named_hint, kind))
    for item in items:
        if context.has_entity(kind, item.value) is False:
            hint = context.named_hint(kind, item.value)
            if hint is not None:
                diagnostics.error(item.mark, f"unknown {kind} '{item.value}'", hint)
                continue
            known = context.entity_ids(kind)
            unknown_id(item, kind, known, f"content/entities.yaml under '{name}'", diagnostics)
    return tuple(item.value for item in items)


def _sources(node: YamlNode | None, context: EventContext, diagnostics: Diagnostics) -> tuple[Source, ...]:
    if node is None:
        return ()
    items = read_list(node, "sources", diagnostics)
    if items is None:
        return ()
    if not items:
        diagnostics.error(node.mark, "'sources' is empty; an event needs at least one source")
    sources = (read_source(item, item.mark, context, diagnostics) for item in items)
    return tuple(source for source in sources if source is not None)
