"""The cyclic garbage collector's part in a build.

A build makes objects in long stretches (the loaded site and cache, the timeline's views,
the plan of every file) that nearly all live to its end. A collection in such a stretch
scans them all again and finds nothing: at 20,000 events the planning spent a fifth of its
time so. After a stretch they are frozen: the collector no longer sees them, nor writes to
their pages in forked workers (a worker copies each page written to).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """The collector off while the block makes objects that live on; then they are frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def one_build() -> Iterator[None]:
    """Around a build in a process that goes on after it (tests, the preview server): what
    the build froze is thawed at its end, so that the collector sees it again."""
    try:
        yield
    finally:
        gc.unfreeze()
