"""`serve`: build, serve the last good build, rebuild on save, reload open pages.

The main thread builds and watches; a PreviewServer (a bounded number of threads) serves
the last good build from a temporary folder under the site's own sub-path (from `base_url`),
to its own host names only. Each save rebuilds; a
good build replaces what is served and reloads open pages through server-sent events (the
terminal says how long the build took, and how long from the save to the reload), a
broken one keeps what is served and shows the located errors in the terminal and over the
page. Ctrl-C (SIGINT) or SIGTERM stops it, exit status 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import itertools
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import redirect_stderr
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import jinja2

from chronicle.build.parallel import default_jobs
from chronicle.build.session import BuildOptions, BuildSession
from chronicle.build.swap import OutputNotRestoredError
from chronicle.cli import BUG_REPORT
from chronicle.commands.build import write_failed
from chronicle.commands.report import events_counted, print_diagnostics, template_error
from chronicle.model.diagnostics import Diagnostic, Diagnostics, inert, one_line
from chronicle.preview.child_build import build_in_child, builds_apart
from chronicle.preview.server import (
    PreviewServer,
    PreviewServer6,
    make_handler,
    normalise,
    url_path,
)
from chronicle.preview.state import PreviewState
from chronicle.render.images import ImageChangedError
from chronicle.source.settings import read_settings

if TYPE_CHECKING:
    from watchfiles import DefaultFilter

WATCHED = ("content", "seeds", "templates", "media")

SAVE_TEMPORARIES = (
    r"^sed[A-Za-z0-9]{6}$",  # sed -i
    r"^4913$",  # vim, testing that it may write the folder
    r"^\.goutputstream-",  # GNOME's editors
    r"^\.~lock\..*#$",  # LibreOffice
    r"^~\$",  # Microsoft Office
    r"\.(tmp|crdownload|part)$",
)
"""Files editors and tools write while saving, and delete or rename right after: each would
start a rebuild of its own, named as a change (watchfiles leaves out vim's swap files,
backups ending in ~ and emacs' locks already)."""


def saves_only() -> DefaultFilter:
    """The watcher's filter: watchfiles' own, and SAVE_TEMPORARIES left out."""
    from watchfiles import DefaultFilter  # only `serve` watches

    return DefaultFilter(ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, *SAVE_TEMPORARIES))


# How watchfiles groups file events into one rebuild (milliseconds). It sleeps STEP at a time;
# once a change is in, it returns after the first STEP that brings no new one, so a save is
# seen STEP to 2 x STEP after its last write: 10-20 ms (it was 20, then 50). A save's own
# writes (truncate and write; a temporary file renamed over the old one; vim's backup, write
# and fsync; JetBrains' "safe write") come microseconds apart on a local disk and are one
# batch. A writer paused mid-save longer than that (one writing in chunks, a busy machine)
# gives two batches: the first rebuild may read a half-written file, and if that fails, its
# errors are not shown when a file of the batch has changed again since (`rebuild`): the
# next batch rebuilds with the whole save. DEBOUNCE only caps a batch while changes keep
# coming (a checkout of many files): a single save never waits for it. TIMEOUT adds nothing
# to a save either: it is how long the first `next()` waits when nothing changes, which tells
# that the watcher is live (below).
SWITCH_INTERVAL = 0.001  # seconds: see run()
WATCH_STEP_MS = 10
WATCH_DEBOUNCE_MS = 200
WATCH_TIMEOUT_MS = 200


class OpenPagesFirst:
    """The pages open in browsers, shown as soon as the timeline is made (`BuildSession.run`),
    for a save that changed only content: one that changed the theme or the media could
    change the files those pages load, which are served as they are meanwhile."""

    def __init__(self, state: PreviewState, root: Path, changes: Iterable[tuple[object, str]]) -> None:
        self.state = state
        changed = [Path(path) for _change, path in changes]
        self.allowed = all(_is_content(path, root) for path in changed)
        self.changed = {path.relative_to(root).as_posix() for path in changed} if self.allowed else None
        self.shown_ns: int | None = None
        """When they were shown (the reload sent), None if they were not."""

    def reported(self) -> set[str] | None:
        return self.changed

    def paths(self) -> set[str]:
        return self.state.open_pages() if self.allowed else set()

    def show(self, pages: Mapping[str, bytes]) -> None:
        self.state.show_first(pages)
        self.shown_ns = time.time_ns()


def _is_content(path: Path, root: Path) -> bool:
    return path.is_relative_to(root) and path.relative_to(root).parts[:1] in (("content",), ("seeds",))


