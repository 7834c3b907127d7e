"""Each event's fragments, made before any page: its rendered summary, its cards and its part
of every whole-timeline file (feed entries, dataset record, CSV row, slide, calendar event).

Summaries and parts are made by the engine's own code from the event's view: they are kept
under the key of what they are made from (`summary_key`, `pieces_key`). Cards are rendered
by the theme: each is kept with the reads of its render (build.tracking), like a page.
Events lacking any fragment are made in one pass, in the workers, stage by stage.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt

from chronicle.build.cards import Cards, card_identity
from chronicle.build.keys import digest
from chronicle.build.parallel import fork_map_shares
from chronicle.build.tracking import Digests, Reads, Recorded, record
from chronicle.model.records import Event, Site
from chronicle.model.wording import ENGLISH, Wording
from chronicle.render.search.terms import event_words
from chronicle.timeline.assemble import Related, event_view, related_events, render_summary
from chronicle.timeline.markdown import RenderedMarkdown
from chronicle.timeline.views import EventView

Piece = Callable[[EventView], bytes]
PIECE_KINDS = ("rss", "atom", "record", "csv", "slide", "calendar")

# Events made together, stage by stage: enough for each stage to find its code in the
# processor's caches, few enough that their views take little memory.
RUN = 64


@dataclass(frozen=True)
class Card:
    """A rendered card and what its render read."""

    html: str
    reads: Recorded


@dataclass(frozen=True)
class EventFragments:
    summary: RenderedMarkdown
    cards: dict[str, Card]
    """By card identity, one per place in `Cards.places`."""
    pieces: tuple[bytes, ...]
    """One per kind in PIECE_KINDS."""
    search_words: str
    """The event's words for the search index (render.search.terms.event_words)."""


def summary_key(event: Event) -> str:
    """A summary is rendered from the event's slug (its links' base) and its markdown."""
    return "summary:" + digest(event.slug, event.summary)


def pieces_key(settings_version: str, event_version: str) -> str:
    return "pieces:" + digest(settings_version, event_version)


def search_words_key(pieces: str) -> str:
    """An event's words are made from its view, as its pieces are."""
    return "search-words:" + pieces.rpartition(":")[2]


def make_pieces(views: Sequence[EventView], base: str, wording: Wording = ENGLISH) -> list[tuple[bytes, ...]]:
    """Each event's part of every whole-timeline file (in PIECE_KINDS order), kind by kind."""
    from chronicle.render.calendar import calendar_text
    from chronicle.render.events_csv import csv_row_text
    from chronicle.render.events_json import event_record
    from chronicle.render.feeds import entry_xmls
    from chronicle.render.timelinejs_export import slide_record

    entries = [entry_xmls(view, base, wording) for view in views]
    records = [event_record(view, base) for view in views]
    rows = [csv_row_text(view, base) for view in views]
    slides = [slide_record(view, base, wording) for view in views]
    calendar = [calendar_text(view, base) for view in views]
    return [(*entry, *rest) for entry, *rest in zip(entries, records, rows, slides, calendar, strict=True)]


def make_fragments(
    site: Site,
    events: Sequence[Event],
    md: MarkdownIt,
    cards: Cards,
    versions: Mapping[str, str],
    jobs: int,
    lengths: Mapping[str, int] | None = None,
    linked: Related | None = None,
) -> list[EventFragments]:
    """Summary, cards and pieces of each of `events`, made in `jobs` workers (`versions`:
    those of the events' views; `lengths`: of the image copies the feeds attach; `linked`:
    the site's `related_events`, when made already)."""
    if not events:
        return []
    for module in (
        "render.events_json",
        "render.events_csv",
        "render.timelinejs_export",
        "render.feeds",
        "render.calendar",
    ):
        importlib.import_module(f"chronicle.{module}")  # once, not once per worker
    base = site.settings.base_url
    linked = related_events(site) if linked is None else linked

    def make(run: Sequence[Event]) -> list[EventFragments]:
        summaries = [render_summary(md, event) for event in run]
        views = [
            event_view(event, site, summary, linked, md, lengths)
            for event, summary in zip(run, summaries, strict=True)
        ]
        digests = Digests(_local_index(site, views), versions)
        made_cards = [_cards_of(view, cards, digests) for view in views]
        pieces = make_pieces(views, base, site.settings.wording)
        found = [event_words(view) for view in views]
        return [EventFragments(*parts) for parts in zip(summaries, made_cards, pieces, found, strict=True)]

    def make_in_runs(share: Sequence[Event]) -> list[EventFragments]:
        return [made for start in range(0, len(share), RUN) for made in make(share[start : start + RUN])]

    return fork_map_shares(make_in_runs, events, jobs)


def _cards_of(view: EventView, cards: Cards, digests: Digests) -> dict[str, Card]:
    made = {}
    for root, heading in cards.places:
        reads = Reads()
        html = cards.render(view, root, heading, reads)
        made[card_identity(view.slug, root, heading)] = Card(html, record(reads.by_view(), digests))
    return made


def _local_index(site: Site, views: Sequence[EventView]) -> dict[str, object]:
    """What a card's render can reach from its event: the view, its record, the entities."""
    index: dict[str, object] = {"settings": site.settings}
    for entity in (*site.actors.values(), *site.places.values()):
        index[entity.identity] = entity
    for view in views:
        index[view.identity] = view
        index[view.event.identity] = view.event
    return index
