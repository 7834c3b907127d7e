"""`serve`: build, serve the last good build, rebuild on save, reload open pages.

The main thread builds and watches; a PreviewServer (a bounded number of threads) serves
the last good build from a temporary folder under the site's own sub-path (from `base_url`),
to its own host names only. Each save rebuilds; a
good build replaces what is served and reloads open pages through server-sent events, a
broken one keeps what is served and shows the located errors in the terminal and over the
page. Ctrl-C (SIGINT) or SIGTERM stops it, exit status 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import itertools
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterable
from contextlib import redirect_stderr
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from chronicle.build.parallel import default_jobs
from chronicle.build.session import BuildOptions, BuildSession
from chronicle.cli import BUG_REPORT
from chronicle.commands.report import print_diagnostics, template_error
from chronicle.model.diagnostics import Diagnostics
from chronicle.preview.server import (
    PreviewServer,
    PreviewServer6,
    PreviewState,
    make_handler,
    normalise,
    url_path,
)
from chronicle.render.images import ImageChangedError
from chronicle.source.settings import read_settings

WATCHED = ("content", "seeds", "templates", "media")


def rebuild(session: BuildSession, state: PreviewState) -> bool:
    """Build into the session's output (only what changed); on errors keep what is served
    and publish them."""
    root = session.options.root
    captured = io.StringIO()
    outcome = None
    try:
        outcome = session.run()
    except jinja2.TemplateError as exc:
        captured.write(template_error(exc, root) + "\n")
    except ImageChangedError as exc:  # saved while its copies were made: the next save rebuilds
        captured.write(f"error: {exc}\n")
    except Exception as exc:  # an engine bug: say so, and keep serving the last good build
        captured.write(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in the timeline builder, "
            f"not in your content; please report it at {BUG_REPORT}\n"
        )
    if outcome is not None:
        with redirect_stderr(captured):
            print_diagnostics(outcome.diagnostics, root)
    report = captured.getvalue()
    sys.stderr.write(report)
    if outcome is not None and outcome.site is not None and outcome.report is not None:
        state.folder, state.errors = session.options.out, ""
        state.build += 1
        state.publish("ok")
        state.publish("reload")
        print(f"rebuilt: {len(outcome.site.events)} events in {outcome.seconds:.2f} s", flush=True)
        return True
    kept = "still serving the last good build" if state.folder else "no good build to serve yet"
    print(f"errors: {kept}; fix them and save to rebuild", file=sys.stderr, flush=True)
    state.errors = report
    state.publish("errors", report)
    return False


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


def _describe(changes: Iterable[tuple[object, str]], root: Path) -> str:
    paths = sorted({Path(path) for _change, path in changes})
    shown = [path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path) for path in paths]
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def run(args: argparse.Namespace) -> int:
    from watchfiles import watch

    _stop_on_signals()
    root = Path(args.root).resolve()
    base_path = served_path(root)
    stopping = threading.Event()
    state = PreviewState()
    server_class = PreviewServer6 if ":" in args.host else PreviewServer
    try:
        server = server_class((args.host, args.port), make_handler(state, base_path, stopping, args.host))
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    port = server.server_address[1]  # the one chosen when --port 0
    host = f"[{args.host}]" if ":" in args.host else args.host
    base_url = f"http://{host}:{port}{url_path(base_path)}"
    workdir = Path(tempfile.mkdtemp(prefix="chronicle-serve-"))
    out = workdir / "site"
    thread = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    watched = [root / name for name in WATCHED if (root / name).is_dir()] or [root]
    try:
        # The first build may use every core; later ones run beside the server's threads,
        # where forking is not safe, so they use one process (they render little anyway).
        session = BuildSession(BuildOptions(root, out, base_url, default_jobs()))
        rebuild(session, state)
        session.options = dataclasses.replace(session.options, jobs=1)
        thread.start()
        changes_seen = watch(
            *watched, stop_event=stopping, debounce=200, step=50, rust_timeout=200, yield_on_timeout=True
        )
        first = next(changes_seen)  # the watcher is live once it has yielded: no save is missed
        print(f"serving {base_url} (Ctrl-C to stop)", flush=True)
        for changes in itertools.chain([first], changes_seen):
            if changes:
                print(f"changed: {_describe(changes, root)}", flush=True)
                rebuild(session, state)
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
