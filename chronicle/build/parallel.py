"""Run a function over items in forked worker processes; results come back in input order.

Forking shares the parent's model with the workers without pickling it; only each
worker's results cross a pipe. Order, and so output, does not depend on the worker count.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from chronicle.build.heap import return_freed_memory

Item = TypeVar("Item")
Result = TypeVar("Result")

# Forking costs a few milliseconds: worth it once each worker has a few items.
MIN_ITEMS_PER_WORKER = 4


class WorkerError(RuntimeError):
    """A worker failed; carries its traceback text."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    weights: Sequence[float] | None = None,
    pinned: Sequence[bool] | None = None,
    meanwhile: Callable[[], object] | None = None,
    pinned_first: bool = False,
    beside_pinned: Callable[[], object] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, spread over `jobs` processes.

    The items go in small runs to whichever process is free (`_in_runs`): one that works
    more slowly (a worker pays for the pages it copies) or has other work takes fewer. With
    each item's expected cost (`weights`), the costliest go first and the runs are of
    about equal cost, so the last ones, small, even out the ends. `pinned` items stay in
    this process (a worker would copy every page of shared data it reads), and
    `beside_pinned()` then `meanwhile()` run here while the workers work (this process then
    takes runs too). With `pinned_first`, the pinned items and `beside_pinned()` (in a
    thread beside them) run before any worker starts, so that no page they touch is copied
    at all (this process writes to the pages of every object it reads, and a page shared
    with a worker is then copied); `meanwhile()` still runs while the workers work.
    """
    if weights is None and pinned is None and meanwhile is None and beside_pinned is None:
        return _fork_map_runs(function, items, jobs)
    return fork_map_shares(
        lambda share: [function(item) for item in share],
        items,
        jobs,
        weights,
        pinned,
        meanwhile,
        pinned_first,
        beside_pinned=beside_pinned,
    )


# Items go out in this many runs per process: small enough that the last runs even out
# the processes' ends, large enough that taking one costs nothing against its work.
RUNS_PER_PROCESS = 32
_MOST_RUNS = 8192

# Between runs, a process gives back what it freed (the pages it rendered and wrote) once it
# has done this many items. Kept, that memory is not reused in full (each page's few lasting
# objects pin it), and both processes grow through the whole render: at 20,000 events the
# tree's peak went from 1,542 to 1,378 MiB, at no cost in time; every run at 2,000 events
# would cost 1% of the build's time (0.7 ms a return), so they are spaced out by items.
RETURN_FREED_EVERY = 1_000


def _fork_map_runs(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """fork_map without weights or side work: the items in runs to whichever process is free."""
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    done = _in_runs(lambda share: [function(item) for item in share], items, range(len(items)), None, jobs)
    return [done[index] for index in range(len(items))]


def _in_runs(
    function: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    order: Sequence[int],
    weights: Sequence[float] | None,
    jobs: int,
    ours_first: Callable[[], object] | None = None,
) -> dict[int, Result]:
    """function over the items at `order`, cut into runs of about equal weight: process k
    starts with run k (this process after `ours_first()`), then each process takes the next
    run not yet taken (a number read from a shared pipe) until none is left. Index -> result."""
    count = max(1, min(len(order), jobs * RUNS_PER_PROCESS, _MOST_RUNS))
    runs = _cut_into_runs(order, weights, count)
    jobs = min(jobs, len(runs))
    tasks, filler = os.pipe()
    # Every number fits in the pipe at once (4 bytes each: 32 KiB at most, of its 64 KiB).
    os.write(filler, b"".join(run.to_bytes(4, "little") for run in range(jobs, len(runs))))
    os.close(filler)

    def work(first: int) -> list[tuple[int, list[Result]]]:
        done = []
        run: int | None = first if runs[first] else None
        since_returned = 0
        while run is not None:
            done.append((run, function([items[index] for index in runs[run]])))
            since_returned += len(runs[run])
            if since_returned >= RETURN_FREED_EVERY:
                return_freed_memory()
                since_returned = 0
            taken = os.read(tasks, 4)  # a pipe hands each 4-byte number to one reader only
            run = int.from_bytes(taken, "little") if taken else None
        return done

    def ours() -> list[tuple[int, list[Result]]]:
        if ours_first is not None:
            ours_first()
        return work(0)

    try:
        mine, theirs = _beside_workers(ours, [partial(work, k) for k in range(1, jobs)])
    finally:
        os.close(tasks)
    results: dict[int, Result] = {}
    for run, made in [*mine, *(run for runs_done in theirs for run in runs_done)]:
        results.update(zip(runs[run], made, strict=True))
    return results


def _scattered(index: int) -> int:
    """A fixed shuffle of the indices: items of the same weight (every file of a first
    build weighs the same) that sit together in the list, such as the pages of every tag,
    end up in different runs rather than all in the last ones."""
    return (index * 2_654_435_761) % 2**32


def _cut_into_runs(order: Sequence[int], weights: Sequence[float] | None, count: int) -> list[list[int]]:
    """`order` cut into at most `count` consecutive runs of about equal total weight."""
    if weights is None:
        bounds = [len(order) * run // count for run in range(count + 1)]
        return [list(order[bounds[run] : bounds[run + 1]]) for run in range(count)]
    target = sum(weights[index] for index in order) / count
    runs: list[list[int]] = [[]]
    load = 0.0
    for index in order:
        if load >= target and len(runs) < count:
            runs.append([])
            load = 0.0
        runs[-1].append(index)
        load += weights[index]
    return runs


def fork_map_shares(
    function: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int,
    weights: Sequence[float] | None = None,
    pinned: Sequence[bool] | None = None,
    meanwhile: Callable[[], object] | None = None,
    pinned_first: bool = False,
    beside_pinned: Callable[[], object] | None = None,
) -> list[Result]:
    """`fork_map` for a function that takes each process's whole share of the items at once
    (and returns one result per item, in order): for work set up once per process. With
    `weights`, the costliest items go out first; this process takes runs once its side
    work and pinned items are done, so they need no guess of their cost."""
    side_work = [work for work in (beside_pinned, meanwhile) if work is not None]
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        for work in side_work:
            work()
        return function(items)
    done: dict[int, Result] = {}
    if pinned_first:
        first = [index for index in range(len(items)) if pinned and pinned[index]]
        # No worker runs yet: `beside_pinned` gets a thread, where its waits on the disk
        # leave this one rendering; it ends before the first fork (a fork copies no other
        # thread).
        with _Beside(beside_pinned):
            done = dict(zip(first, function([items[index] for index in first]), strict=True))
        side_work = [meanwhile] if meanwhile is not None else []
        pinned = None
    ours = [index for index in range(len(items)) if pinned and pinned[index] and index not in done]
    free = [index for index in range(len(items)) if not (pinned and pinned[index]) and index not in done]
    if weights is not None:  # the costliest first: the last runs, small, even out the ends
        free.sort(key=lambda index: (-weights[index], _scattered(index)))

    def ours_first() -> None:
        for work in side_work:
            work()
        done.update(zip(ours, function([items[index] for index in ours]), strict=True))

    done.update(_in_runs(function, items, free, weights, jobs, ours_first))
    return [done[index] for index in range(len(items))]


class _Beside:
    """Runs `work` in a thread for the duration of a `with` block; its error is raised at the end."""

    def __init__(self, work: Callable[[], object] | None) -> None:
        self.work = work
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            if self.work is not None:
                self.work()
        except BaseException as error:
            self.error = error

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.thread.join()
        if self.error is not None and exc[0] is None:
            raise self.error


Work = TypeVar("Work")


def _beside_workers(
    ours: Callable[[], Work], theirs: Sequence[Callable[[], Work]]
) -> tuple[Work, list[Work]]:
    """(ours(), [each of theirs() run in a forked worker]), running at the same time."""
    return_freed_memory()
    children = [_start_worker(work) for work in theirs]
    try:
        mine = ours()
    except BaseException:
        for pid, reader in children:  # a closed pipe ends each worker's writing
            os.close(reader)
            os.waitpid(pid, 0)
        raise
    failure: BaseException | None = None
    made = []
    return_freed_memory()  # before the workers' results come in (see _start_worker)
    for pid, reader in children:
        # Read as it streams in: a worker's results are never held twice (bytes and objects).
        with os.fdopen(reader, "rb") as pipe:
            try:
                status, payload = pickle.load(pipe)
            except Exception:
                status, payload = "error", WorkerError("a worker process ended without a result")
        os.waitpid(pid, 0)
        if status == "ok":
            made.append(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise failure
    return mine, made


def _portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a WorkerError with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return WorkerError("".join(traceback.format_exception(error)))
    return error


def _start_worker(work: Callable[[], object]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)  # in the worker from here on; it never returns
    code = 1  # unless the results were all written: the parent then reports a failed worker
    try:
        with os.fdopen(writer, "wb") as pipe:
            try:
                results = work()
            except BaseException as error:  # raised again in the parent: as it is, if it pickles
                pickle.dump(("error", _portable(error)), pipe)
            else:
                # The parent reads these while this worker still lives: what the work freed
                # is given back first, so that the two never hold it and the results at once.
                return_freed_memory()
                pickle.dump(("ok", results), pipe, pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)
