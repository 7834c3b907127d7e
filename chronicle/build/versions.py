"""Timeline -> every identifiable view by identity, and a version of each.

A view's version changes whenever anything a render could read through it changes: it
lets a rebuild skip, view by view, re-reading what a render read (`tracking.still_true`).
An event's record and an article are versioned by their provenance (the key of the files
they were read from and of everything they were checked against, from the load stage);
every other view by a description of its fields with the versions of the views it names,
so a change anywhere below a view changes its version.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Mapping
from functools import partial

from chronicle.build.keys import digest
from chronicle.build.recent import KeptVersions, Recent, again, keep_only
from chronicle.build.tracking import describe, identity_of
from chronicle.model.chronology import Relations, relations
from chronicle.model.records import Event, Site
from chronicle.timeline.views import EventView, Timeline


def view_index(timeline: Timeline) -> dict[str, object]:
    """Identity -> view, for every identifiable object a render can reach."""
    index: dict[str, object] = {}
    for view in _identifiable(timeline):
        identity = identity_of(view)
        if identity is not None:
            index[identity] = view
    return index


def _identifiable(timeline: Timeline) -> Iterator[object]:
    site = timeline.site
    yield timeline
    yield site.settings
    yield from site.actors.values()
    yield from site.places.values()
    yield from site.articles.values()
    yield from site.events
    yield from timeline.events
    for year in timeline.years:
        yield year
        yield from year.months
    for page in timeline.chronology.pages:
        yield page
        for section in page.sections:
            yield from section.months  # a large month's parts are views of their own
    yield from timeline.tags
    yield from timeline.actors
    yield from timeline.places
    yield from timeline.sources
    yield from timeline.pages


def event_versions(
    site: Site,
    provenance: Mapping[str, str],
    recent: Recent | None = None,
    recent_entities: Recent | None = None,
    last: KeptVersions | None = None,
    linked: Relations | None = None,
) -> KeptVersions:
    """Slug -> the version of the event's view (`.versions`): its record's provenance and the
    entities it shows (the view names each of its actors and places by id). `recent`: the
    versions of a session's last run, reused where made of the same parts (build.recent);
    `recent_entities`, its digests of the entities, reused for equal entities; `last`, what
    that run returned: only the events whose record, or a related event's, changed are
    versioned again while the entities and the relations are as they were; `linked`:
    `relations(site.events)`, when made already."""
    recent = {} if recent is None else recent
    recent_entities = {} if recent_entities is None else recent_entities
    entities = {
        entity.identity: again(recent_entities, entity.identity, (entity,), partial(_entity_digest, entity))
        for entity in (*site.actors.values(), *site.places.values())
    }
    keep_only(recent_entities, entities)
    linked = relations(site.events) if linked is None else linked
    records = {event.slug: provenance[event.identity] for event in site.events}
    same = (
        last is not None
        and last.entities == entities
        and last.linked == linked
        and last.records.keys() == records.keys()
    )
    if same:
        changed = {slug for slug, key in records.items() if last.records[slug] != key}  # type: ignore[union-attr]
        # An event's version names the records of the events it came before or after.
        touched = changed.union(*(itertools.chain(*linked.get(slug, ((), ()))) for slug in changed))
        versions = dict(last.versions)  # type: ignore[union-attr]
        if touched:  # a few: the others' versions are as they were
            for event in site.events:
                if event.slug in touched:
                    versions[event.slug] = _event_version(event, site, provenance, entities, linked, recent)
    else:
        touched = set(records)
        versions = {
            event.slug: _event_version(event, site, provenance, entities, linked, recent)
            for event in site.events
        }
    keep_only(recent, versions)
    run = last.run + 1 if last is not None else 1
    return KeptVersions(records, entities, linked, versions, run, frozenset(touched) if same else None)


def _event_version(
    event: Event,
    site: Site,
    provenance: Mapping[str, str],
    entities: Mapping[str, str],
    linked: Relations,
    recent: Recent,
) -> str:
    named = [site.actors[item].identity for item in event.actors if item in site.actors]
    named += [site.places[item].identity for item in event.places if item in site.places]
    # The events it came before or after: their titles and dates are shown on its page.
    after, before = linked.get(event.slug, ((), ()))
    related = [provenance[f"record:{slug}"] for slug in (*after, *before)]
    parts = (provenance[event.identity], *(entities[identity] for identity in named), "related", *related)
    return again(recent, event.slug, parts, partial(digest, *parts))


def _entity_digest(entity: object) -> str:
    return digest(describe_fields(entity, []))


def unchanged_views(
    kept: Mapping[str, tuple[str, object]], versions: Mapping[str, str]
) -> dict[str, EventView]:
    """Slug -> the view of the event kept from the last plan (in this process, by its slug
    with its version: BuildState.views) where its version (in `versions`, by slug) is the
    same now: everything a view shows is in its version, as a rebuild's read checks already
    rely on."""
    return {
        slug: view
        for slug, (version, view) in kept.items()
        if versions.get(slug) == version and isinstance(view, EventView)
    }


def view_versions(index: Mapping[str, object], provenance: Mapping[str, str]) -> dict[str, str]:
    """Identity -> version: `provenance` gives those of the events' views and records and of
    the articles; any other view is versioned by its fields and the versions of the views
    they name."""
    versions: dict[str, str] = dict(provenance)
    for identity in index:
        _version(identity, index, versions)
    return versions


def _version(identity: str, index: Mapping[str, object], versions: dict[str, str]) -> str:
    # Not a closure over `versions`: a function that calls itself through its closure is a
    # reference cycle, and would keep every view of the build until a full collection.
    found = versions.get(identity)
    if found is not None:
        return found
    versions[identity] = "cycle"  # a view that names itself below adds nothing
    refs: list[str] = []
    own = describe_fields(index[identity], refs)
    found = digest(own, *sorted({_version(ref, index, versions) for ref in refs if ref in index}))
    versions[identity] = found
    return found


def describe_fields(view: object, refs: list[str]) -> str:
    if dataclasses.is_dataclass(view) and not isinstance(view, type):
        fields = [describe(getattr(view, field.name), refs) for field in dataclasses.fields(view)]
        return type(view).__name__ + "(" + ",".join(fields) + ")"
    return describe(view, refs)
