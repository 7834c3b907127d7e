"""What a correction changed, in readers' words: each field of an event file by what readers
see of it ("figures and wordings", not "claims"), in the interface's language."""

from __future__ import annotations

import datetime

import pytest

from chronicle.model.field_words import FIELD_WORDS, field_words
from chronicle.model.fields import EVENT_FIELDS
from chronicle.model.records import Change, FieldChange
from chronicle.model.wording import ENGLISH
from chronicle.source.language import make_wording


def test_every_field_of_an_event_has_words_for_readers() -> None:
    assert [field.name for field in EVENT_FIELDS if field.name not in FIELD_WORDS] == []
    assert set(FIELD_WORDS) == {field.name for field in EVENT_FIELDS}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (FieldChange("claims", "changed", items_changed=4), "figures and wordings (4 changed)"),
        (FieldChange("circa", "removed"), "the “c.” (approximate) mark on the dates (removed)"),
        (FieldChange("after", "added"), "order relative to other events (added)"),
        (FieldChange("before", "added"), "order relative to other events (added)"),
        (FieldChange("end", "removed"), "end date (removed)"),
        (FieldChange("tags", "changed", items_removed=1), "topics (1 removed)"),
        (FieldChange("media", "changed", items_added=2), "images and media (2 added)"),
        (FieldChange("former_slugs", "added"), "former addresses of the entry (added)"),
        (FieldChange("11 other fields", "changed"), "11 other parts of the entry"),
    ],
)
def test_a_field_is_named_by_what_readers_see_of_it(change: FieldChange, words: str) -> None:
    assert change.words(ENGLISH) == words


def test_a_field_no_event_has_now_keeps_its_own_name() -> None:
    assert field_words("location", ENGLISH) == "location"


def test_the_order_among_events_is_said_once_when_before_and_after_both_changed() -> None:
    fields = (FieldChange("after", "added"), FieldChange("before", "added"), FieldChange("date", "changed"))
    change = Change(datetime.date(2026, 2, 3), "abc1234", "Dated", True, fields)
    assert change.what_changed == "order relative to other events (added), date"


def test_the_fields_are_named_in_the_interfaces_language() -> None:
    said = FieldChange("claims", "changed", items_changed=4).words(make_wording("fr", "fr"))
    assert said == "chiffres et formulations (4 modifications)"
