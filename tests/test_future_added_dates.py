"""An `added` or `updated` after the day of the build is warned about at the field: the feeds
would list the entry as the newest until then. The warning goes once that day has come."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import event_yaml, reported, write_site

EVENT = "content/events/first-event.yaml"


def tomorrow() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=1)


def test_an_added_date_after_today_is_warned_about_at_added(tmp_path: Path) -> None:
    day = tomorrow()
    root = write_site(tmp_path, {EVENT: event_yaml(added=day.isoformat())})
    assert reported(root) == [
        (
            f"{EVENT}:5:8",
            f"warning: 'added' is {day}, after today ({datetime.date.today()}): the feeds would list the "
            "entry as the newest until then",
            "give the day the entry was added",
        )
    ]


def test_an_updated_date_after_today_is_warned_about_at_updated(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: event_yaml() + f"updated: {tomorrow()}\n"})
    ((where, message, hint),) = reported(root)
    assert where == f"{EVENT}:6:10"
    assert message.startswith(f"warning: 'updated' is {tomorrow()}, after today")
    assert hint == "give the day the entry was last changed"


@pytest.mark.parametrize("days_ago", [0, 1, 400])
def test_an_added_date_of_today_or_before_is_not_warned_about(tmp_path: Path, days_ago: int) -> None:
    day = datetime.date.today() - datetime.timedelta(days=days_ago)
    assert reported(write_site(tmp_path, {EVENT: event_yaml(added=day.isoformat())})) == []
