"""Whole files rendered in memory, for tests: what the build writes piece by piece."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt

from chronicle.build import swap, write
from chronicle.build.cache import BuildState
from chronicle.build.heap import one_build
from chronicle.build.plan import plan_site
from chronicle.build.session import provenance
from chronicle.build.write import DuplicateOutputError, joined
from chronicle.model.records import Site
from chronicle.render.calendar import calendar_chunks
from chronicle.render.events_csv import events_csv_chunks
from chronicle.render.events_json import events_json_chunks
from chronicle.render.feeds import EntryText, FeedFormat, feed_chunks, subject_feed_chunks
from chronicle.render.timelinejs_export import timelinejs_chunks
from chronicle.timeline.assemble import in_chronology, with_indexes
from chronicle.timeline.markdown import make_markdown, render_markdown
from chronicle.timeline.views import EventView, Listing, Timeline


def timeline_of(site: Site) -> Timeline:
    """The timeline pages are rendered from (markdown rendered here, no cache)."""
    return with_indexes(in_chronology(site, make_markdown()))


def render_site(site: Site, root: Path, jobs: int = 1) -> dict[str, bytes]:
    """Every output file in memory (no cache, nothing written)."""
    with one_build():
        plan = plan_site(site, root, BuildState(""), provenance(site), jobs)
        return {item.path: joined(item.render()[0]) for item in plan.files}


def render_plain(md: MarkdownIt, source: str) -> str:
    return render_markdown(md, source, "").text


def render_calendar(timeline: Timeline) -> bytes:
    return b"".join(calendar_chunks(timeline))


def render_events_json(timeline: Timeline) -> bytes:
    return b"".join(events_json_chunks(timeline))


def render_events_csv(timeline: Timeline) -> bytes:
    return b"".join(events_csv_chunks(timeline))


def render_timelinejs(timeline: Timeline) -> bytes:
    return b"".join(timelinejs_chunks(timeline))


def render_feed(
    timeline: Timeline,
    kind: FeedFormat,
    events: Sequence[EventView] | None = None,
    title_suffix: str = "",
    path: str = "",
    entry_text: EntryText | None = None,
) -> bytes:
    return b"".join(feed_chunks(timeline, kind, events, title_suffix, path, entry_text))


def render_feeds(
    timeline: Timeline, events: Sequence[EventView] | None = None, title_suffix: str = "", path: str = ""
) -> tuple[bytes, bytes]:
    """(RSS, Atom) for `events` (default: all), each linking itself at `path`feed.xml/atom.xml."""
    return (
        render_feed(timeline, "rss", events, title_suffix, path),
        render_feed(timeline, "atom", events, title_suffix, path),
    )


def render_subject_feed(
    timeline: Timeline, kind: FeedFormat, listing: Listing, entry_text: EntryText | None = None
) -> bytes:
    return b"".join(subject_feed_chunks(timeline, kind, listing, entry_text))


def collect(files: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """Output path -> bytes, refusing to write one path twice."""
    collected: dict[str, bytes] = {}
    for path, data in files:
        if path in collected:
            raise DuplicateOutputError(path)
        collected[path] = data
    return collected


def write_output(files: dict[str, bytes], out: Path) -> None:
    """Write `files` into a new folder beside `out`, then swap it in."""
    # through the module, so that a test may stand in for write_file
    swap.swap_in(
        out, lambda staging: [write.write_file(staging, path, data) for path, data in sorted(files.items())]
    )
