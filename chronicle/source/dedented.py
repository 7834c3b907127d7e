"""Keys of a list item typed at the event's own indentation, right after the list:

    sources:
    - article: report
    quote: "..."

YAML reads `quote` as a key of the event, so the source would lack its quote and the event
have a key it does not know. One error says where the key belongs, and the key is read as
part of the item above it, so that the rest (the quote itself) is still checked."""

from __future__ import annotations

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.fields import EVENT_FIELDS
from chronicle.source.load import YamlMap, YamlNode, YamlScalar, YamlSeq

LIST_WORDS = {"sources": "a source", "claims": "a claim", "media": "a media entry"}


def reattach_dedented(node: YamlNode | None, diagnostics: Diagnostics) -> YamlNode | None:
    """`node` (an event) with each key that follows one of its lists (sources, claims, media),
    is not an event field and is a field of that list's items, moved into the list's last
    item; each one moved is an error at the key."""
    if not isinstance(node, YamlMap):
        return node
    names = {field.name for field in EVENT_FIELDS}
    item_fields = {
        field.name: {sub.name for sub in field.fields} for field in EVENT_FIELDS if field.name in LIST_WORDS
    }
    entries: list[tuple[YamlScalar, YamlNode]] = []
    owner: tuple[int, str] | None = None  # where in `entries` the list is, and its name
    for key, value in node.entries:
        if key.value in item_fields:
            owner = (len(entries), key.value)
        elif owner is not None and key.value not in names and _moved(entries, owner, key, value, item_fields):
            _report(entries[owner[0]], key, diagnostics)
            continue
        else:
            owner = None
        entries.append((key, value))
    return node._replace(entries=tuple(entries))


def _moved(
    entries: list[tuple[YamlScalar, YamlNode]],
    owner: tuple[int, str],
    key: YamlScalar,
    value: YamlNode,
    item_fields: dict[str, set[str]],
) -> bool:
    """Move `key: value` into the last item of the list at `owner`, when it is a field of such
    an item that the item does not have yet."""
    index, name = owner
    list_key, items = entries[index]
    if key.value not in item_fields[name] or not isinstance(items, YamlSeq) or not items.items:
        return False
    last = items.items[-1]
    if not isinstance(last, YamlMap) or last.get(key.value) is not None:
        return False
    grown = last._replace(entries=(*last.entries, (key, value)))
    entries[index] = (list_key, items._replace(items=(*items.items[:-1], grown)))
    return True


def _report(owner: tuple[YamlScalar, YamlNode], key: YamlScalar, diagnostics: Diagnostics) -> None:
    list_key, items = owner
    assert isinstance(items, YamlSeq)
    last = items.items[-1]
    assert isinstance(last, YamlMap)
    first_key = last.entries[0][0]
    column = first_key.mark.col
    diagnostics.error(
        key.mark,
        f"'{key.value}' is a key of {LIST_WORDS[list_key.value]}, not of the event: "
        f"it is not indented under its '- {first_key.value}:' line",
        f"indent it under '- {first_key.value}:' (line {first_key.mark.line}): "
        f"start it in column {column}, where '{first_key.value}' starts",
    )
