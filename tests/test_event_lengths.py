"""An event's title and summary are bounded: each is copied wherever the event is listed (red
team T16: one 770 KB event file published 347 MB)."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

EVENT = "content/events/first-event.yaml"


def event_with(title: str = "Alpha officials meet", summary: str = "Officials agree.") -> str:
    return (
        f"title: {title}\ndate: 2025-06-03\nsummary: {summary}\n"
        'sources:\n  - article: one\n    quote: "agreed to share river data every week"\nadded: 2026-01-02\n'
    )


def errors_of(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("error")]


@pytest.mark.parametrize(("field", "most"), [("title", 500), ("summary", 20_000)])
def test_a_field_at_its_bound_is_accepted(tmp_path: Path, field: str, most: int) -> None:
    assert errors_of(write_site(tmp_path, {EVENT: event_with(**{field: "a" * most})})) == []


@pytest.mark.parametrize(("field", "most", "line"), [("title", 500, 1), ("summary", 20_000, 3)])
def test_a_field_over_its_bound_is_an_error_at_it(tmp_path: Path, field: str, most: int, line: int) -> None:
    [(where, message, hint)] = errors_of(
        write_site(tmp_path, {EVENT: event_with(**{field: "a" * (most + 1)})})
    )
    assert where == f"{EVENT}:{line}:{len(field) + 3}"
    assert (
        message
        == f"error: '{field}' is {most + 1:,} characters long; an event's {field} may have at most {most:,}"
    )
    assert hint is not None and "copied onto every page and into every feed" in hint
