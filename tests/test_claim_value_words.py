"""A claim value gives its source's own words, which its quote holds: a value whose words the
quote does not hold is warned about at the value (words in square brackets are the editors',
"…" marks words left out, a translated quote may hold them in its translation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.source.claims import words_outside_quote

EVENT = (Path(__file__).parent / "fixtures" / "claim-values" / "event.yaml").read_text(encoding="utf-8")


def problems_of_value(tmp_path: Path, value: str) -> list[tuple[str, str, str | None]]:
    text = EVENT.replace("VALUE", value)
    return reported(write_site(tmp_path, {"content/events/first-event.yaml": text}))


@pytest.mark.parametrize(
    "value",
    [
        "three hours",
        "“three hours”",
        "lasted three hours",
        "The meeting … three hours",
        "three hours [on Tuesday]",
        "[about] three hours",
        "The meeting lasted",
    ],
)
def test_a_value_in_its_quotes_words_is_not_warned_about(tmp_path: Path, value: str) -> None:
    assert problems_of_value(tmp_path, repr(value)) == []


@pytest.mark.parametrize(
    ("value", "outside"),
    [
        ("590 seconds", "590 seconds"),
        ("four hours", "four hours"),
        ("three hours (on Tuesday)", "three hours (on Tuesday)"),
        ("ree hours", "ree hours"),
        ("The meeting … five hours", "five hours"),
        ("[four hours]", "[four hours]"),
    ],
)
def test_a_value_its_quote_does_not_hold_is_warned_about_at_the_value(
    tmp_path: Path, value: str, outside: str
) -> None:
    ((where, message, hint),) = problems_of_value(tmp_path, repr(value))
    assert where == "content/events/first-event.yaml:10:16"
    assert message == (
        f"warning: the value's words {outside!r} are not in its quote: a value gives the source's own "
        "words, which its quote holds"
    )
    assert hint is not None and "square brackets" in hint


def test_a_value_in_the_words_of_its_quotes_translation_is_not_warned_about(tmp_path: Path) -> None:
    text = EVENT.replace("VALUE", "three long hours").replace(
        'quote: "The meeting lasted three hours"}',
        'quote: "The meeting lasted three hours", translation: "The meeting took three long hours"}',
    )
    problems = reported(write_site(tmp_path, {"content/events/first-event.yaml": text}))
    assert not [message for _, message, _ in problems if "not in its quote" in message]


def test_a_value_after_a_dash_in_its_quote_is_held_at_whole_words() -> None:
    assert words_outside_quote("North Korea", "the Russia–North Korea alliance") is None


def test_a_value_inside_a_hyphenated_word_of_its_quote_is_not_held() -> None:
    assert words_outside_quote("binding", "a non-binding vote") == "binding"


def test_the_hint_names_where_the_value_differs_from_its_quote(tmp_path: Path) -> None:
    ((_, _, hint),) = problems_of_value(tmp_path, repr("four hours"))
    assert hint is not None
    assert hint.startswith('the value has "four hours" where its quote has "three hours"; ')
