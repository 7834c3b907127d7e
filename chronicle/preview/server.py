"""Serve the last good build under the site's sub-path, with server-sent reload events.

A preview server on the loopback address, hardened as a small HTTP server should be: paths
are decoded once, checked and normalised before use, redirects carry only a re-encoded
path of this server, a foreign Host is refused (DNS rebinding), and connections are few,
bounded in time and in number."""

from __future__ import annotations

import html
import http.server
import ipaddress
import queue
import re
import socket
import threading
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, unquote, urlsplit

from chronicle.model.origins import browser_host
from chronicle.preview.state import PreviewState

RELOAD_SCRIPT = (Path(__file__).parent / "reload.js").read_bytes()
RELOAD_SRC = "/__chronicle/reload.js"
EVENTS_SRC = "/__chronicle/events"
THEME_ASSETS = "assets/"  # where the theme's static files go (render.assets)
HEARTBEAT_SECONDS = 15.0
BUILD_WAIT_SECONDS = 120.0  # a request waits this long at most for a build to end
IDLE_SECONDS = 30.0  # a connection that sends nothing for this long is closed (slowloris)
MAX_CONNECTIONS = 32  # served at once; one more gets 503 (a browser opens at most 6 per host)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^\[\]:@/\s]+)(?::[0-9]{1,5})?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_Request = socket.socket | tuple[bytes, socket.socket]


class BadRequest(ValueError):
    """A request target that names no file: not a path, not UTF-8, or holding a NUL."""


def decode_target(target: str) -> str:
    """The decoded path of a request target: "/a%20b/?q=1" -> "/a b/"."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        raise BadRequest("the request target is not a path")
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError as exc:
        raise BadRequest("the path is not UTF-8") from exc
    if "\0" in decoded:
        raise BadRequest("the path holds a NUL character")
    return decoded


def normalise(path: str) -> str:
    """A decoded path with one leading "/" and no empty, "." or ".." segment, its trailing "/"
    kept: "//a/./b/../" -> "/a/". What a redirect may point to, after `quote`."""
    segments = path.split("/")
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    trailing = segments[-1] in ("", ".", "..")
    return "/" + "/".join(kept) + ("/" if trailing and kept else "")


def url_path(path: str) -> str:
    """A decoded path as it goes in a URL or a Location header: normalised, percent-encoded,
    ASCII without control characters, never starting "//" or "/\\"."""
    return quote(normalise(path), safe="/")


def own_hosts(host: str) -> frozenset[str]:
    """The names a request's Host may give: the loopback ones and the one served on, as typed
    and as a browser writes it (a name that is not ASCII in its IDNA form: model.origins)."""
    name = host.strip("[]").lower()
    return LOOPBACK_NAMES | {name, browser_host(name).strip("[]")}


def host_allowed(header: str, own: frozenset[str]) -> bool:
    """Whether a Host header ("localhost:8000", "[::1]") names this server, port or not.

    A name not its own is refused (a page of evil.example resolved to 127.0.0.1 must not
    read the preview); an IP address is accepted, as no other site's page can be served
    under it (it lets --host 0.0.0.0 be visited by the machine's address)."""
    match = _HOST.fullmatch(header.strip().lower())
    if match is None:
        return False
    name = match[1].strip("[]")
    if name in own:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


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


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """One request: a file of the last good build, the reload script, or the reload event stream.

    What it serves comes from class attributes that `make_handler` sets on a subclass: the
    state, the decoded and normalised base path ("/my site/"), the event that stops event
    streams, and the host names of the server. One instance serves every request of a
    connection, so what is about one request is set anew for each."""

    state: ClassVar[PreviewState]
    base_path: ClassVar[str]
    stopping: ClassVar[threading.Event]
    hosts: ClassVar[frozenset[str]]
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS  # on the socket: an idle or trickling connection is closed
    head_only = False

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds and errors, not every request

    def do_GET(self) -> None:
        self.head_only = False
        self._respond()

    def do_HEAD(self) -> None:
        self.head_only = True
        self._respond()

    def _respond(self) -> None:
        refusal = self._host_refusal()
        if refusal is not None:
            self.close_connection = True
            self._text(refusal, "this preview server answers only requests naming it (Host: localhost)")
            return
        try:
            path = decode_target(self.path)
        except BadRequest as exc:
            self.close_connection = True
            self._text(400, f"bad request: {exc}")
            return
        canonical = normalise(path)
        if canonical == RELOAD_SRC:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif canonical == EVENTS_SRC:
            self._events()
        elif not canonical.startswith(self.base_path):
            self._redirect(302, self.base_path)
        elif canonical != path:
            self._redirect(301, canonical)
        else:
            self._file(canonical[len(self.base_path) :])

    def _host_refusal(self) -> int | None:
        """400 without exactly one Host (none is fine from HTTP/1.0, never from a browser),
        421 for a Host not naming this server, None for one that does."""
        given = self.headers.get_all("Host") or []
        if len(given) > 1 or (not given and self.request_version != "HTTP/1.0"):
            return 400
        if given and not host_allowed(given[0], self.hosts):
            return 421
        return None

    def _redirect(self, status: int, path: str) -> None:
        """A redirect to `path` (decoded) of this server, re-encoded: nothing else gets in the header."""
        self.send_response(status)
        self.send_header("Location", url_path(path))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode())

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)

    def _file(self, relative: str) -> None:
        """`relative` (decoded, normalised) in the last good build, or its 404 page. While a
        build goes on after showing the open pages first, those are served as shown, the
        theme's assets as they are (the pages are shown first only when the theme did not
        change), and anything else once the build is over: never a file it is replacing."""
        shown = self.state.shown
        if shown is not None:
            name = output_path(relative)
            page = shown.get(name)
            if page is not None:  # as any file of its name is served (the sitemap is no HTML)
                content_type = _content_type(name)
                html_page = content_type.startswith("text/html")
                self._send(200, content_type, inject_reload(page, self.state.build) if html_page else page)
                return
            if not relative.startswith(THEME_ASSETS) or self.state.folder is None:  # none yet
                self.state.wait_until_settled(BUILD_WAIT_SECONDS)
        folder = self.state.folder
        if folder is None:
            self._send(503, "text/html; charset=utf-8", no_build_page(self.state.errors))
            return
        target = _lookup(folder, relative)
        if target is not None and target.is_dir():
            self._redirect(301, self.base_path + relative + "/")
            return
        status = 200 if target is not None else 404
        target = target or folder / "404.html"
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
        if self.head_only:
            return
        listener = self.state.subscribe(self._open_page())
        try:
            self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly after a restart
            self._event("build", str(self.state.build))
            self._event("errors" if self.state.errors else "ok", self.state.errors)
            idle = 0.0
            while not self.stopping.is_set():
                try:
                    event, data = listener.messages.get(timeout=0.5)
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

    def _open_page(self) -> str:
        """The output path of the page whose event stream this is: its `page` parameter, the
        page's own path as the reload script gives it ("" when it names no page here)."""
        given = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        try:
            path = normalise(decode_target(given))
        except BadRequest:
            return ""
        return output_path(path[len(self.base_path) :]) if path.startswith(self.base_path) else ""

    def _event(self, name: str, data: str) -> None:
        """One event; its data a `data:` line per line of it, whatever ends the line (CR LF, CR
        or LF all end a line of an event stream, so none may stay inside a field)."""
        lines = "".join(f"data: {line}\n" for line in _LINE_BREAK.split(data or name))
        self.wfile.write(f"event: {name}\n{lines}\n".encode())
        self.wfile.flush()


