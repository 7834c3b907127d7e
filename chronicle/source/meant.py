"""What an editor meant by a name the site does not have: a misspelling of one it has, or
another word for a key (`topics` for `tags`, as the site labels them)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from chronicle.model.diagnostics import Diagnostics
from chronicle.source.load import YamlMap, YamlNode, YamlScalar

KEY_SYNONYMS = {
    "topics": "tags",
    "topic": "tags",
    "people": "actors",
    "persons": "actors",
    "who": "actors",
    "location": "places",
    "locations": "places",
    "where": "places",
    "alt_text": "alt",
    "alttext": "alt",
    "description": "summary",
    "text": "summary",
    "sources_cited": "sources",
    "citations": "sources",
    "images": "media",
    "photo": "media",
    "photos": "media",
}
"""Words editors use for a key, and the key: a key that is one of them is suggested as it."""


def closest(word: str, choices: Collection[str]) -> str | None:
    """The choice an editor most likely meant, if one is close enough."""
    synonym = KEY_SYNONYMS.get(word.lower())
    if synonym is not None and synonym in choices:
        return synonym
    from rapidfuzz import fuzz, process  # only a mistake needs it: clean builds skip the import

    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=70)
    return match[0] if match else None


def meant_keys(node: YamlNode | None, names: Iterable[str]) -> set[str]:
    """The keys that the mapping's unknown keys are taken for (each reported at the unknown
    key): a key meant is not also reported missing."""
    if not isinstance(node, YamlMap):
        return set()
    known = set(names)
    unknown = [key.value for key, _ in node.entries if key.value not in known]
    return {meant for meant in (closest(key, known) for key in unknown) if meant is not None}


def unknown_id(
    item: YamlScalar, kind: str, known: Collection[str], where: str, diagnostics: Diagnostics
) -> None:
    suggestion = closest(item.value, known) or _within(item.value, known)
    if suggestion:
        hint = f"did you mean '{suggestion}'?"
    elif known and len(known) <= 12:
        hint = "known ids: " + ", ".join(sorted(known)) + f"; a new one: add it to {where}"
    else:
        hint = f"add it to {where} first"
    diagnostics.error(item.mark, f"unknown {kind} '{item.value}'", hint)


def _within(typed: str, known: Collection[str]) -> str | None:
    """The id the typed one holds whole, or is held whole by, as words of a slug
    (`eagle-s-tanker` for `eagle-s`, `kim` for `kim-jong-un`), where one id alone is."""
    words = f"-{typed}-"
    found = [id_ for id_ in known if f"-{id_}-" in words or words in f"-{id_}-"]
    return found[0] if len(found) == 1 else None
