"""Timeline -> RSS 2.0 and Atom feeds (feedgen): newest `added` first, ids that never change;
and the Atom feed of the corrections, newest first."""

from __future__ import annotations

import datetime
import email.utils
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Literal

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from chronicle.model.date_wording import N_
from chronicle.model.wording import ENGLISH, Wording
from chronicle.render.citations import citations_html
from chronicle.timeline.views import CorrectionView, EventView, Listing, Timeline


def feed_events(timeline: Timeline, events: Sequence[EventView]) -> list[EventView]:
    """`events` in the feeds' order (Timeline.feed_rank)."""
    rank = timeline.feed_rank
    return sorted(events, key=lambda view: rank[view.slug])


def entry_id(base_url: str, view: EventView) -> str:
    """The event's id: the permalink it was first published at (`EventView.first_path`). It
    depends only on file names, never on the content, and a renamed file keeps it."""
    return base_url + view.first_path


FeedFormat = Literal["rss", "atom"]
FEED_FILES: dict[FeedFormat, str] = {"rss": "feed.xml", "atom": "atom.xml"}


EntryText = Callable[[EventView, FeedFormat], bytes]


def feed_chunks(
    timeline: Timeline,
    kind: FeedFormat,
    events: Sequence[EventView] | None = None,
    title_suffix: str = "",
    path: str = "",
    entry_text: EntryText | None = None,
) -> list[bytes]:
    """One feed of `events` (default: all; the newest `feed_limit` of them) at `path` +
    feed.xml or atom.xml.

    feedgen writes the channel and, through `entry_xml`, every entry; the entries are
    joined into the channel as text, so that each event's entry is made once and reused
    by the main feed and by every tag, actor and place feed it appears in (`entry_text`
    may return a cached one).
    """
    settings = timeline.site.settings
    base = settings.base_url
    chosen = feed_events(timeline, timeline.events if events is None else events)[: settings.feed_limit]
    feed = FeedGenerator()
    feed.id(base + path)
    feed.title(settings.title + title_suffix)
    description = settings.description or settings.title
    feed.language(settings.language)
    # RFC 4287 asks for an author of an Atom feed whose entries have none: the site's title
    # stands for it when `author` is not set (RSS, which asks for none, shows no name).
    feed.author({"name": settings.author or settings.title})
    # The newest change, never the clock: two builds of the same content are identical.
    newest = _moment(max((_changed(view) for view in chosen), default=datetime.date(1970, 1, 1)))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    alternate = {"href": base + path, "rel": "alternate"}
    own = {"href": base + path + FEED_FILES[kind], "rel": "self", "type": f"application/{kind}+xml"}
    if kind == "rss":
        # feedgen takes the RSS <link> from the last link given: the site, not the feed itself;
        # and readers may render the channel description as HTML: give it as escaped text.
        feed.link([own, alternate], replace=True)
        feed.description(escape(description))
        channel, closing = _rfc2822_dated(bytes(feed.rss_str(pretty=True)), newest), b"</channel>"
    else:
        feed.link([alternate, own], replace=True)
        feed.subtitle(description)
        channel, closing = bytes(feed.atom_str(pretty=True)), b"</feed>"
    make = entry_text or (lambda view, kind: entry_xml(view, base, kind, settings.wording))
    head, _, tail = channel.rpartition(closing)
    return [head, *(make(view, kind) for view in chosen), closing + tail]


def entry_xml(view: EventView, base: str, kind: FeedFormat, wording: Wording = ENGLISH) -> bytes:
    """One event's <item> (RSS) or <entry> (Atom), made by feedgen, as UTF-8 XML."""
    rss, atom = entry_xmls(view, base, wording)
    return rss if kind == "rss" else atom


def entry_xmls(view: EventView, base: str, wording: Wording = ENGLISH) -> tuple[bytes, bytes]:
    """One event's RSS <item> and Atom <entry>, from one feedgen entry, as UTF-8 XML."""
    entry = FeedEntry()
    entry.id(entry_id(base, view))
    entry.guid(entry_id(base, view), permalink=True)
    entry.title(f"{view.date_label}: {view.title}")
    entry.link(href=base + view.path, rel="alternate")
    # The summary, then the sources as the event page cites them (quotes, translations, the
    # archived copy where the original is gone): a feed reader may never open the page.
    entry.summary(str(view.summary.html(base)) + citations_html(view.sources, base, wording), type="html")
    entry.published(_moment(view.event.added))
    entry.updated(_moment(_changed(view)))
    for tag in view.event.tags:
        entry.category(term=tag, label=tag.replace("-", " "))
    lead = view.lead_image
    enclosure = None
    if lead is not None:  # RSS <enclosure url length type>, Atom <link rel="enclosure">
        copy = lead.enclosure
        enclosure = {"href": base + copy.path, "rel": "enclosure", "type": copy.mime_type}
        enclosure["length"] = str(lead.enclosure_length)
        entry.enclosure(enclosure["href"], enclosure["length"], enclosure["type"])
    atom = entry.atom_entry()
    if enclosure is not None:
        _complete_link(atom, enclosure)
    item = entry.rss_entry()
    item.find("pubDate").text = rfc2822(_moment(view.event.added))
    return (
        bytes(etree.tostring(item, encoding="utf-8", pretty_print=True)),
        bytes(etree.tostring(atom, encoding="utf-8", pretty_print=True)),
    )


