"""Names Windows keeps for devices (CON, PRN, AUX, NUL, COM1-9, LPT1-9) are no ids: no file or
folder on Windows may have one, so a Windows editor could not check the site out or build it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from unit_helpers import event_yaml, reported, write_site

from chronicle.model.fields import SLUG_PATTERN
from chronicle.source.validate import MAX_SLUG_LENGTH, suggest_slug


def test_an_event_file_named_after_a_device_is_an_error_saying_why(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/con.yaml": event_yaml("2025")})
    ((where, message, hint),) = reported(root)
    assert (where, message) == (
        "content/events/con.yaml:1:1",
        "error: event file name 'con' is a name Windows keeps for a device",
    )
    assert hint is not None and "CON, PRN, AUX, NUL, COM1-9 or LPT1-9" in hint and "con-1.yaml" in hint


def test_a_tag_named_after_a_device_is_an_error_at_the_tag(tmp_path: Path) -> None:
    event = event_yaml("2025") + "tags: [aux]\n"
    root = write_site(tmp_path, {"content/events/first-event.yaml": event})
    found = [message for _where, message, _hint in reported(root) if "Windows" in message]
    assert found == ["error: 'tags': 'aux' is a name Windows keeps for a device"]


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_neither_the_schemas_nor_new_nor_import_make_a_device_name(name: str) -> None:
    assert not re.fullmatch(SLUG_PATTERN, name)
    assert suggest_slug(name.upper()) == f"{name}-1"


@pytest.mark.parametrize("name", ["cons", "com10", "a-con", "console"])
def test_a_longer_name_that_starts_like_a_device_is_a_slug(name: str) -> None:
    assert re.fullmatch(SLUG_PATTERN, name)


def test_an_id_too_long_is_told_its_length_not_its_letters(tmp_path: Path) -> None:
    event = event_yaml("2025") + f"tags: [{'o' * (MAX_SLUG_LENGTH + 1)}]\n"
    root = write_site(tmp_path, {"content/events/first-event.yaml": event})
    ((_where, message, hint),) = [problem for problem in reported(root) if "longer than" in problem[1]]
    assert message.endswith(f"is longer than the {MAX_SLUG_LENGTH} characters an id may have")
    assert hint is not None and hint.startswith("shorten it")
