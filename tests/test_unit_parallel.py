"""fork_map: the same results, in the same order, whatever the number of workers."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from chronicle.build import parallel
from chronicle.build.parallel import WorkerError, _cut_into_runs, _scattered, fork_map, fork_map_shares

ITEMS = list(range(40))


def square(number: int) -> int:
    return number * number


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_input_order(jobs: int) -> None:
    assert fork_map(square, ITEMS, jobs) == [square(n) for n in ITEMS]


def test_results_come_back_in_input_order_with_more_workers_than_runs() -> None:
    items = list(range(2_000))
    assert fork_map(square, items, 400) == [square(n) for n in items]


def test_a_slower_worker_takes_fewer_items() -> None:
    parent = os.getpid()

    def who(number: int) -> int:
        if os.getpid() != parent:
            time.sleep(0.02)
        return os.getpid()

    pids = fork_map(who, ITEMS, 2)
    assert 0 < sum(pid != parent for pid in pids) < len(ITEMS) // 2


def test_results_come_back_in_input_order_when_balanced_by_weight() -> None:
    weights = [float(n % 7) for n in ITEMS]
    assert fork_map(square, ITEMS, 2, weights) == [square(n) for n in ITEMS]


def test_runs_are_of_about_equal_weight() -> None:
    assert _cut_into_runs(range(6), [100.0, 1.0, 1.0, 1.0, 1.0, 100.0], 3) == [[0], [1, 2, 3, 4, 5]]


def test_items_of_equal_weight_that_sit_together_go_to_different_runs() -> None:
    costly = range(90, 100)  # the last ten, as the pages of every tag come last
    order = sorted(range(100), key=_scattered)
    runs = _cut_into_runs(order, [1.0] * 100, 10)
    assert max(sum(index in costly for index in run) for run in runs) <= 3


def test_files_of_equal_weight_that_sit_together_are_handed_out_in_different_runs() -> None:
    items = list(range(1000))
    costly = items[-10:]  # as the pages of every tag come last

    def first_of_run(run: Sequence[int]) -> list[int]:
        return [run[0] for _ in run]

    run_of = dict(zip(items, fork_map_shares(first_of_run, items, 2, [1.0] * len(items)), strict=True))
    assert len({run_of[item] for item in costly}) >= 5


def test_runs_without_weights_are_of_about_equal_length() -> None:
    assert _cut_into_runs(range(7), None, 3) == [[0, 1], [2, 3], [4, 5, 6]]


def test_large_results_stream_back_whole() -> None:
    texts = fork_map(lambda n: "x" * 100_000 + str(n), ITEMS, 2)
    assert [text[100_000:] for text in texts] == [str(n) for n in ITEMS]


def test_a_failing_worker_raises_its_own_error_in_this_process() -> None:
    parent = os.getpid()

    def fail_in_a_worker(number: int) -> int:
        if os.getpid() != parent:
            raise ValueError(f"bad item {number}")
        return number

    with pytest.raises(ValueError, match="bad item"):
        fork_map(fail_in_a_worker, ITEMS, 2)


class _Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("cannot pickle")


def test_an_error_that_cannot_cross_the_pipe_comes_as_a_worker_error_with_its_traceback() -> None:
    parent = os.getpid()

    def fail_in_a_worker(number: int) -> int:
        if os.getpid() != parent:
            raise _Unpicklable(f"bad item {number}")
        return number

    with pytest.raises(WorkerError, match="bad item"):
        fork_map(fail_in_a_worker, ITEMS, 2)


def test_a_failure_in_this_process_leaves_no_worker_behind() -> None:
    parent = os.getpid()

    def fail_here(number: int) -> str:
        if os.getpid() == parent:
            raise ValueError("bad here")
        return "y" * 200_000  # more than a pipe holds: the worker would block on writing

    with pytest.raises(ValueError, match="bad here"):
        fork_map(fail_here, ITEMS, 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped



def test_work_meanwhile_runs_once_while_the_workers_work(tmp_path: Path) -> None:
    marker = tmp_path / "done"
    results = fork_map(square, ITEMS, 2, meanwhile=lambda: marker.write_text("yes"))
    assert results == [square(n) for n in ITEMS]
    assert marker.read_text() == "yes"


def test_pinned_items_stay_in_this_process() -> None:
    pinned = [n % 5 == 0 for n in ITEMS]
    pids = fork_map(lambda n: os.getpid(), ITEMS, 2, pinned=pinned)
    assert {pid for pid, stays in zip(pids, pinned, strict=True) if stays} == {os.getpid()}
    assert len(set(pids)) == 2


def test_pinned_items_and_work_beside_them_can_both_finish_before_any_worker_starts(
    tmp_path: Path,
) -> None:
    log, marker = tmp_path / "log", tmp_path / "meanwhile"
    parent = os.getpid()

    def record(number: int) -> tuple[int, bool, int]:
        if os.getpid() == parent and number % 5 == 0:
            with log.open("a") as stream:
                stream.write(f"{number} ")
        # what a worker finds when it starts: meanwhile done, every pinned item done
        return square(number), marker.exists(), len(log.read_text().split())

    pinned = [n % 5 == 0 for n in ITEMS]
    results = fork_map(
        record, ITEMS, 2, pinned=pinned, beside_pinned=lambda: marker.write_text("yes"), pinned_first=True
    )
    assert [result[0] for result in results] == [square(n) for n in ITEMS]
    assert log.read_text().split() == [str(n) for n in ITEMS if n % 5 == 0]
    in_workers = [result for result, stays in zip(results, pinned, strict=True) if not stays]
    assert all(result[1:] == (True, 8) for result in in_workers)


def test_work_beside_the_pinned_items_runs_beside_them_when_they_go_first() -> None:
    pinned_started = threading.Event()
    waited: list[bool] = []
    pinned = [n % 5 == 0 for n in ITEMS]

    def item(number: int) -> int:
        if pinned[number]:
            pinned_started.set()
        return square(number)

    # Run one after the other, it would wait out its timeout and find nothing set.
    beside = lambda: waited.append(pinned_started.wait(timeout=10))  # noqa: E731
    fork_map(item, ITEMS, 2, pinned=pinned, beside_pinned=beside, pinned_first=True)
    assert waited == [True]


def test_a_failure_of_the_work_beside_the_pinned_items_is_raised() -> None:
    def fail() -> None:
        raise ValueError("beside failed")

    pinned = [n % 5 == 0 for n in ITEMS]
    with pytest.raises(ValueError, match="beside failed"):
        fork_map(square, ITEMS, 2, pinned=pinned, beside_pinned=fail, pinned_first=True)


def test_meanwhile_runs_while_the_workers_work_when_the_pinned_items_go_first(tmp_path: Path) -> None:
    parent = os.getpid()
    working = tmp_path / "a worker works"
    waited: list[bool] = []

    def item(number: int) -> int:
        if os.getpid() != parent:
            working.touch()
        return square(number)

    def meanwhile() -> None:  # before the fork, it would wait out its timeout in vain
        deadline = time.monotonic() + 10
        while not working.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        waited.append(working.exists())

    pinned = [n % 5 == 0 for n in ITEMS]
    fork_map(item, ITEMS, 2, pinned=pinned, meanwhile=meanwhile, pinned_first=True)
    assert waited == [True]


def test_without_workers_all_side_work_still_runs(tmp_path: Path) -> None:
    done: list[str] = []
    fork_map(
        square, ITEMS, 1, pinned=[True] * len(ITEMS),
        meanwhile=lambda: done.append("meanwhile"), beside_pinned=lambda: done.append("beside"),
    )
    assert done == ["beside", "meanwhile"]


def test_work_this_process_does_first_leaves_it_fewer_items(tmp_path: Path) -> None:
    parent = os.getpid()
    pids = fork_map_shares(
        lambda share: [os.getpid() for _ in share], ITEMS, 2, [1.0] * len(ITEMS),
        meanwhile=lambda: time.sleep(0.5),
    )
    assert sum(pid == parent for pid in pids) < len(ITEMS) // 2


def test_a_process_gives_back_freed_memory_between_runs_once_it_has_done_enough_items(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Counted in this process, which takes runs as the workers do.
    returned: list[int] = []
    monkeypatch.setattr(parallel, "return_freed_memory", lambda: returned.append(1))
    monkeypatch.setattr(parallel, "RETURN_FREED_EVERY", 1)
    fork_map(square, list(range(2_000)), 2)
    around_the_workers = 2  # before the fork, and before reading their results
    assert len(returned) > around_the_workers


def test_a_process_does_not_give_back_freed_memory_after_every_small_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    returned: list[int] = []
    monkeypatch.setattr(parallel, "return_freed_memory", lambda: returned.append(1))
    fork_map(square, list(range(2_000)), 2)  # 2,000 items in 64 runs: 1,000 per process
    assert len(returned) <= 2 + 1
