"""Serve the last good build under the site's sub-path, with server-sent reload events."""

from __future__ import annotations

import http.server
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

RELOAD_SCRIPT = (Path(__file__).parent / "reload.js").read_bytes()
RELOAD_TAG = b'<script src="/__chronicle/reload.js"></script>'


@dataclass
class PreviewState:
    """What the server shows: the folder of the last good build and the current errors."""

    folder: Path | None = None
    errors: str = ""
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


def make_handler(
    state: PreviewState, base_path: str, stopping: threading.Event
) -> Callable[..., http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows builds and errors, not every request

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == "/__chronicle/reload.js":
                self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
            elif path == "/__chronicle/events":
                self._events()
            elif not path.startswith(base_path):
                self.send_response(302)
                self.send_header("Location", base_path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._file(path[len(base_path) :])

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _file(self, relative: str) -> None:
            folder = state.folder
            if folder is None:
                body = ("No successful build yet.\n\n" + state.errors).encode()
                self._send(503, "text/plain; charset=utf-8", body + b"\n" + RELOAD_TAG)
                return
            target = (folder / relative).resolve()
            if target.is_dir():
                if relative and not relative.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", base_path + relative + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            inside = folder.resolve() in target.parents
            if not inside or not target.is_file():
                target, status = folder / "404.html", 404
            else:
                status = 200
            body = target.read_bytes() if target.is_file() else b"not found"
            content_type = _content_type(target.name)
            if content_type.startswith("text/html"):
                body = body.replace(b"</body>", RELOAD_TAG + b"</body>", 1)
            self._send(status, content_type, body)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            listener = state.subscribe()
            try:
                if state.errors:
                    self._event("errors", state.errors)
                while not stopping.is_set():
                    try:
                        event, data = listener.get(timeout=0.5)
                    except queue.Empty:
                        continue
                    self._event(event, data)
            except OSError:
                pass  # the page went away
            finally:
                state.unsubscribe(listener)

        def _event(self, name: str, data: str) -> None:
            lines = "".join(f"data: {line}\n" for line in (data or name).split("\n"))
            self.wfile.write(f"event: {name}\n{lines}\n".encode())
            self.wfile.flush()

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
