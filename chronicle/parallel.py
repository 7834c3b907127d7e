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
) -> list[Result]:
    """`[function(item) for item in items]`, spread over `jobs` processes.

    Without `weights`, worker k takes items k, k + jobs, k + 2 * jobs ...: costly items that
    sit together in the list end up in different workers. With each item's expected cost,
    the costliest go first, each to the worker with the least work so far. `pinned` items
    stay in this process (a worker would copy every page of shared data it reads), and
    `meanwhile()` runs here while the workers work; with `pinned_first`, both run before
    any worker starts (meanwhile in a thread beside the pinned items), so that no page they
    touch is copied at all (this process writes to the pages of every object it reads, and
    a page shared with a worker is then copied).
    """
    return fork_map_shares(
        lambda share: [function(item) for item in share],
        items, jobs, weights, pinned, meanwhile, pinned_first,
    )


def fork_map_shares(
    function: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int,
    weights: Sequence[float] | None = None,
    pinned: Sequence[bool] | None = None,
    meanwhile: Callable[[], object] | None = None,
    pinned_first: bool = False,
    meanwhile_weight: float = 0.0,
) -> list[Result]:
    """`fork_map` for a function that takes each process's whole share of the items at once
    (and returns one result per item, in order): for work set up once per process.
    `meanwhile_weight` is what `meanwhile()` weighs, in the units of `weights`."""
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        if meanwhile is not None:
            meanwhile()
        return function(items)
    done: dict[int, Result] = {}
    if pinned_first:
        first = [index for index in range(len(items)) if pinned and pinned[index]]
        # No worker runs yet: `meanwhile` gets a thread, where its waits on the disk leave
        # this one rendering; it ends before the first fork (a fork copies no other thread).
        with _Beside(meanwhile):
            done = dict(zip(first, function([items[index] for index in first]), strict=True))
        meanwhile = None
        pinned = None
    head_start = 0.0 if pinned_first else meanwhile_weight
    shares = _shares(len(items), jobs, weights, pinned, skip=done.keys(), head_start=head_start)
    children = [_start_worker(function, [items[i] for i in share]) for share in shares[1:]]
    try:
        if meanwhile is not None:
            meanwhile()
        per_worker = [function([items[i] for i in shares[0]])]
    except BaseException:
        for pid, reader in children:  # a closed pipe ends each worker's writing
            os.close(reader)
            os.waitpid(pid, 0)
        raise
    failure = None
    for pid, reader in children:
        # Read as it streams in: a worker's results are never held twice (bytes and objects).
        with os.fdopen(reader, "rb") as pipe:
            try:
                status, payload = pickle.load(pipe)
            except Exception:
                status, payload = "error", "a worker process ended without a result"
        os.waitpid(pid, 0)
        if status == "ok":
            per_worker.append(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise WorkerError(failure)
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


def _start_worker(
    function: Callable[[Sequence[Item]], list[Result]], chunk: Sequence[Item]
) -> tuple[int, int]:
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
                results = function(chunk)
            except BaseException:
                pickle.dump(("error", traceback.format_exc()), pipe)
            else:
                pickle.dump(("ok", results), pipe, pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)
