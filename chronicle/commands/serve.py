"""`serve`: build, serve the last good build, rebuild on save, reload open pages."""

from __future__ import annotations

import argparse
import http.server
import io
import shutil
import signal
import sys
import tempfile
import threading
from contextlib import redirect_stderr
from pathlib import Path
from urllib.parse import urlsplit

from chronicle.commands.report import print_diagnostics
from chronicle.output import render_site
from chronicle.pipeline import load_site
from chronicle.preview.server import PreviewState, make_handler
from chronicle.write import write_output

WATCHED = ("content", "seeds", "templates")


def rebuild(root: Path, base_url: str | None, out: Path, state: PreviewState) -> bool:
    """Build into `out`; on errors keep what is served and publish the errors instead."""
    result = load_site(root, base_url)
    captured = io.StringIO()
    with redirect_stderr(captured):
        print_diagnostics(result.diagnostics, root)
    report = captured.getvalue()
    sys.stderr.write(report)
    if result.site is None:
        state.errors = report
        state.publish("errors", report)
        return False
    write_output(render_site(result.site, root), out)
    state.folder, state.errors = out, ""
    state.publish("ok")
    state.publish("reload")
    print(f"rebuilt: {len(result.site.events)} events", flush=True)
    return True


def _stop_on_signals() -> None:
    """Ctrl-C (even when started from a script that ignores it) and SIGTERM stop cleanly."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def run(args: argparse.Namespace) -> int:
    from watchfiles import watch

    _stop_on_signals()
    root = Path(args.root).resolve()
    configured = load_site(root).site
    base_path = urlsplit(configured.settings.base_url).path if configured else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    base_url = f"http://{args.host}:{args.port}{base_path}"
    workdir = Path(tempfile.mkdtemp(prefix="chronicle-serve-"))
    out = workdir / "site"
    state = PreviewState()
    stopping = threading.Event()
    try:
        server = http.server.ThreadingHTTPServer(
            (args.host, args.port), make_handler(state, base_path, stopping)
        )
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)
        return 2
    server.daemon_threads = True
    rebuild(root, base_url, out, state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"serving {base_url} (Ctrl-C to stop)", flush=True)
    watched = [root / name for name in WATCHED if (root / name).is_dir()]
    try:
        for _changes in watch(*watched, stop_event=stopping, debounce=200, step=50):
            rebuild(root, base_url, out, state)
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
    print("stopped", flush=True)
    return 0
