"""Benchmark: the time from a save to the reload of open pages, chronicle's `serve` against `hugo server`.

    python bench/serve_reload.py [--events 2000 [20000 ...]] [--runs 7]

For each N, on copies of bench/run.py's generated sites (bench/out/n{N}-seed1/serve-site and
serve-hugo, made once), both servers run side by side; --runs times, in turn, one event's
summary gets a new sentence in each copy, timed from just before the write to the reload
message arriving at a client connected as a page open on that event is (its page fetched,
then chronicle's server-sent events naming it, Hugo's livereload websocket), beside what
each server prints for the rebuild. It prints a
markdown table and the issue's targets. See bench/README.md.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO
from urllib.parse import quote, urlsplit

from run import (
    BUILD,
    OUT,
    BenchError,
    EventEdit,
    SetAside,
    check_dependencies,
    ensure_hugo,
    ensure_sites,
    hugo_version,
    machine,
    say,
    use_engine,
)

TARGETS = {2000: 0.1, 20000: 0.5}  # issue 26: chronicle's median save-to-reload, seconds
PAUSE = 1.0  # seconds between edits: each server is idle again before the next
WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3
HUGO_IGNORED = ("public", "resources", ".hugo_build.lock")


class Server:
    """A server in a subprocess (its own session: Ctrl-C reaches only this script, which
    stops it); its output collected line by line, and written to bench/out/logs/ at the end."""

    def __init__(self, command: list[str], log: Path, cwd: Path | None = None) -> None:
        self.log = log
        self.lines: list[str] = []
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        threading.Thread(target=self._collect, args=(self.process.stdout,), daemon=True).start()

    def _collect(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line)

    def wait_for(self, pattern: str, timeout: float, after: int = 0) -> re.Match[str]:
        """The first match of `pattern` in a line from line `after` on, waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines[after:]:
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None or time.monotonic() > deadline:
                time.sleep(0.2)  # let the reader finish
                tail = "".join(self.lines[-15:])
                state = (
                    f"exited {self.process.returncode}" if self.process.poll() is not None else "timed out"
                )
                raise BenchError(f"{self.log.stem}: {state} waiting for /{pattern}/:\n{tail}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.log.write_text("".join(self.lines))


@dataclass
class Client:
    """Messages from a server as an open page gets them: (time.perf_counter(), text) each,
    read on a thread as they arrive."""

    arrivals: queue.Queue[tuple[float, str]] = field(default_factory=queue.Queue)

    def drain(self) -> list[str]:
        left = []
        while not self.arrivals.empty():
            left.append(self.arrivals.get_nowait()[1])
        return left

    def wait_for(self, wanted: Callable[[str], bool], timeout: float) -> float:
        """When the first wanted message arrived (others are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                arrived, text = self.arrivals.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty as exc:
                raise BenchError(f"no reload within {timeout:.0f} s of the edit") from exc
            if text.startswith("errors"):
                raise BenchError(f"the edit broke the build: {text}")
            if wanted(text):
                return arrived


def visit(host: str, port: int, path: str) -> None:
    """GETs a page as a browser opening it would (each server learns which pages are open:
    chronicle's from the event stream's `page`, Hugo's from the pages it served)."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise BenchError(f"GET {path} answered {response.status}")
    finally:
        connection.close()


class EventStream(Client):
    """chronicle's server-sent events (/__chronicle/events), one message per event name, as
    the page at `page` opens them."""

    def __init__(self, host: str, port: int, page: str) -> None:
        super().__init__()
        visit(host, port, page)
        self.connection = http.client.HTTPConnection(host, port)
        self.connection.request("GET", "/__chronicle/events?page=" + quote(page, safe=""))
        response = self.connection.getresponse()
        if response.status != 200:
            raise BenchError(f"chronicle's event stream answered {response.status}")
        threading.Thread(target=self._read, args=(response,), daemon=True).start()

    def _read(self, response: http.client.HTTPResponse) -> None:
        try:
            for line in response.fp:
                if line.startswith(b"event: "):
                    self.arrivals.put((time.perf_counter(), line[7:].decode().strip()))
        except (OSError, ValueError):
            pass  # the server stopped


class LiveReload(Client):
    """Hugo's livereload websocket, with the least of RFC 6455 a client needs: the opening
    handshake, the protocol's hello as one masked text frame, then the server's frames
    (unmasked) read one by one; each text frame is a message."""

    def __init__(self, host: str, port: int, path: str, page: str) -> None:
        super().__init__()
        visit(host, port, page)
        self.socket = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        self.stream = self.socket.makefile("rb")
        head = b"".join(iter(self.stream.readline, b"\r\n")).decode(errors="replace")
        accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()
        if not head.startswith("HTTP/1.1 101") or accept not in head:
            raise BenchError(f"Hugo's livereload at {path} refused the websocket:\n{head}")
        self.socket.settimeout(None)
        self.send('{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}')
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, text: str, opcode: int = 0x1) -> None:
        data, mask = text.encode(), os.urandom(4)
        length = (
            bytes([0x80 | len(data)])
            if len(data) < 126
            else bytes([0x80 | 126]) + struct.pack("!H", len(data))
        )
        self.socket.sendall(
            bytes([0x80 | opcode]) + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        )

    def _read(self) -> None:
        try:
            while True:
                first, second = self.stream.read(2)
                length = second & 0x7F
                if length >= 126:
                    size = 2 if length == 126 else 8
                    length = int.from_bytes(self.stream.read(size), "big")
                payload = self.stream.read(length)
                opcode = first & 0x0F
                if opcode == 0x1:
                    self.arrivals.put((time.perf_counter(), payload.decode()))
                elif opcode == 0x9:
                    self.send(payload.decode(errors="replace"), opcode=0xA)  # ping: pong
                elif opcode == 0x8:
                    return
        except (OSError, ValueError):
            pass  # the server stopped


class HugoEventEdit:
    """The same edit as `EventEdit`, on the Hugo site's copy of that event: the sentence as a
    new line at the end of its summary (the Markdown after the front matter)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_bytes()

    def apply(self, sentence: str) -> None:
        self.path.write_bytes(self.original.rstrip(b"\n") + f"\n{sentence}\n".encode())

    def revert(self) -> None:
        if self.path.read_bytes() != self.original:
            self.path.write_bytes(self.original)


@dataclass
class Subject:
    """One server under test: how to edit, how to hear the reload, what it prints."""

    label: str
    server: Server
    client: Client
    edit: EventEdit | HugoEventEdit
    is_reload: Callable[[str], bool]
    printed: dict[str, tuple[str, float]]  # row name -> (pattern with the figure as group 1, to seconds)
    figures: dict[str, list[float]] = field(default_factory=dict)
    stray: int = 0

    def time_one_edit(self, sentence: str, timeout: float) -> None:
        self.stray += sum(self.is_reload(text) for text in self.client.drain())
        mark = len(self.server.lines)
        started = time.perf_counter()
        self.edit.apply(sentence)
        arrived = self.client.wait_for(self.is_reload, timeout)
        self.figures.setdefault("client", []).append(arrived - started)
        for row, (pattern, scale) in self.printed.items():
            match = self.server.wait_for(pattern, timeout, after=mark)
            self.figures.setdefault(row, []).append(float(match[1]) * scale)


# ---------------------------------------------------------------------------------------------
# The sites and the servers


def copies(folder: Path, site: Path, hugo: Path) -> tuple[Path, Path]:
    """The copies the servers run on, made once beside the generated sites (the generated
    ones stay as bench/run.py measures them)."""
    site_copy, hugo_copy = folder / "serve-site", folder / "serve-hugo"
    for source, copy, ignored in ((site, site_copy, ()), (hugo, hugo_copy, HUGO_IGNORED)):
        if not copy.is_dir():
            say(f"copying {source.name}/ to {copy.name}/ ...")
            partial = copy.with_name(copy.name + ".partial")
            shutil.rmtree(partial, ignore_errors=True)
            shutil.copytree(source, partial, symlinks=True, ignore=shutil.ignore_patterns(*ignored))
            partial.rename(copy)
    return site_copy, hugo_copy


def restore(copy: Path, source: Path) -> None:
    """A file of a copy as generated again (an earlier run may have been killed mid-edit)."""
    if copy.read_bytes() != source.read_bytes():
        copy.write_bytes(source.read_bytes())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_chronicle(site: Path, event: str, events: int, timeout: float, started: list[Server]) -> Subject:
    log = OUT / "logs" / f"serve-reload-n{events}-chronicle.log"
    server = Server([sys.executable, str(BUILD), "serve", "--root", str(site), "--port", "0"], log)
    started.append(server)
    url = urlsplit(server.wait_for(r"serving (http://\S+) ", timeout)[1])
    return Subject(
        "chronicle serve",
        server,
        EventStream(url.hostname or "127.0.0.1", url.port or 80, f"{url.path}events/{event}/"),
        EventEdit(site),
        lambda text: text == "reload",
        {
            "printed save-to-reload": (r"^rebuilt: .*\(saved to reload: ([0-9.]+) s[,)]", 1.0),
            "printed build": (r"^rebuilt: \d+ events in ([0-9.]+) s \(", 1.0),
        },
    )


def start_hugo(
    binary: Path, site: Path, event: str, events: int, args: argparse.Namespace, started: list[Server]
) -> Subject:
    log = OUT / "logs" / f"serve-reload-n{events}-hugo.log"
    command = [
        str(binary),
        "server",
        "--source",
        str(site),
        "--port",
        str(free_port()),
        "--bind",
        "127.0.0.1",
    ]
    if args.hugo_render_to_memory:
        command.append("--renderToMemory")
    server = Server(command, log)
    started.append(server)
    url = urlsplit(server.wait_for(r"Web Server is available at (http://\S+)", args.timeout)[1])
    return Subject(
        "hugo server",
        server,
        # The page's script asks for livereload under the site's path (/bench-timeline/livereload).
        LiveReload(
            "127.0.0.1", url.port or 1313, url.path.rstrip("/") + "/livereload", f"{url.path}events/{event}/"
        ),
        HugoEventEdit(site / "content" / "events" / f"{event}.md"),
        lambda text: '"command":"reload"' in text,
        {"printed build": (r"Total in ([0-9.]+) ms", 0.001)},
    )


def measure_n(
    events: int, runs: int, hugo: Path, args: argparse.Namespace, set_aside: SetAside
) -> list[Subject]:
    sites = ensure_sites(events, args.seed, args.timeout, set_aside)
    site, hugo_site = copies(sites.folder, sites.site, sites.hugo)
    event = EventEdit(sites.site).path
    restore(site / "content" / "events" / event.name, event)
    restore(
        hugo_site / "content" / "events" / f"{event.stem}.md",
        sites.hugo / "content" / "events" / f"{event.stem}.md",
    )
    subjects: list[Subject] = []
    started: list[Server] = []
    try:
        say(f"N={events:,}: starting chronicle serve and hugo server (their first builds) ...")
        subjects.append(start_chronicle(site, event.stem, events, args.timeout, started))
        subjects.append(start_hugo(hugo, hugo_site, event.stem, events, args, started))
        time.sleep(PAUSE)
        stamp = time.strftime("%Y%m%d%H%M%S")  # never built before: no cache has it
        for run in range(runs):
            for subject in subjects[run % 2 :] + subjects[: run % 2]:  # each goes first in turn
                subject.time_one_edit(f"Revised in serve benchmark {stamp}, edit {run + 1}.", args.timeout)
                time.sleep(PAUSE)
            say(
                f"  edit {run + 1}/{runs}: "
                + ", ".join(f"{s.label} {s.figures['client'][-1]:.3f} s" for s in subjects)
            )
        for subject in subjects:
            subject.stray += sum(subject.is_reload(text) for text in subject.client.drain())
    finally:
        for server in started:
            server.stop()
        for subject in subjects:
            subject.edit.revert()
    return subjects


# ---------------------------------------------------------------------------------------------
# The table


def table(events: int, runs: int, subjects: list[Subject]) -> tuple[list[str], bool | None]:
    ours, hugo = subjects
    rows = [
        (ours, "client", "save → reload event at the page", "client"),
        (ours, "printed save-to-reload", "printed `saved to reload`", "client"),
        (ours, "printed build", "printed build time (`in X s`)", "printed build"),
        (hugo, "client", "save → livereload `reload` at the page", None),
        (hugo, "printed build", "printed `Total in N ms`", None),
    ]
    lines = [
        f"N = {events:,} events, {runs} edit{'s' if runs != 1 else ''} each, the servers taking turns",
        "",
        "| server | figure | median | low | high | vs Hugo |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for subject, row, label, versus in rows:
        values = subject.figures[row]
        ratio = (
            f"{statistics.median(values) / statistics.median(hugo.figures[versus]):.2f}×" if versus else ""
        )
        lines.append(
            f"| {subject.label} | {label} | {statistics.median(values):.3f} s | {min(values):.3f} s | "
            f"{max(values):.3f} s | {ratio} |"
        )
    lines.append("")
    for subject in subjects:
        if subject.stray:
            lines.append(f"Note: {subject.label} sent {subject.stray} more reload(s) than edits.")
    median = statistics.median(ours.figures["client"])
    target = TARGETS.get(events)
    if target is None:
        lines.append(
            f"- INFO  N={events:,}: chronicle median save → reload {median:.3f} s (no target at this N)"
        )
        return lines, None
    ok = median <= target
    verdict = "PASS" if ok else "FAIL"
    lines.append(f"- {verdict}  N={events:,}: chronicle median save → reload ≤ {target} s: {median:.3f} s")
    return lines, ok


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[2000], help="event counts (default 2000)")
    parser.add_argument("--runs", type=int, default=7, help="edits timed per server and N (default 7)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--timeout", type=float, default=1200.0, help="limit for one wait, s (default 1200)")
    parser.add_argument(
        "--hugo-render-to-memory", action="store_true", help="run hugo server with --renderToMemory"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or min(args.events) < 1:
        parser.error("--events and --runs must be at least 1")
    # Ctrl-C (even when started from a script that ignores it) and SIGTERM stop the servers and
    # put the edited files back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    set_aside = SetAside(OUT / "set-aside")
    report: list[str] = []
    verdicts: list[bool | None] = []
    try:
        check_dependencies()
        hugo = ensure_hugo(args.timeout)
        info = machine(hugo_version(hugo), use_engine(None, args.timeout))
        for events in args.events:
            subjects = measure_n(events, args.runs, hugo, args, set_aside)
            lines, ok = table(events, args.runs, subjects)
            report += [*lines, ""]
            verdicts.append(ok)
    except BenchError as exc:
        say(f"benchmark error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted: servers stopped, edited files put back")
        return 130
    finally:
        set_aside.empty()
    say("")
    say("\n".join([*(f"- {key}: {value}" for key, value in info.items()), "", *report]).rstrip())
    return 3 if False in verdicts else 0


if __name__ == "__main__":
    sys.exit(main())