def output_path(relative: str) -> str:
    """The output file a request's path (decoded, normalised, below the base path) names:
    "events/x/" -> "events/x/index.html"."""
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def _lookup(folder: Path, relative: str) -> Path | None:
    """The file `relative` names in `folder` (a folder's index.html), the folder itself when
    named without its trailing "/" (to redirect), None when there is none or it is outside."""
    try:
        root = folder.resolve()
        target = (folder / relative).resolve()
        if target != root and root not in target.parents:
            return None
        if target.is_dir():
            if relative and not relative.endswith("/"):
                return target
            target = target / "index.html"
        return target if target.is_file() else None
    except (OSError, ValueError):  # a name too long, a loop of links
        return None


class PreviewServer(http.server.ThreadingHTTPServer):
    """A thread a connection, at most MAX_CONNECTIONS at once: one more is answered 503."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], handler: type[PreviewHandler]) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: _Request, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            _refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: _Request, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class PreviewServer6(PreviewServer):
    address_family = socket.AF_INET6


def _refuse(request: _Request) -> None:
    """503 to a connection beyond the bound, from the accepting thread: it must not wait."""
    if isinstance(request, socket.socket):
        try:
            request.settimeout(0)
            request.send(
                b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
        except OSError:
            pass


def make_handler(
    state: PreviewState, base_path: str, stopping: threading.Event, host: str = "127.0.0.1"
) -> type[PreviewHandler]:
    """A handler class serving `state` under `base_path` (decoded) until `stopping` is set,
    to requests whose Host is `host`, a loopback name or an address."""

    class Handler(PreviewHandler):
        pass

    Handler.state, Handler.base_path, Handler.stopping = state, normalise(base_path + "/"), stopping
    Handler.hosts = own_hosts(host)
    return Handler


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}


def _content_type(name: str) -> str:
    suffix = name[name.rfind(".") :] if "." in name else ""
    return _TYPES.get(suffix, "application/octet-stream")
