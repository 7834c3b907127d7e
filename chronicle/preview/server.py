"""Serve the last good build under the site's sub-path, with server-sent reload events."""

from __future__ import annotations

import html
import http.server
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

RELOAD_SCRIPT = (Path(__file__).parent / "reload.js").read_bytes()
RELOAD_SRC = "/__chronicle/reload.js"
HEARTBEAT_SECONDS = 15.0


def reload_tag(build: int) -> bytes:
    """The script element; `build` lets a page that missed a reload notice it is stale."""
    return f'<script src="{RELOAD_SRC}?build={build}"></script>'.encode()


def inject_reload(page: bytes, build: int) -> bytes:
    """The page with the reload script before `</body>` (or at its end): in serve only, never on disk."""
    tag = reload_tag(build)
    at = page.rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


def no_build_page(errors: str) -> bytes:
    """What is served before the first good build: the errors, and the script that reloads on a fix."""
    return (
        (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No build yet</title></head>'
            "<body><h1>No successful build yet</h1><p>Fix the errors below and save; this page reloads "
            "by itself.</p><pre>" + html.escape(errors) + "</pre>"
        ).encode()
        + reload_tag(0)
        + b"</body></html>"
    )


@dataclass
class PreviewState:
    """What the server shows: the folder of the last good build, its number, and the current errors."""

    folder: Path | None = None
    errors: str = ""
    build: int = 0
    listeners: list[queue.Queue[tuple[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, event: str, data: str = "") -> None:
        with self.lock:
            for listener in self.listeners:
                listener.put((event, data))

    def subscribe(self) -> queue.Queue[tuple[str, str]]:
        listener: queue.Queue[tuple[str, str]] = queue.Queue()
        with self.lock:
            self.listeners.append(listener)
        return listener

    def unsubscribe(self, listener: queue.Queue[tuple[str, str]]) -> None:
        with self.lock:
            if listener in self.listeners:
                self.listeners.remove(listener)


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """One request: a file of the last good build, the reload script, or the reload event stream.

    What it serves comes from class attributes that `make_handler` sets on a subclass."""

    state: ClassVar[PreviewState]
    base_path: ClassVar[str]
    stopping: ClassVar[threading.Event]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds and errors, not every request

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == RELOAD_SRC:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif path == "/__chronicle/events":
            self._events()
        elif not path.startswith(self.base_path):
            self._redirect(302, self.base_path)
        else:
            self._file(path[len(self.base_path) :])

    def do_HEAD(self) -> None:
        self.head_only = True
        self.do_GET()

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not getattr(self, "head_only", False):
            self.wfile.write(body)

    def _file(self, relative: str) -> None:
        folder = self.state.folder
        if folder is None:
            self._send(503, "text/html; charset=utf-8", no_build_page(self.state.errors))
            return
        root = folder.resolve()
        target = (folder / relative).resolve()
        inside = target == root or root in target.parents
        if inside and target.is_dir():
            if relative and not relative.endswith("/"):
                self._redirect(301, self.base_path + relative + "/")
                return
            target = target / "index.html"
        if not inside or not target.is_file():
            target, status = folder / "404.html", 404
        else:
            status = 200
        try:
            body = target.read_bytes()
        except OSError:  # the build is being swapped in, or there is no 404 page
            body, target = b"not found", Path("404.txt")
        content_type = _content_type(target.name)
        if content_type.startswith("text/html"):
            body = inject_reload(body, self.state.build)
        self._send(status, content_type, body)

    def _events(self) -> None:
        self.close_connection = True  # the stream ends only when the page or the server goes
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        listener = self.state.subscribe()
        try:
            self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly after a restart
            self._event("build", str(self.state.build))
            self._event("errors" if self.state.errors else "ok", self.state.errors)
            idle = 0.0
            while not self.stopping.is_set():
                try:
                    event, data = listener.get(timeout=0.5)
                except queue.Empty:
                    idle += 0.5
                    if idle >= HEARTBEAT_SECONDS:  # notices a page that went away
                        self.wfile.write(b": heartbeat\n\n")
                        self.wfile.flush()
                        idle = 0.0
                    continue
                self._event(event, data)
        except OSError:
            pass  # the page went away
        finally:
            self.state.unsubscribe(listener)

    def _event(self, name: str, data: str) -> None:
        lines = "".join(f"data: {line}\n" for line in (data or name).split("\n"))
        self.wfile.write(f"event: {name}\n{lines}\n".encode())
        self.wfile.flush()


def make_handler(state: PreviewState, base_path: str, stopping: threading.Event) -> type[PreviewHandler]:
    """A handler class serving `state` under `base_path` until `stopping` is set."""

    class Handler(PreviewHandler):
        pass

    Handler.state, Handler.base_path, Handler.stopping = state, base_path, stopping
    return Handler


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}


def _content_type(name: str) -> str:
    suffix = name[name.rfind(".") :] if "." in name else ""
    return _TYPES.get(suffix, "application/octet-stream")
