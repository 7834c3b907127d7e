"""Planned files -> the output folder: render what changed (in workers), write it beside the
output, and swap or move it in; keep what each render read for the next build."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from chronicle.build.cache import BuildState
from chronicle.build.parallel import fork_map_shares
from chronicle.build.planned import OutputFile, Plan
from chronicle.build.swap import swap_in, update_in_place
from chronicle.build.tracking import Recorded
from chronicle.build.write import (
    ThreadedWriter,
    folders_of,
    holds_exactly,
    restamp_folders,
    reuse_file,
    stamp_folders,
    write_file,
)

# From this many events, the files made from every event's pieces (and the cache's tables)
# are written before the workers start rather than alongside them: the main process writes
# to every page of memory it reads, and a page still shared with a worker is then copied.
# A small site gains the parallel time; a large one saves memory (about 0.4 GiB at 20,000).
PINNED_FIRST_FROM = 5_000

# A rebuild of a few files writes them from a second thread while it renders the next; a
# large build keeps every core busy rendering, where the thread would only contend.
THREADED_WRITES_BELOW = 200

# A rebuild of fewer files than this renders them all in this process: forking a worker
# (copying the page tables of the whole model, then each page either side writes to) costs
# more than the worker saves. Measured for a one-summary edit: 0.566 -> 0.546 s at 2,000
# events, 5.81 -> 5.04 s at 20,000.
ONE_PROCESS_REBUILD_BELOW = 200


@dataclass(frozen=True)
class Alongside:
    """Work for this process to do while the files render (saving the cache's tables)."""

    reading_pieces: Callable[[], object]
    """Reads every event's cards and pieces: on a large site, it runs in a thread beside the
    whole-timeline files, before the workers start (a worker copies every page it reads)."""
    rest: Callable[[], object]
    """Reads what the workers read too (the events): it runs while they work."""


@dataclass
class BuildReport:
    files: int = 0
    rendered: int = 0
    reused: int = 0
    paths: list[str] = field(default_factory=list)
    folder_bytes: dict[str, int] = field(default_factory=dict)
    """Bytes written under each top-level folder of the output ("" for its own files)."""


def build_output(
    plan: Plan,
    out: Path,
    state: BuildState,
    jobs: int,
    alongside: Callable[[BuildReport], Alongside | None] | None = None,
) -> BuildReport:
    """Write the planned site into `out`, rendering only what changed since `state`.

    A cold build fills a new folder and swaps it in whole. When `out` holds exactly what the
    last build wrote, only the changed files are rendered (into a folder beside `out`) and,
    once all of them succeeded, moved in one by one; files no longer produced are deleted.
    Once every file is planned, `alongside(report)` may give work for this process to do
    while the workers render (the workers then get that much more of the rendering).
    """
    keys = {item.path: item.key for item in plan.files}
    same_out = state.out == str(out.resolve()) and out.is_dir()
    if same_out and plan.pieces is not None:
        plan.pieces.out = str(out)  # the last build's files there may give their pieces
    reusable = {item.path for item in plan.files if same_out and _unchanged(str(out), item, state, plan)}
    fresh = [item for item in plan.files if item.path not in reusable]
    report = BuildReport(files=len(keys), rendered=len(fresh), reused=len(reusable), paths=sorted(keys))
    done: dict[str, tuple[int, int, Recorded | None]] = {}
    render = partial(_render_fresh, fresh, state, plan.pinned_first, done, alongside, report)
    if same_out and holds_exactly(out, state.pages.keys(), state.folders):
        stale = sorted(set(state.pages) - set(keys))
        few = len(fresh) < ONE_PROCESS_REBUILD_BELOW
        update_in_place(out, partial(render, jobs=1 if few else jobs), stale)
        done.update({path: (*state.pages[path][1:3], state.pages[path][3]) for path in reusable})
        state.folders = restamp_folders(out, state.folders, keys, [item.path for item in fresh] + stale)
    else:

        def fill(staging: Path) -> None:
            render(staging, jobs=jobs)
            for path in sorted(reusable):
                status = reuse_file(out / path, staging, path)
                done[path] = (status.st_size, status.st_mtime_ns, state.pages[path][3])

        swap_in(out, fill)
        state.folders = stamp_folders(out, sorted(folders_of(keys)))
    state.pages.update_changed({path: [keys[path], *done[path]] for path in keys})
    state.versions.update_changed(plan.versions)
    state.out = str(out.resolve())
    for path, (size, _mtime, _reads) in done.items():
        folder = path.partition("/")[0] if "/" in path else ""
        report.folder_bytes[folder] = report.folder_bytes.get(folder, 0) + size
    return report


def _render_fresh(
    fresh: Sequence[OutputFile],
    state: BuildState,
    pinned_first: bool,
    done: dict[str, tuple[int, int, Recorded | None]],
    alongside: Callable[[BuildReport], Alongside | None] | None,
    report: BuildReport,
    staging: Path,
    jobs: int,
) -> None:
    """Render `fresh` into `staging` in `jobs` processes; `done` gets each file's stat and reads."""

    def render_into(share: Sequence[OutputFile]) -> list[tuple[str, int, int, Recorded | None]]:
        # Files rendered before the workers start are written from a second thread:
        # the other core is free then.
        before_workers = pinned_first and all(item.whole for item in share)
        if len(fresh) >= THREADED_WRITES_BELOW and not before_workers:
            made = []
            for item in share:
                data, reads = item.render()
                made.append((item.path, *_stamp(write_file(staging, item.path, data)), reads))
            return made
        recorded = {}
        with ThreadedWriter(staging) as writer:
            for item in share:
                data, recorded[item.path] = item.render()
                writer.write(item.path, data)
        return [(item.path, *writer.stamps[item.path], recorded[item.path]) for item in share]

    # The last build's size of each file is a fair guess of its cost (the home page and
    # the whole-timeline files dwarf an event page): balance the workers by it.
    weights = [float(state.pages[item.path][1]) if item.path in state.pages else 20_000.0 for item in fresh]
    pinned = [item.whole for item in fresh]
    also = alongside(report) if alongside is not None else None
    for path, size, mtime, reads in fork_map_shares(
        render_into,
        fresh,
        jobs,
        weights,
        pinned,
        also.rest if also else None,
        pinned_first,
        also.reading_pieces if also else None,
    ):
        done[path] = (size, mtime, reads)


def _stamp(status: os.stat_result) -> tuple[int, int]:
    return status.st_size, status.st_mtime_ns


def _unchanged(out: str, item: OutputFile, state: BuildState, plan: Plan) -> bool:
    """The previous build's copy is right: same key, what its render read is as it was, and
    the file is as that build wrote it."""
    recorded = state.pages.get(item.path)
    if recorded is None or recorded[0] != item.key:
        return False
    if recorded[3] is not None and not plan.still_true(recorded[3]):
        return False
    try:
        status = os.stat(f"{out}/{item.path}")
    except OSError:
        return False
    return bool((status.st_size, status.st_mtime_ns) == tuple(recorded[1:3]))