def rebuild(
    session: BuildSession,
    state: PreviewState,
    saved_ns: int | None = None,
    changes: Iterable[tuple[object, str]] = (),
    seen: Stamps | None = None,
    started: float | None = None,
) -> bool:
    """Build into the session's output (only what changed); on errors keep what is served
    and publish them, unless the save is still being written (`seen`: the `stamps` of the
    changed paths when the watcher reported them). `saved_ns` is when the save that asked
    for it was made (`saved_at`), None for the first build; `changes` are the paths it
    changed (the watcher's). `started`: when the first build began (its `perf_counter`), if
    before this run (`_first_build`)."""
    root = session.options.root
    captured = io.StringIO()
    outcome = None
    first = OpenPagesFirst(state, root, changes) if saved_ns is not None else None
    try:
        outcome = session.run(save_later=True, open_pages=first)
    except jinja2.TemplateError as exc:
        captured.write(template_error(exc, root) + "\n")
    except ImageChangedError as exc:  # saved while its copies were made: the next save rebuilds
        captured.write(inert(f"error: {one_line(str(exc))}") + "\n")
    except (OSError, OutputNotRestoredError) as exc:  # a full disk: see write_failed
        captured.write("".join(inert(one_line(line)) + "\n" for line in write_failed(exc)))
    except Exception as exc:  # an engine bug: say so, and keep serving the last good build
        captured.write(
            f"internal error: {type(exc).__name__}: {one_line(str(exc))}. This is a bug in the timeline "
            f"builder, not in your content; please report it at {BUG_REPORT}\n"
        )
    if outcome is not None:
        with redirect_stderr(captured):
            print_diagnostics(_not_told_before(outcome.diagnostics, state), root)
    report = captured.getvalue()
    sys.stderr.write(report)
    shown_ns = first.shown_ns if first is not None else None
    if outcome is not None and outcome.site is not None and outcome.report is not None:
        seconds = outcome.seconds if started is None else time.perf_counter() - started
        _built(session, state, seconds, len(outcome.site.events), saved_ns, shown_ns)
        return True
    if seen is not None and stamps(changes) != seen:  # a save still being written: see WATCH_STEP_MS
        print("changed again while building: the next rebuild tells", file=sys.stderr, flush=True)
    else:
        kept = "still serving the last good build" if state.folder else "no good build to serve yet"
        print(f"errors: {kept}; fix them and save to rebuild", file=sys.stderr, flush=True)
        state.errors = report
        state.publish("errors", report)
    if shown_ns is not None:  # the pages shown first go back to the last good build
        state.settle()
        state.publish("reload")
    return False


def _not_told_before(diagnostics: Sequence[Diagnostic], state: PreviewState) -> list[Diagnostic]:
    """Every error and warning, and the notices the last build did not tell (a notice asks
    for nothing: said at every save, it would only push the rest up the terminal)."""
    told, state.notices = (
        state.notices,
        frozenset((str(item.mark), item.message) for item in diagnostics if item.severity == "notice"),
    )
    return [
        item
        for item in diagnostics
        if item.severity != "notice" or (str(item.mark), item.message) not in told
    ]


def _built(
    session: BuildSession,
    state: PreviewState,
    seconds: float,
    events: int,
    saved_ns: int | None,
    shown_ns: int | None,
) -> None:
    """Serves the new build, reloading the open pages unless they were shown first."""
    state.folder, state.errors = session.options.out, ""
    if shown_ns is None:
        state.build += 1
        state.publish("ok")
        state.publish("reload")
    state.settle()
    if saved_ns is None:
        print(f"built: {events_counted(events)} in {seconds:.2f} s", flush=True)
    else:
        reloaded_ns = shown_ns or time.time_ns()
        how = ", open pages first" if shown_ns is not None else ""
        timing = f"saved to reload: {(reloaded_ns - saved_ns) / 1e9:.2f} s{how}"
        print(f"rebuilt: {events_counted(events)} in {seconds:.2f} s ({timing})", flush=True)
    session.save()  # after the reload: the pages do not wait for the cache


def served_path(root: Path) -> str:
    """The sub-path of `base_url` in content/site.yaml, decoded and normalised ("/my site/"
    for ".../my%20site"), or "/" when it cannot be read."""
    settings = read_settings(root, Diagnostics())
    path = urlsplit(settings.base_url).path if settings else "/"
    return normalise(unquote(path) + "/")


def _stop_on_signals() -> None:
    """Ctrl-C (even when started from a script that ignores it) and SIGTERM stop cleanly."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def saved_at(changes: Iterable[tuple[object, str]], seen_ns: int, since_ns: int) -> int:
    """When the save the watcher reported as `changes` was made, in nanoseconds since the epoch:
    the newest modification time among the changed paths that still exist.

    `seen_ns` is when the watcher reported them: the time of a deletion (nothing left to ask),
    and the bound of a time in the future. `since_ns` is when it reported the previous ones: a
    newest time over a second before that was not made by this save (a file copied with its
    old time kept), so `seen_ns` stands for it. Modification times come from the file system's
    clock, which may run a few milliseconds behind the system's: the figure errs long."""
    newest = None
    for _change, path in changes:
        try:
            modified = os.stat(path).st_mtime_ns
        except OSError:  # deleted, or renamed away since
            continue
        newest = modified if newest is None else max(newest, modified)
    if newest is None or newest < since_ns - 1_000_000_000:
        return seen_ns
    return min(newest, seen_ns)


