"""Text no reader sees cannot ride along in a field (red team T14): the tag characters (each an
invisible copy of an ASCII letter), runs of variation selectors (one byte each), the letters
that show as blanks, and a field of nothing but blanks are refused where they are written,
quotes included, whose matching ignores them."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.model.hidden_text import hidden_characters

EVENT = "content/events/first-event.yaml"
QUOTE = "agreed to share river data every week"


def event_with(title: str = "Alpha officials meet", quote: str = QUOTE) -> str:
    return (
        f'title: "{title}"\ndate: 2025-06-03\nsummary: Officials agree.\n'
        f'sources:\n  - article: one\n    quote: "{quote}"\nadded: 2026-01-02\n'
    )


def errors_of(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("error")]


def tagged(text: str) -> str:
    return "".join(chr(0xE0000 + ord(char)) for char in text)


def test_a_sentence_in_tag_characters_inside_a_quote_is_refused_though_the_quote_matches(
    tmp_path: Path,
) -> None:
    quote = QUOTE.replace(" every", tagged("Officials also agreed to cede the capital") + " every")
    [(where, message, _hint)] = errors_of(write_site(tmp_path, {EVENT: event_with(quote=quote)}))
    assert where == f"{EVENT}:6:39"  # at the first tag character, after "agreed to share river data"
    assert message == "error: 'quote' contains the invisible character U+E004F (TAG LATIN CAPITAL LETTER O)"


def test_a_run_of_variation_selectors_is_refused(tmp_path: Path) -> None:
    title = "Alpha officials meet" + "".join(chr(0xE0100 + byte) for byte in b"secret")
    [(_where, message, _hint)] = errors_of(write_site(tmp_path, {EVENT: event_with(title=title)}))
    assert message.startswith("error: 'title' contains the invisible character U+E0173 (VARIATION SELECTOR-")


@pytest.mark.parametrize(
    "text",
    [
        "I \u2764\ufe0f it",
        "press 1\ufe0f\u20e3",
        "\u845b\U000e0100 city",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    ],
    ids=["emoji", "keycap", "ideograph-variant", "persian-non-joiner"],
)
def test_one_selector_after_the_character_it_modifies_stays_allowed(text: str) -> None:
    assert list(hidden_characters(text)) == []


@pytest.mark.parametrize(
    "text",
    ["a\ufe01", "\ufe0fabc", "x\ufe0f\ufe0f", "a\U000e0100"],
    ids=["ascii", "start", "run", "ascii-ideographic"],
)
def test_a_selector_that_modifies_nothing_is_found(text: str) -> None:
    assert len(list(hidden_characters(text))) == 1


@pytest.mark.parametrize(
    "blank", ["\u3164", "\u115f", "\uffa0", "\u2062"], ids=["hangul", "choseong", "halfwidth", "times"]
)
def test_a_letter_that_shows_as_a_blank_is_refused(tmp_path: Path, blank: str) -> None:
    [(_where, message, _hint)] = errors_of(
        write_site(tmp_path, {EVENT: event_with(title=f"Alpha{blank}meet")})
    )
    assert message.startswith("error: 'title' contains the invisible character U+")


@pytest.mark.parametrize("title", ["\u2800\u2800\u2800", "\u00ad"], ids=["braille-blank", "soft-hyphen"])
def test_a_title_of_nothing_but_blanks_is_refused(tmp_path: Path, title: str) -> None:
    [(where, message, hint)] = errors_of(write_site(tmp_path, {EVENT: event_with(title=title)}))
    assert (where, message, hint) == (
        f"{EVENT}:1:8",
        "error: 'title' contains only blank characters",
        "write it out",
    )
