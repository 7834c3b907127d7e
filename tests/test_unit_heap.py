"""The collector is off for a whole build and back as it was at its end."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from chronicle.build.heap import one_build


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_off_during_a_build() -> None:
    gc.enable()
    with one_build():
        assert not gc.isenabled()


def test_collector_is_back_on_after_a_build() -> None:
    gc.enable()
    with one_build():
        pass
    assert gc.isenabled()


def test_collector_stays_off_after_a_build_if_it_was_off() -> None:
    gc.disable()
    with one_build():
        pass
    assert not gc.isenabled()


def test_collector_is_back_on_after_a_failed_build() -> None:
    gc.enable()
    with pytest.raises(ValueError), one_build():
        raise ValueError("bad")
    assert gc.isenabled()


def test_what_a_build_made_is_in_the_oldest_generation_when_the_collector_is_back() -> None:
    # A young collection scans its generations whole: the build's objects left there would
    # all be scanned at the first allocation after the build.
    gc.enable()
    with one_build():
        made = [[index] for index in range(200_000)]
    young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
    assert young < 10_000
    assert gc.get_freeze_count() == 0  # none stays frozen: a full collection still sees them
    del made


def test_a_cycle_made_in_a_build_is_still_collected_later() -> None:
    gc.enable()
    with one_build():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
    assert gc.collect() >= 1
