"""A plan: every output file of a site, with its key and its render, and what tells whether a
page's recorded reads still hold (build.plan makes it, build.output carries it out)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chronicle.build.splice import PieceSource
from chronicle.build.tracking import Checks, Digests, Recorded
from chronicle.build.write import Chunks
from chronicle.timeline.views import Timeline

Rendered = tuple[Chunks, Recorded | None]


@dataclass(frozen=True)
class OutputFile:
    """One file of the site: where it goes, its key, and how to make it (its bytes, and what
    its render read when it is a page of the theme)."""

    path: str
    key: str
    render: Callable[[], Rendered]
    whole: bool = False
    """Made from every event's pieces: rendered by the main process, which holds them (a
    worker would copy every page of memory it reads them from)."""
    origin: object = None
    """What makes it, where a page of the theme does (its render.pages.PageSpec): what the
    build names if two files claim one path."""


@dataclass
class Plan:
    """Every output file, and what tells whether a page's recorded reads still hold."""

    files: list[OutputFile]
    timeline: Timeline
    versions: dict[str, str]
    seen: Mapping[str, str]
    """The versions of the previous build."""
    digests: Digests
    pinned_first: bool = False
    used: set[str] = field(default_factory=set)

    checks: Checks | None = None
    previous: Mapping[str, Any] = field(default_factory=dict)
    """What the last build kept of each output file (BuildState.pages)."""
    pieces: PieceSource | None = None
    """Every event's piece of the whole-timeline files."""

    def still_true(self, recorded: Recorded) -> bool:
        """Whether what a page's render read is as it was (once every version is known)."""
        return self._checks().still_true(recorded)

    def changed(self) -> set[str]:
        """The views whose version is not the one the last build saw (once every version is known)."""
        return self._checks().changed

    def _checks(self) -> Checks:
        if self.checks is None:
            self.checks = Checks(self.versions, self.seen, self.digests)
        return self.checks
