"""An actor's or a place's names are copied into every event naming it: they are bounded, and
the search index folds them once per build (red team 22, T10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, reported, write_site

from chronicle.build.load import load_site
from chronicle.render.search import terms
from chronicle.source.entities import MAX_ALIASES, MAX_NAME_LENGTH
from chronicle.timeline.assemble import in_chronology
from chronicle.timeline.markdown import make_markdown

ENTITIES = "content/entities.yaml"


def entities(alpha: str) -> dict[str, str | bytes | None]:
    return {
        ENTITIES: f"actors:\n  alpha: {alpha}\n  bravo: {{name: Bravo, kind: country}}\n"
        "places:\n  capital: {name: Capital City, country: Alpha}\n"
    }


def test_more_aliases_than_the_limit_are_an_error_at_the_first_one_over(tmp_path: Path) -> None:
    aliases = ", ".join(f"A{number}" for number in range(MAX_ALIASES + 1))
    root = write_site(tmp_path, entities(f"{{name: Alpha, kind: country, aliases: [{aliases}]}}"))
    column = len("  alpha: {name: Alpha, kind: country, aliases: [") + aliases.index(f"A{MAX_ALIASES}") + 1
    assert reported(root) == [
        (
            f"{ENTITIES}:2:{column}",
            f"error: 'aliases' lists {MAX_ALIASES + 1} names; an actor may have at most {MAX_ALIASES}",
            "keep the names the sources use: each is copied into every event that names the actor",
        )
    ]


@pytest.mark.parametrize("field", ["name", "aliases"])
def test_a_name_or_an_alias_longer_than_the_limit_is_an_error_at_it(tmp_path: Path, field: str) -> None:
    long = "x" * (MAX_NAME_LENGTH + 1)
    alpha = (
        f"{{name: {long}, kind: country}}"
        if field == "name"
        else f"{{name: Alpha, kind: country, aliases: [{long}]}}"
    )
    root = write_site(tmp_path, entities(alpha))
    ((where, message, _),) = reported(root)
    assert where == f"{ENTITIES}:2:{len('  alpha: ') + alpha.index(long) + 1}"
    assert (
        message
        == f"error: '{field}' is {MAX_NAME_LENGTH + 1} characters long; a name is at most {MAX_NAME_LENGTH}"
    )


def test_the_aliases_of_an_actor_are_folded_once_however_many_events_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = entities("{name: Alpha, kind: country, aliases: [Zeta Republic]}")
    for number in range(3):
        files[f"content/events/event-{number}.yaml"] = EVENT_YAML.replace("title: ", f"title: {number} ")
    site = load_site(write_site(tmp_path, files)).site
    assert site is not None
    folded: list[str] = []
    original = terms.words
    monkeypatch.setattr(terms, "words", lambda text: folded.append(text) or original(text))
    terms.entity_words.cache_clear()
    found = [terms.event_words(view) for view in in_chronology(site, make_markdown()).events]
    assert len(found) == 4 and all("zeta" in words.split() for words in found)
    assert folded.count("Zeta Republic") == 1