Stamps = dict[str, tuple[int, int] | None]


def saved_since(folders: Iterable[Path], since_ns: int) -> list[tuple[object, str]]:
    """The files and folders under `folders` modified since `since_ns` (a folder is, when a
    file in it is made, renamed or deleted), as the watcher reports changes. The file
    system's clock may run a little behind the system's: a save just before counts too."""
    found: list[tuple[object, str]] = []
    for folder in folders:
        for top, _folders, files in os.walk(folder):
            for path in [top, *(os.path.join(top, name) for name in files)]:
                try:
                    if os.lstat(path).st_mtime_ns >= since_ns - FILE_CLOCK_LAG_NS:
                        found.append(("modified", path))
                except OSError:
                    continue
    return found


FILE_CLOCK_LAG_NS = 50_000_000


def stamps(changes: Iterable[tuple[object, str]]) -> Stamps:
    """Each changed path's size and modification time (None: gone)."""
    found: Stamps = {}
    for _change, path in changes:
        try:
            status = os.stat(path)
        except OSError:
            found[path] = None
            continue
        found[path] = (status.st_size, status.st_mtime_ns)
    return found


def _describe(changes: Iterable[tuple[object, str]], root: Path) -> str:
    paths = sorted({Path(path) for _change, path in changes})
    shown = [path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path) for path in paths]
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def _first_build(options: BuildOptions, state: PreviewState) -> BuildSession:
    """The first build, with every core; the later ones run beside the server's threads,
    where forking is not safe, so they use one process (they render little anyway).

    Where it can, a child process makes the first build (the output and the cache), and
    this one then reads that cache and finds every file unchanged. Rendering every page
    leaves this process's memory strewn with freed objects between the ones the session
    keeps, and every later save, walking those, was slower (a fifth, at 20,000 events)."""
    started = time.perf_counter()
    if builds_apart(options):
        build_in_child(options)
    session = BuildSession(options)
    rebuild(session, state, started=started)
    # One full collection now, while no save waits: it frees what the first build left in
    # reference cycles, and sets the collector's count of long-lived objects to the whole
    # site, so that no automatic full collection (seconds at 20,000 events) falls in a save.
    gc.collect()
    session.options = dataclasses.replace(session.options, jobs=1)
    return session


def _rebuild_on_saves(
    session: BuildSession,
    state: PreviewState,
    changes_seen: Iterable[Collection[tuple[object, str]]],
) -> None:
    """A rebuild for each change the watcher reports (an empty one: none, a time-out)."""
    root, since_ns = session.options.root, time.time_ns()
    for changes in changes_seen:
        if changes:
            seen_ns, seen = time.time_ns(), stamps(changes)
            saved_ns = saved_at(changes, seen_ns, since_ns)
            print(inert(f"changed: {one_line(_describe(changes, root))}"), flush=True)
            rebuild(session, state, saved_ns, changes, seen)
            since_ns = seen_ns


def run(args: argparse.Namespace) -> int:
    from watchfiles import watch

    _stop_on_signals()
    # The builds run in this thread while the server's threads answer: a thread waiting for
    # the interpreter gets it within 1 ms (5 by default), so the reload sent as a build goes
    # on (open pages first) and the requests it brings are not held behind the build's work.
    sys.setswitchinterval(SWITCH_INTERVAL)
    root = Path(args.root).resolve()
    base_path = served_path(root)
    stopping = threading.Event()
    state = PreviewState()
    server_class = PreviewServer6 if ":" in args.host else PreviewServer
    try:
        server = server_class((args.host, args.port), make_handler(state, base_path, stopping, args.host))
    except OSError as exc:
        print(
            inert(one_line(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")),
            file=sys.stderr,
        )
        return 2
    port = server.server_address[1]  # the one chosen when --port 0
    host = f"[{args.host}]" if ":" in args.host else args.host
    base_url = f"http://{host}:{port}{url_path(base_path)}"
    workdir = Path(tempfile.mkdtemp(prefix="chronicle-serve-"))
    out = workdir / "site"
    thread = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    watched = [root / name for name in WATCHED if (root / name).is_dir()] or [root]
    try:
        started_ns = time.time_ns()
        session = _first_build(BuildOptions(root, out, base_url, default_jobs()), state)
        thread.start()
        changes_seen = watch(
            *watched,
            watch_filter=saves_only(),
            stop_event=stopping,
            debounce=WATCH_DEBOUNCE_MS,
            step=WATCH_STEP_MS,
            rust_timeout=WATCH_TIMEOUT_MS,
            yield_on_timeout=True,
        )
        first = next(changes_seen)  # the watcher is live once it has yielded: no save is missed
        print(f"serving {base_url} (Ctrl-C to stop)", flush=True)
        # A save made while the first build ran, before the watcher was live: caught up now.
        _rebuild_on_saves(
            session, state, itertools.chain([saved_since(watched, started_ns), first], changes_seen)
        )
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
    print("stopped", flush=True)
    return 0
