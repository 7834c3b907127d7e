"""content/entities.yaml -> actors and places by id."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.fields import ACTOR_FIELDS, ENTITIES_FIELDS, PLACE_FIELDS, Field
from chronicle.model.records import Entity
from chronicle.source.addresses import numbered_id_problem
from chronicle.source.load import YamlMap, YamlNode, YamlScalar, load_yaml_file
from chronicle.source.validate import check_mapping, describe, read_list, read_slug, read_text

ENTITIES_PATH = "content/entities.yaml"


def read_entities(
    root: Path, diagnostics: Diagnostics, data: bytes | None = None
) -> tuple[dict[str, Entity], dict[str, Entity]] | None:
    """(actors, places), from the file or its bytes `data` (source.load.read_text_file); None
    when the file is broken, so ids are not checked against it."""
    if not (root / ENTITIES_PATH).exists() and not (root / ENTITIES_PATH).is_symlink():
        return {}, {}
    mark = Mark(ENTITIES_PATH)
    node = load_yaml_file(root, ENTITIES_PATH, diagnostics, data)
    fields = check_mapping(node, ENTITIES_FIELDS, "entities file", diagnostics, mark)
    if fields is None:
        return None
    actors = _read_group(fields.get("actors"), "actor", ACTOR_FIELDS, diagnostics)
    places = _read_group(fields.get("places"), "place", PLACE_FIELDS, diagnostics)
    return actors, places


def _read_group(
    node: YamlNode | None,
    kind: Literal["actor", "place"],
    fields: tuple[Field, ...],
    diagnostics: Diagnostics,
) -> dict[str, Entity]:
    if node is None:
        return {}
    if not isinstance(node, YamlMap):
        diagnostics.error(node.mark, f"'{kind}s' must be a mapping of ids, not {describe(node)}")
        return {}
    group: dict[str, Entity] = {}
    for key, value in node.entries:
        reported = len(diagnostics.items)
        entity_id = read_slug(key, f"{kind} id", diagnostics)
        numbered = numbered_id_problem(kind, entity_id) if entity_id is not None else None
        if numbered is not None:  # an error, but the entity is read: events naming it are checked too
            diagnostics.error(key.mark, *numbered)
        entity = _entity(entity_id, key, value, kind, fields, diagnostics)
        if entity is None and entity_id is not None and _erred(diagnostics, reported):
            # Its error is told here, not again at each event naming it: the id stays known.
            entity = Entity(entity_id, entity_id, kind, None, (), key.mark)
        if entity is not None:
            group[entity.id] = entity
    return group


def _entity(
    entity_id: str | None,
    key: YamlScalar,
    value: YamlNode,
    kind: Literal["actor", "place"],
    fields: tuple[Field, ...],
    diagnostics: Diagnostics,
) -> Entity | None:
    """One actor or place; None when its id or its fields have errors (reported)."""
    present = check_mapping(value, fields, f"{kind} '{key.value}'", diagnostics, key.mark)
    if entity_id is None or present is None or "name" not in present:
        return None
    name = _name(present["name"], "name", diagnostics)
    category_key = "kind" if kind == "actor" else "country"
    category = _name(present[category_key], category_key, diagnostics) if category_key in present else None
    aliases = _aliases(present["aliases"], kind, diagnostics) if "aliases" in present else ()
    return None if name is None else Entity(entity_id, name, kind, category, aliases, key.mark)


def _erred(diagnostics: Diagnostics, since: int) -> bool:
    return any(item.severity == "error" for item in diagnostics.items[since:])


MAX_ALIASES = 50
MAX_NAME_LENGTH = 200
"""An actor's or a place's name, kind or country and each alias are copied into every event
naming it (its page's structured data, its card, the search index): bounded, as the tags,
actors and places of an event are (source.validate.MAX_LISTED)."""


def _name(node: YamlNode, name: str, diagnostics: Diagnostics) -> str | None:
    text = read_text(node, name, diagnostics)
    if text is not None and len(text) > MAX_NAME_LENGTH:
        diagnostics.error(
            node.mark,
            f"'{name}' is {len(text):,} characters long; a name is at most {MAX_NAME_LENGTH}",
            "write the name as the sources give it; a description belongs in an event's summary",
        )
    return text


def _aliases(node: YamlNode, kind: str, diagnostics: Diagnostics) -> tuple[str, ...]:
    items = read_list(node, "aliases", diagnostics) or ()
    if len(items) > MAX_ALIASES:
        article = "an" if kind == "actor" else "a"
        diagnostics.error(
            items[MAX_ALIASES].mark,
            f"'aliases' lists {len(items):,} names; {article} {kind} may have at most {MAX_ALIASES}",
            f"keep the names the sources use: each is copied into every event that names the {kind}",
        )
        return ()
    return tuple(alias for item in items if (alias := _name(item, "aliases", diagnostics)) is not None)
