"""Timeline -> RSS 2.0 and Atom feeds (feedgen): newest `added` first, ids that never change."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from feedgen.feed import FeedGenerator

from chronicle.timeline import EventView, Timeline


def feed_events(events: Sequence[EventView]) -> list[EventView]:
    """Newest added first; same-day additions in reverse chronological order, then by slug."""
    ordered = sorted(events, key=lambda view: view.slug)
    ordered.sort(key=lambda view: view.event.date.sort_key, reverse=True)
    ordered.sort(key=lambda view: view.event.added, reverse=True)
    return ordered


def entry_id(base_url: str, view: EventView) -> str:
    """The event's permalink: it depends only on the file name, never on the content."""
    return base_url + view.path


def render_feeds(
    timeline: Timeline, events: Sequence[EventView] | None = None, title_suffix: str = "", path: str = ""
) -> tuple[bytes, bytes]:
    """(RSS, Atom) for `events` (default: all), each linking itself at `path`feed.xml/atom.xml."""
    settings = timeline.site.settings
    base = settings.base_url
    chosen = feed_events(timeline.events if events is None else events)
    feed = FeedGenerator()
    feed.id(base + path)
    feed.title(settings.title + title_suffix)
    description = settings.description or settings.title
    feed.language(settings.language)
    if settings.author:
        feed.author({"name": settings.author})
    # The newest change, never the clock: two builds of the same content are identical.
    newest = _moment(max((_changed(view) for view in chosen), default=datetime.date(1970, 1, 1)))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    for view in chosen:
        entry = feed.add_entry(order="append")
        link = base + view.path
        entry.id(entry_id(base, view))
        entry.guid(entry_id(base, view), permalink=True)
        entry.title(f"{view.date_label}: {view.title}")
        entry.link(href=link, rel="alternate")
        html = str(view.summary.html(base))
        entry.summary(html, type="html")
        entry.published(_moment(view.event.added))
        entry.updated(_moment(_changed(view)))
        for tag in view.event.tags:
            entry.category(term=tag, label=tag.replace("-", " "))
    alternate = {"href": base + path, "rel": "alternate"}
    # feedgen takes the RSS <link> from the last link given: the site, not the feed itself.
    feed.link(
        [{"href": base + path + "feed.xml", "rel": "self", "type": "application/rss+xml"}, alternate],
        replace=True,
    )
    # RSS readers may render the channel description as HTML: give it as escaped text.
    feed.description(escape(description))
    rss = feed.rss_str(pretty=True)
    feed.subtitle(description)
    feed.link(
        [alternate, {"href": base + path + "atom.xml", "rel": "self", "type": "application/atom+xml"}],
        replace=True,
    )
    atom = feed.atom_str(pretty=True)
    return rss, atom


def _changed(view: EventView) -> datetime.date:
    return view.event.updated or view.event.added


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
