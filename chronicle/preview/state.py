"""What the preview server shows, shared by the thread that builds and those that serve: the
folder of the last good build, the errors, the open pages' event streams, and the pages shown
first while a build goes on."""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Messages = queue.Queue[tuple[str, str]]


@dataclass(frozen=True, eq=False)
class Listener:
    """An open page's event stream: its messages, and the output path of the page
    ("events/x/index.html"; "" when it did not say)."""

    messages: Messages
    page: str = ""


@dataclass
class PreviewState:
    """What the server shows: the folder of the last good build, its number, and the current errors."""

    folder: Path | None = None
    errors: str = ""
    notices: frozenset[tuple[str, str]] = frozenset()
    """The notices the last build told, (where, what): a notice asks for nothing, so the next
    build tells only those it did not."""
    build: int = 0
    listeners: list[Listener] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    shown: Mapping[str, bytes] | None = None
    """While a build goes on after its open pages were shown: those pages by output path."""
    settled: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, event: str, data: str = "") -> None:
        with self.lock:
            for listener in self.listeners:
                listener.messages.put((event, data))

    def subscribe(self, page: str = "") -> Listener:
        listener = Listener(queue.Queue(), page)
        with self.lock:
            self.listeners.append(listener)
        return listener

    def unsubscribe(self, listener: Listener) -> None:
        with self.lock:
            if listener in self.listeners:
                self.listeners.remove(listener)

    def open_pages(self) -> set[str]:
        """The output paths of the pages open now."""
        with self.lock:
            return {listener.page for listener in self.listeners if listener.page}

    def show_first(self, pages: Mapping[str, bytes]) -> None:
        """Serves `pages` and reloads the open pages, before the build that made them ends;
        every other page is served once it has (`settle`). The content they were made from
        has no errors: a page that connects now is told so (a later failure says otherwise)."""
        with self.settled:
            self.shown = dict(pages)
            self.build += 1
            self.errors = ""
        self.publish("ok")
        self.publish("reload")

    def settle(self) -> None:
        """The build is over (written, or failed): every file is served from the folder again."""
        with self.settled:
            self.shown = None
            self.settled.notify_all()

    def wait_until_settled(self, timeout: float) -> None:
        with self.settled:
            self.settled.wait_for(lambda: self.shown is None, timeout)
