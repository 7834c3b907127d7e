"""entities: content/entities.yaml -> actors and places by id."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import ENTITIES_YAML, event_yaml, reported, write_site

from chronicle.build.load import load_site
from chronicle.model.diagnostics import Mark
from chronicle.model.records import Entity

ENTITIES = "content/entities.yaml"
EVENT = "content/events/first-event.yaml"
EVENT_WITHOUT_IDS = event_yaml()


def test_entities_are_read_with_name_category_and_aliases(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            ENTITIES: """\
            actors:
              north-korea: {name: North Korea, kind: country, aliases: [DPRK, Pyongyang regime]}
            places:
              kursk: {name: Kursk region, country: Russia}
            """,
            EVENT: EVENT_WITHOUT_IDS,
        },
    )
    site = load_site(root).site
    assert site is not None
    assert site.actors == {
        "north-korea": Entity(
            "north-korea",
            "North Korea",
            "actor",
            "country",
            ("DPRK", "Pyongyang regime"),
            Mark(ENTITIES, 2, 3),
        )
    }
    assert site.places == {
        "kursk": Entity("kursk", "Kursk region", "place", "Russia", (), Mark(ENTITIES, 4, 3)),
    }


def test_non_slug_entity_id_is_refused_with_a_slug_suggestion(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {ENTITIES: "actors:\n  North_Korea: {name: North Korea}\n", EVENT: EVENT_WITHOUT_IDS}
    )
    assert reported(root) == [
        (
            f"{ENTITIES}:2:3",
            "error: 'actor id': 'North_Korea' is not a slug",
            "ids use only lowercase a-z, 0-9, hyphens, e.g. 'north-korea'",
        )
    ]


def test_entity_without_name_is_reported_at_its_mapping(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ENTITIES: "actors:\n  alpha: {kind: country}\n", EVENT: EVENT_WITHOUT_IDS})
    assert reported(root) == [
        (f"{ENTITIES}:2:10", "error: actor 'alpha' needs 'name'", "name: Display name.")
    ]


def test_unknown_entity_key_suggests_the_known_one(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {ENTITIES: "places:\n  kursk: {name: Kursk, contry: Russia}\n", EVENT: EVENT_WITHOUT_IDS}
    )
    assert reported(root) == [
        (f"{ENTITIES}:2:24", "error: unknown key 'contry' in place 'kursk'; did you mean 'country'?", None)
    ]


def test_group_that_is_a_list_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ENTITIES: "actors: [alpha, bravo]\n", EVENT: EVENT_WITHOUT_IDS})
    assert reported(root) == [
        (f"{ENTITIES}:1:9", "error: 'actors' must be a mapping of ids, not a list", None)
    ]


def test_duplicate_entity_id_is_reported_at_the_second(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {ENTITIES: "actors:\n  alpha: {name: A}\n  alpha: {name: B}\n", EVENT: EVENT_WITHOUT_IDS}
    )
    assert reported(root) == [
        (f"{ENTITIES}:3:3", "error: duplicate key 'alpha'", "first given at line 2; keep one of them")
    ]


def test_without_entities_file_every_actor_id_is_unknown(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ENTITIES: None})
    assert reported(root) == [
        (
            f"{EVENT}:5:10",
            "error: unknown actor 'alpha'",
            "add it to content/entities.yaml under 'actors' first",
        ),
        (
            f"{EVENT}:6:10",
            "error: unknown place 'capital'",
            "add it to content/entities.yaml under 'places' first",
        ),
    ]


def test_broken_entities_file_does_not_make_every_id_unknown(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ENTITIES: "actors:\n  alpha: {name: [A}\n"})
    assert reported(root) == [
        (
            f"{ENTITIES}:2:17",
            "error: YAML syntax error: the list opened here with [ is not closed",
            "close it with ] (items separated by commas), or write one item per line under the key, "
            "each starting with `- `",
        )
    ]


@pytest.mark.parametrize("broken", ["{kind: country}", '"Alpha"', '{name: "Al\\x0cpha", kind: country}'])
def test_an_entity_with_an_error_is_not_unknown_at_the_events_naming_it(tmp_path: Path, broken: str) -> None:
    entities = ENTITIES_YAML.replace("{name: Alpha, kind: country}", broken)
    found = reported(write_site(tmp_path, {ENTITIES: entities}))
    assert [where.split(":")[0] for where, _, _ in found] == [ENTITIES]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Alpha", "error: 'actors': 'Alpha' is a name, not an id"),
        ("alpha  GOVERNMENT", "error: 'actors': 'alpha  GOVERNMENT' is a name, not an id"),
        ("alpha-government", "error: unknown actor 'alpha-government'"),
    ],
)
def test_an_actor_written_by_its_name_is_told_its_id(tmp_path: Path, written: str, message: str) -> None:
    aliased = "{name: Alpha, kind: country, aliases: [Alpha government]}"
    entities = ENTITIES_YAML.replace("{name: Alpha, kind: country}", aliased)
    event = event_yaml() + f'actors: ["{written}"]\n'
    found = reported(write_site(tmp_path, {ENTITIES: entities, EVENT: event}))
    assert [(text, hint) for _, text, hint in found] == [
        (message, "that is the actor whose id is 'alpha': write alpha")
    ]
