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

MIN_ITEMS_PER_WORKER = 32


class WorkerError(RuntimeError):
    """A worker failed; carries its traceback text."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """`[function(item) for item in items]`, spread over `jobs` processes in contiguous chunks."""
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    size = -(-len(items) // jobs)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    children = [_start_worker(function, chunk) for chunk in chunks[1:]]
    results = [function(item) for item in chunks[0]]
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
            results.extend(payload)
        else:
            failure = failure or payload
    if failure is not None:
        raise WorkerError(failure)
    return results


def _start_worker(
    function: Callable[[Item], Result], chunk: Sequence[Item]
) -> tuple[int, int]:
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
