"""An actor or a place written by its name where its id belongs (`actors: [Port Aldren
Harbour Authority]`, or that name made a slug): the id it names, for the hint."""

from __future__ import annotations

from collections.abc import Mapping

from chronicle.model.records import Entity
from chronicle.source.validate import suggest_slug


def named_entity(known: Mapping[str, Entity], text: str) -> str | None:
    """The id of the entity whose name or an alias is `text`, case and spacing aside, or
    whose name or alias made a slug is `text`; None when none or several are."""
    wanted = _folded(text)
    found = {
        entity_id
        for entity_id, entity in known.items()
        for name in (entity.name, *entity.aliases)
        if _folded(name) == wanted or suggest_slug(name) == text
    }
    return found.pop() if len(found) == 1 else None


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
