"""An event dated after every source it cites was published is warned about at its date:
a source reports what happened by its own day, so one of the dates is likely mistyped."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, reported, write_site

EVENT = "content/events/first-event.yaml"


def problems_of_date(tmp_path: Path, date: str, extra_source: str = "") -> list[tuple[str, str, str | None]]:
    event = EVENT_YAML.replace("date: 2025-06-03", f"date: {date}").replace("added:", extra_source + "added:")
    return reported(write_site(tmp_path, {EVENT: event}))


def test_an_event_dated_after_its_only_article_is_warned_about_at_its_date(tmp_path: Path) -> None:
    [(where, message, hint)] = problems_of_date(tmp_path, "2025-06-09")
    assert where == f"{EVENT}:2:7"
    assert message == (
        "warning: the event is dated 2025-06-09, after every source it cites was published (the latest, "
        "article 'one', on 3 June 2025): one of the dates may be mistyped"
    )
    assert hint is not None and hint.startswith("a source reports what happened by the day it was published")


@pytest.mark.parametrize(
    "date",
    ["2025-06-03", "2025-06-02", "2025-06", '"2025-06-09~"', '"[..2025-06-09]"', '"[2025-06-09..]"', "2025"],
)
def test_an_event_its_sources_may_report_is_not_warned_about(tmp_path: Path, date: str) -> None:
    assert problems_of_date(tmp_path, date) == []


def test_a_later_source_or_one_without_a_date_takes_the_warning_away(tmp_path: Path) -> None:
    later = "  - {url: https://example.org/later, title: Later, published: 2025-06-10}\n"
    undated = "  - {url: https://example.org/undated, title: Undated}\n"
    assert problems_of_date(tmp_path / "later", "2025-06-09", later) == []
    assert problems_of_date(tmp_path / "undated", "2025-06-09", undated) == []