def _complete_link(entry: etree._Element, attributes: dict[str, str]) -> None:
    """Give the Atom <link> to `href` the attributes feedgen 1.0 leaves out of an entry's links
    (its loop reads them from the element it has just made, not from the link given)."""
    for link in entry.iter("{http://www.w3.org/2005/Atom}link", "link"):
        if link.get("href") == attributes["href"]:
            for name in ("rel", "type", "length"):
                link.set(name, attributes[name])


def _changed(view: EventView) -> datetime.date:
    return view.event.updated or view.event.added


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def rfc2822(moment: datetime.datetime) -> str:
    """An RSS date (RFC 2822, 3.3): the year in four digits or more. feedgen writes it with
    strftime's %Y, which gives year 5 as "5" (readers take it for 2005), 800 as "800"."""
    return email.utils.format_datetime(moment)


_LAST_BUILD_DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>")


def _rfc2822_dated(channel: bytes, newest: datetime.datetime) -> bytes:
    written = f"<lastBuildDate>{rfc2822(newest)}</lastBuildDate>".encode()
    return _LAST_BUILD_DATE.sub(lambda _match: written, channel, count=1)


SUBJECT_LABELS = {
    "tag": N_("Topic: %(name)s"),
    "actor": N_("Actor: %(name)s"),
    "place": N_("Place: %(name)s"),
}


def subject_feed_paths(listing: Listing) -> dict[FeedFormat, str]:
    """Where a tag's, actor's or place's own feeds go: beside its page, same file names."""
    return {kind: listing.path + name for kind, name in FEED_FILES.items()}


def subject_feed_chunks(
    timeline: Timeline, kind: FeedFormat, listing: Listing, entry_text: EntryText | None = None
) -> list[bytes]:
    wording = timeline.site.settings.wording
    suffix = " · " + wording.phrase(SUBJECT_LABELS[listing.kind], name=listing.name)
    return feed_chunks(timeline, kind, listing.events, suffix, listing.path, entry_text)


CORRECTIONS_FEED = "corrections.xml"
CORRECTIONS_PAGE = "corrections/"


def corrections_feed(timeline: Timeline) -> bytes:
    """The newest `feed_limit` corrections as an Atom feed, newest first: one entry per event
    and commit, whose id (the event's permalink and the correction's anchor) never changes."""
    settings = timeline.site.settings
    base = settings.base_url
    chosen = timeline.corrections[: settings.feed_limit]
    feed = FeedGenerator()
    feed.id(base + CORRECTIONS_PAGE)
    wording = settings.wording
    feed.title(f"{settings.title} · {wording.phrase('Corrections')}")
    feed.subtitle(
        wording.phrase("Every correction made to an entry of the timeline since it was added, newest first.")
    )
    feed.language(settings.language)
    # RFC 4287 asks for an author of the feed when its entries have none.
    feed.author({"name": settings.author or settings.title})
    # With no correction yet, the feed is as new as the timeline (an entry added is no correction).
    first = max((view.event.added for view in timeline.events), default=datetime.date(1970, 1, 1))
    newest = chosen[0].change.date if chosen else first
    feed.updated(_moment(newest))  # never the clock: the same history gives the same file
    feed.link(
        [
            {"href": base + CORRECTIONS_PAGE, "rel": "alternate"},
            {"href": base + CORRECTIONS_FEED, "rel": "self", "type": "application/atom+xml"},
        ],
        replace=True,
    )
    for correction in chosen:
        feed.add_entry(_correction_entry(correction, base, wording), order="append")
    return bytes(feed.atom_str(pretty=True))


def correction_id(base: str, correction: CorrectionView) -> str:
    """The event's permalink and the correction's anchor on its page: one per event and commit."""
    return f"{entry_id(base, correction.event)}#{correction.change.anchor}"


def _correction_entry(correction: CorrectionView, base: str, wording: Wording) -> FeedEntry:
    view, change = correction.event, correction.change
    permalink = base + view.path
    entry = FeedEntry()
    entry.id(correction_id(base, correction))
    entry.title(wording.phrase("Corrected: %(title)s", title=view.title))
    entry.link(href=permalink, rel="alternate")
    entry.updated(_moment(change.date))
    fields = change.changed_words(wording)
    changed = f"<p>{escape(wording.phrase('Changed: %(fields)s', fields=fields))}.</p>" if fields else ""
    link = f'<a href="{escape(permalink)}">{escape(view.title)}</a>'
    # The message escaped as text, then its placeholders filled with HTML: the link, the date escaped.
    corrected = escape(wording.gettext("The corrected entry: %(link)s (%(date)s).")) % {
        "link": link,
        "date": escape(view.date_label),
    }
    entry.content(f"<p>{escape(change.subject)}</p>{changed}<p>{corrected}</p>", type="html")
    return entry
