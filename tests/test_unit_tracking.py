"""build.tracking: a render's reads are recorded per view and field, and checked the next time."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2.sandbox
import pytest

from chronicle.build.tracking import (
    PROXY_TYPES,
    WHOLE,
    Digests,
    Reads,
    describe,
    record,
    still_true,
    track,
)
from chronicle.render.theme import make_environment


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]

    @property
    def identity(self) -> str:
        return f"person:{self.id}"

    def shout(self) -> str:
        return self.name.upper()


@dataclass(frozen=True)
class Note:
    text: str
    by: Person


@dataclass(frozen=True)
class Book:
    title: str
    notes: tuple[Note, ...]
    author: Person

    @property
    def identity(self) -> str:
        return "book"


ADA = Person("ada", "Ada", ("A. L.",))
BOOK = Book("Notes", (Note("first", ADA),), ADA)


def render(template: str, **values: object) -> tuple[str, set[tuple[str, str]]]:
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(autoescape=True)
    reads = Reads()
    text = env.from_string(template).render(track(values, reads))
    return text, reads.taken()


def test_each_field_read_of_a_view_is_recorded_once_under_its_identity() -> None:
    text, reads = render("{{ book.title }} {{ book.title }}", book=BOOK)
    assert (text, reads) == ("Notes Notes", {("book", "title")})


def test_a_view_reached_through_another_is_recorded_under_its_own_identity() -> None:
    text, reads = render("{{ book.author.aliases | join(',') }}", book=BOOK)
    assert text == "A. L."
    assert reads == {("book", "author"), ("person:ada", "aliases")}


def test_what_lies_below_a_field_is_covered_by_the_field_and_views_inside_it_by_their_own() -> None:
    _, reads = render("{% for note in book.notes %}{{ note.text }} {{ note.by.name }}{% endfor %}", book=BOOK)
    assert reads == {("book", "notes"), ("person:ada", "name")}


def test_a_method_of_the_view_itself_reads_all_of_it() -> None:
    text, reads = render("{{ person.shout() }}", person=ADA)
    assert (text, reads) == ("ADA", {("person:ada", WHOLE)})


def test_a_field_value_describes_the_views_it_holds_by_identity_only() -> None:
    assert describe(BOOK.author) == "@person:ada"
    assert describe(BOOK.notes) == "(Note('first',@person:ada))"


def test_recorded_reads_hold_while_the_fields_read_are_unchanged_even_when_the_view_changed() -> None:
    index: dict[str, object] = {"person:ada": ADA}
    recorded = record({("person:ada", "name")}, Digests(index))
    renamed_alias = Person("ada", "Ada", ("Countess",))
    now = Digests({"person:ada": renamed_alias})
    assert still_true(recorded, {"person:ada": "v2"}, {"person:ada": "v1"}, now)
    renamed = Digests({"person:ada": Person("ada", "Augusta", ("A. L.",))})
    assert not still_true(recorded, {"person:ada": "v2"}, {"person:ada": "v1"}, renamed)


def test_a_view_whose_version_is_unchanged_is_not_read_again() -> None:
    recorded = {"person:ada": {"name": "a digest no read could give"}}
    assert still_true(recorded, {"person:ada": "v1"}, {"person:ada": "v1"}, Digests({}))


def test_a_view_that_is_gone_makes_the_render_stale() -> None:
    recorded = record({("person:ada", "name")}, Digests({"person:ada": ADA}))
    assert not still_true(recorded, {}, {"person:ada": "v1"}, Digests({}))


def test_the_theme_sandbox_cannot_reach_python_internals_through_a_proxy() -> None:
    env = make_environment((), {}, PROXY_TYPES)
    values = track({"person": ADA, "book": BOOK}, Reads())
    for reach in ("person._value", "person.__class__", "book.notes.__class__", "book.notes._value"):
        with pytest.raises(jinja2.sandbox.SecurityError):
            env.from_string("{{ " + reach + " }}").render(values)


def theme_render(template: str, **values: object) -> tuple[str, set[tuple[str, str]]]:
    """`template` rendered as a site's own theme is: in the sandbox, the values tracked."""
    env = make_environment((), {}, PROXY_TYPES)
    reads = Reads()
    text = env.from_string(template).render(track(values, reads))
    return text, reads.taken()


def test_a_field_holding_views_printed_reads_each_of_them_whole() -> None:
    text, reads = theme_render("{{ book.notes }}", book=BOOK)
    assert "Ada" in text and "Inner" not in text
    assert reads == {("book", "notes"), ("person:ada", WHOLE)}


def test_a_field_read_below_a_view_converts_to_json_and_adds_as_its_value_does() -> None:
    assert theme_render("{{ person.aliases | tojson }}", person=ADA)[0] == '["A. L."]'
    assert theme_render("{{ (person.aliases + ('B',)) | join('/') }}", person=ADA)[0] == "A. L./B"
    assert (
        theme_render("{{ [person] | map(attribute='aliases') | sum(start=()) | join }}", person=ADA)[0]
        == "A. L."
    )
