"""The collector is paused while long-lived objects are made, which are then frozen until the build ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from chronicle.heap import long_lived, one_build


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_off_while_long_lived_objects_are_made() -> None:
    gc.enable()
    with long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_stays_off_after_the_block_if_it_was_off() -> None:
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


def test_objects_made_in_the_block_are_frozen() -> None:
    gc.unfreeze()
    with long_lived():
        made = [[index] for index in range(1000)]
    assert gc.get_freeze_count() >= len(made)


def test_collector_is_back_on_after_an_error_in_the_block() -> None:
    gc.enable()
    with pytest.raises(ValueError), long_lived():
        raise ValueError("bad")
    assert gc.isenabled()


def test_what_a_build_froze_is_thawed_at_its_end() -> None:
    with one_build(), long_lived():
        kept = [[index] for index in range(1000)]
    assert gc.get_freeze_count() == 0
    assert len(kept) == 1000
