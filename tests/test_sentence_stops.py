"""A sentence ending in an abbreviation takes no second full stop: Russian and Ukrainian dates
end in one ("23 ноября 2026 г."), and no page or feed says "г.." after them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_languages import built_in

from chronicle.model.wording import end_sentence, one_stop

DOUBLED_STOP = re.compile(r"(?<![.…])\.\.(?!\.)")
"""Two full stops, not part of an ellipsis."""


def test_a_placeholder_whose_value_ends_with_a_stop_takes_none_after_it() -> None:
    assert one_stop("Added %(date)s.", {"date": "23 ноября 2026 г."}) == "Added %(date)s"


def test_a_placeholder_whose_value_does_not_end_with_a_stop_keeps_it() -> None:
    assert one_stop("Added %(date)s.", {"date": "23 November 2026"}) == "Added %(date)s."


def test_tags_closing_after_the_placeholder_are_looked_through() -> None:
    message = 'Now <a href="%(href)s">%(title)s</a>.'
    expected = 'Now <a href="%(href)s">%(title)s</a>'
    assert one_stop(message, {"href": "x", "title": "<b>Acme Inc.</b>"}) == expected


def test_a_sentence_is_ended_once() -> None:
    assert end_sentence("Report, 27 декабря 2025 г.") == "Report, 27 декабря 2025 г."
    assert end_sentence("Report, 27 December 2025") == "Report, 27 December 2025."


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_no_page_or_feed_doubles_a_stop(language: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = built_in(language, tmp_path_factory)
    doubled = []
    for path in sorted(Path(site.out).rglob("*")):
        if path.suffix in (".html", ".xml") and path.is_file():
            text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
            doubled += [
                f"{path.relative_to(site.out)}: …{text[max(0, found.start() - 30) : found.end() + 5]}…"
                for found in DOUBLED_STOP.finditer(text)
            ]
    assert not doubled, "\n".join(doubled[:10])
