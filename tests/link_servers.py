"""Local HTTP servers for the `links` tests: each answers its paths as told and records every
request (method, path, user agent, when it started and ended). Nothing leaves 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Route:
    """How a path answers: `status` (with `location` for a redirect; "/x" is on the same
    server); `head_status` where HEAD gets another answer, or `head_drops`: HEAD gets no answer,
    the connection is closed; `sleep` seconds before answering (`head_sleep` more for HEAD);
    `retry_after`: the Retry-After header it sends."""

    status: int = 200
    location: str | None = None
    head_status: int | None = None
    head_drops: bool = False
    sleep: float = 0.0
    head_sleep: float = 0.0
    retry_after: str | None = None


@dataclass(frozen=True)
class Request:
    """A request as the server saw it: `started` when it came in, `ended` just before the
    answer was sent (time.monotonic())."""

    method: str
    path: str
    user_agent: str
    started: float
    ended: float


@dataclass
class LocalHost:
    """One server on 127.0.0.1 at a port of its own."""

    routes: Mapping[str, Route]
    requests: list[Request] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def asked(self, method: str | None = None) -> list[str]:
        """The paths asked, in the order the requests started (of one method, if given)."""
        ordered = sorted(self.requests, key=lambda request: request.started)
        return [request.path for request in ordered if method in (None, request.method)]


def _handler(host: LocalHost) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_HEAD(self) -> None:
            self._answer("HEAD")

        def do_GET(self) -> None:
            self._answer("GET")

        def _answer(self, method: str) -> None:
            started = time.monotonic()
            route = host.routes.get(self.path.split("?")[0], Route(404))
            time.sleep(route.sleep + (route.head_sleep if method == "HEAD" else 0.0))
            if method == "HEAD" and route.head_drops:
                host.requests.append(Request(method, self.path, "", started, time.monotonic()))
                self.close_connection = True
                return
            status = route.head_status if method == "HEAD" and route.head_status else route.status
            body = b"<!doctype html><title>page</title>"
            ended = time.monotonic()  # before the client can have the answer
            # Recorded before answering: once the client has its answer, the test reads this list.
            agent = self.headers.get("User-Agent", "")
            host.requests.append(Request(method, self.path, agent, started, ended))
            self.send_response(status)
            if route.location is not None:
                self.send_header("Location", route.location)
            if route.retry_after is not None:
                self.send_header("Retry-After", route.retry_after)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method == "GET":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a timeout under test) closes the socket under the handler


@contextmanager
def local_hosts(**routes: Mapping[str, Route]) -> Iterator[dict[str, LocalHost]]:
    """Servers by name, each answering its routes, stopped on leaving."""
    hosts = {name: LocalHost(paths) for name, paths in routes.items()}
    threads = []
    for host in hosts.values():
        host.server = _QuietServer(("127.0.0.1", 0), _handler(host))
        thread = threading.Thread(target=host.server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        threads.append(thread)
    try:
        yield hosts
    finally:
        for host in hosts.values():
            assert host.server is not None
            host.server.shutdown()
            host.server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
