"""Run a function over items in forked worker processes; results come back in input order.

Forking shares the parent's model with the workers without pickling it; only each
worker's results cross a pipe. Order, and so output, does not depend on the worker count.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Forking costs a few milliseconds: worth it once each worker has a few items.
MIN_ITEMS_PER_WORKER = 4


class WorkerError(RuntimeError):
    """A worker failed; carries its traceback text."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """`[function(item) for item in items]`, spread over `jobs` processes.

    Worker k takes items k, k + jobs, k + 2 * jobs ...: costly items (the timeline page, the
    feeds) that sit together in the list end up in different workers.
    """
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    shares = [items[start::jobs] for start in range(jobs)]
    children = [_start_worker(function, share) for share in shares[1:]]
    per_worker = [[function(item) for item in shares[0]]]
    failure = None
    for pid, reader in children:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            status, payload = pickle.loads(data)
        except Exception:
            status, payload = "error", "a worker process ended without a result"
        if status == "ok":
            per_worker.append(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise WorkerError(failure)
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for start, share in enumerate(per_worker):
        results[start::jobs] = share
    return results


def _start_worker(function: Callable[[Item], Result], chunk: Sequence[Item]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)  # in the worker from here on; it never returns
    try:
        data = pickle.dumps(("ok", [function(item) for item in chunk]), pickle.HIGHEST_PROTOCOL)
    except BaseException:
        data = pickle.dumps(("error", traceback.format_exc()))
    with os.fdopen(writer, "wb") as pipe:
        pipe.write(data)
    os._exit(0)
