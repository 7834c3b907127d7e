"""Run a function over items in forked worker processes; results come back in input order.

Forking shares the parent's model with the workers without pickling it; only each
worker's results cross a pipe. Order, and so output, does not depend on the worker count.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import TypeVar

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

    Without `weights`, `pinned` or side work, the items go in small runs to whichever
    process is free (`_fork_map_runs`): one that works more slowly (a worker pays for the
    pages it copies) takes fewer. With each item's expected cost, the costliest go first,
    each to the worker with the least work so far. `pinned` items stay in this process (a
    worker would copy every page of shared data it reads), and `beside_pinned()` then
    `meanwhile()` run here while the workers work. With `pinned_first`, the pinned items
    and `beside_pinned()` (in a thread beside them) run before any worker starts, so that
    no page they touch is copied at all (this process writes to the pages of every object
    it reads, and a page shared with a worker is then copied); `meanwhile()` still runs
    while the workers work.
    """
    if weights is None and pinned is None and meanwhile is None and beside_pinned is None:
        return _fork_map_runs(function, items, jobs)
    return fork_map_shares(
        lambda share: [function(item) for item in share],
        items, jobs, weights, pinned, meanwhile, pinned_first, beside_pinned=beside_pinned,
    )


# Items go out in this many runs per process: small enough that the last runs even out
# the processes' ends, large enough that taking one costs nothing against its work.
RUNS_PER_PROCESS = 32
_MOST_RUNS = 8192


def _fork_map_runs(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """fork_map without weights: process k starts with run k, then each process takes the
    next run not yet taken (a number read from a shared pipe) until none is left."""
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    count = min(len(items), jobs * RUNS_PER_PROCESS, _MOST_RUNS)
    jobs = min(jobs, count)
    bounds = [len(items) * run // count for run in range(count + 1)]
    tasks, filler = os.pipe()
    # Every number fits in the pipe at once (4 bytes each: 32 KiB at most, of its 64 KiB).
    os.write(filler, b"".join(run.to_bytes(4, "little") for run in range(jobs, count)))
    os.close(filler)

    def work(first: int) -> list[tuple[int, list[Result]]]:
        done = []
        run: int | None = first
        while run is not None:
            done.append((run, [function(item) for item in items[bounds[run] : bounds[run + 1]]]))
            taken = os.read(tasks, 4)  # a pipe hands each 4-byte number to one reader only
            run = int.from_bytes(taken, "little") if taken else None
        return done

    try:
        ours, theirs = _beside_workers(lambda: work(0), [partial(work, k) for k in range(1, jobs)])
    finally:
        os.close(tasks)
    results: list[Result] = []
    for _, made in sorted([*ours, *(run for runs in theirs for run in runs)], key=lambda run: run[0]):
        results.extend(made)
    return results


def fork_map_shares(
    function: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int,
    weights: Sequence[float] | None = None,
    pinned: Sequence[bool] | None = None,
    meanwhile: Callable[[], object] | None = None,
    pinned_first: bool = False,
    meanwhile_weight: float = 0.0,
    beside_pinned: Callable[[], object] | None = None,
) -> list[Result]:
    """`fork_map` for a function that takes each process's whole share of the items at once
    (and returns one result per item, in order): for work set up once per process.
    `meanwhile_weight` is what the side work done while the workers work weighs (both
    functions, or only `meanwhile()` with `pinned_first`), in the units of `weights`."""
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
    shares = _shares(len(items), jobs, weights, pinned, skip=done.keys(), head_start=meanwhile_weight)

    def ours() -> list[Result]:
        for work in side_work:
            work()
        return function([items[i] for i in shares[0]])

    mine, theirs = _beside_workers(
        ours, [partial(function, [items[i] for i in share]) for share in shares[1:]]
    )
    per_worker = [mine, *theirs]
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for index, result in done.items():
        results[index] = result
    for share, made in zip(shares, per_worker, strict=True):
        for index, result in zip(share, made, strict=True):
            results[index] = result
    return results


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


def _shares(
    count: int,
    jobs: int,
    weights: Sequence[float] | None,
    pinned: Sequence[bool] | None = None,
    skip: Collection[int] = (),
    head_start: float = 0.0,
) -> list[list[int]]:
    """Which item indices each worker takes (worker 0 is this process, which already has
    `head_start` of work), leaving out `skip`."""
    indices = [index for index in range(count) if index not in skip]
    if weights is None and pinned is None:
        return [indices[start::jobs] for start in range(jobs)]
    weights = weights or [1.0] * count
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [head_start] + [0.0] * (jobs - 1)
    if pinned is not None:
        shares[0] = [index for index in indices if pinned[index]]
        loads[0] += sum(weights[index] for index in shares[0])
    free = [index for index in indices if not (pinned and pinned[index])]
    for index in sorted(free, key=lambda i: (-weights[i], i)):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += weights[index]
    return shares


Work = TypeVar("Work")


def _beside_workers(
    ours: Callable[[], Work], theirs: Sequence[Callable[[], Work]]
) -> tuple[Work, list[Work]]:
    """(ours(), [each of theirs() run in a forked worker]), running at the same time."""
    children = [_start_worker(work) for work in theirs]
    try:
        mine = ours()
    except BaseException:
        for pid, reader in children:  # a closed pipe ends each worker's writing
            os.close(reader)
            os.waitpid(pid, 0)
        raise
    failure = None
    made = []
    for pid, reader in children:
        # Read as it streams in: a worker's results are never held twice (bytes and objects).
        with os.fdopen(reader, "rb") as pipe:
            try:
                status, payload = pickle.load(pipe)
            except Exception:
                status, payload = "error", "a worker process ended without a result"
        os.waitpid(pid, 0)
        if status == "ok":
            made.append(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise WorkerError(failure)
    return mine, made


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
            except BaseException:
                pickle.dump(("error", traceback.format_exc()), pipe)
            else:
                pickle.dump(("ok", results), pipe, pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)
