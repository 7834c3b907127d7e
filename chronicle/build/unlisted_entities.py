"""Actors and places that no event lists: their pages list no event, though events may name
them in their text. Warned about by `check` and `build` (not by `load_site` itself, whose
diagnostics are each file's own)."""

from __future__ import annotations

from chronicle.model.diagnostics import Diagnostic
from chronicle.model.records import Entity, Site


def unlisted_entities(site: Site) -> tuple[Diagnostic, ...]:
    """A warning at each actor or place of content/entities.yaml that no event's `actors` or
    `places` lists."""
    listed: dict[str, set[str]] = {"actor": set(), "place": set()}
    for event in site.events:  # one pass: 20,000 events in every save's rebuild
        listed["actor"].update(event.actors)
        listed["place"].update(event.places)
    entities = (*site.actors.values(), *site.places.values())
    return tuple(_warning(entity) for entity in entities if entity.id not in listed[entity.kind])


def _warning(entity: Entity) -> Diagnostic:
    field = f"{entity.kind}s"
    return Diagnostic(
        entity.mark,
        "warning",
        f"{entity.kind} '{entity.id}' ({entity.name}) is listed in no event's `{field}`: its page "
        f"lists no event, and says that no event lists it among its {field}",
        f"add '{entity.id}' to `{field}` of the events that concern it, or remove it from this file",
    )
