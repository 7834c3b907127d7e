"""Values a session makes for every event (build.recent.KeptByEvent): the next run makes them
again only for the events its versions touched, and for every event when it cannot tell."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from chronicle.build.recent import KeptByEvent, KeptVersions

EVENTS: Any = tuple(SimpleNamespace(slug=slug) for slug in ("a", "b", "c"))


def versions(run: int, touched: frozenset[str] | None) -> KeptVersions:
    return KeptVersions({}, {}, None, {}, run, touched)


def counting(made: list[str]) -> Any:
    def make(event: Any) -> str:
        made.append(event.slug)
        return f"{event.slug}{len(made)}"

    return make


def test_a_run_makes_again_only_the_values_of_the_events_it_touched() -> None:
    kept, made = KeptByEvent(), list[str]()
    first = kept.each("name", versions(1, None), "shared", EVENTS, counting(made))
    second = kept.each("name", versions(2, frozenset({"b"})), "shared", EVENTS, counting(made))
    assert made == ["a", "b", "c", "b"]
    assert second == {"a": first["a"], "b": "b4", "c": first["c"]}
    assert list(second) == ["a", "b", "c"]


def test_values_from_a_run_not_the_one_before_are_all_made_again() -> None:
    kept, made = KeptByEvent(), list[str]()
    kept.each("name", versions(1, None), "shared", EVENTS, counting(made))
    kept.each("name", versions(3, frozenset({"b"})), "shared", EVENTS, counting(made))
    assert made == ["a", "b", "c", "a", "b", "c"]


def test_values_made_with_other_shared_inputs_are_all_made_again() -> None:
    kept, made = KeptByEvent(), list[str]()
    kept.each("name", versions(1, None), "shared", EVENTS, counting(made))
    kept.each("name", versions(2, frozenset()), "other", EVENTS, counting(made))
    assert made == ["a", "b", "c", "a", "b", "c"]


def test_events_added_removed_or_reordered_make_every_value_again() -> None:
    kept, made = KeptByEvent(), list[str]()
    kept.each("name", versions(1, None), "shared", EVENTS, counting(made))
    kept.each("name", versions(2, frozenset()), "shared", EVENTS[::-1], counting(made))
    assert made == ["a", "b", "c", "c", "b", "a"]


def test_a_value_remembered_is_the_next_runs_for_an_untouched_event() -> None:
    kept, made = KeptByEvent(), list[str]()
    kept.each("name", versions(1, None), "shared", EVENTS, counting(made))
    kept.remember("name", "a", "made since")
    assert kept.each("name", versions(2, frozenset()), "shared", EVENTS, counting(made))["a"] == "made since"
