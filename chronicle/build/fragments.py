"""Each event's fragments: its rendered summary, its cards and its part of every
whole-timeline file (feed entries, dataset record, CSV row, slide, calendar event, search
entry), made once per event in the workers and kept in the build cache under the event's
key, so that a rebuild remakes only the changed events' fragments and every page and file
that shows an event reuses them.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import jinja2
from markdown_it import MarkdownIt

from chronicle.build.cache import BuildState, digest
from chronicle.build.parallel import fork_map_shares
from chronicle.model.records import Event, Site
from chronicle.render.pages import CardRenderer, card_store_key, template_key
from chronicle.timeline.markdown import RenderedMarkdown
from chronicle.timeline.views import EventView, Timeline, event_view, render_summary

# Where cards appear: the timeline (at the site root) and tag, actor and place pages.
CARD_PLACES = (("", "h4"), ("../../", "h2"))

Piece = Callable[[EventView], bytes]


@dataclass(frozen=True)
class EventFragments:
    """What is made of each event before any page: its summary, cards and pieces."""

    summary: RenderedMarkdown
    cards: tuple[str, ...]
    """One per place in CARD_PLACES."""
    pieces: tuple[bytes, ...]
    """One per kind in PIECE_KINDS."""
    card_key: str
    """What the cards show, with the card template (`_card_key`)."""


# Events made together, stage by stage (`make_event_fragments`): enough for each stage to
# find its code in the processor's caches, few enough that their views take little memory.
RUN = 64

PIECE_KINDS = ("rss", "atom", "record", "csv", "slide", "calendar", "search")


def _make_pieces(views: Sequence[EventView], base: str) -> list[tuple[bytes, ...]]:
    """Each event's part of every whole-timeline file (in PIECE_KINDS order): feed entries,
    dataset record, CSV row, slide, calendar event, search entry; made kind by kind."""
    from chronicle.render import exports
    from chronicle.render.calendar import calendar_text
    from chronicle.render.feeds import entry_xmls
    from chronicle.render.search import index_entry

    entries = [entry_xmls(view, base) for view in views]
    records = [exports.event_record(view, base) for view in views]
    rows = [exports.csv_row_text(view, base) for view in views]
    slides = [exports.slide_record(view, base) for view in views]
    calendar = [calendar_text(view, base) for view in views]
    search = [index_entry(view) for view in views]
    return [
        (*entry, *rest) for entry, *rest in zip(entries, records, rows, slides, calendar, search, strict=True)
    ]


def _summary_key(event: Event) -> str:
    # An event's key covers its file, so its summary and slug ("": an event made in memory).
    return f"summary:{event.key}" if event.key else digest("summary", event.slug, event.summary)


def _pieces_key(base: str, event_key: str) -> str:
    # The event's key is already a digest of all it depends on: no need to hash it again.
    return f"pieces:{base}:{event_key}"


def make_event_fragments(
    site: Site, md: MarkdownIt, env: jinja2.Environment, state: BuildState, jobs: int
) -> dict[str, EventFragments]:
    """Summary, cards and pieces of every event some part of which the cache lacks, made in
    one pass in the workers (a cold build makes them all; a rebuild, the changed events')."""
    store = state.fragments
    base = site.settings.base_url
    card_template = template_key(env, "card.html")

    def cached(event: Event) -> bool:
        if not event.key or _summary_key(event) not in store or _pieces_key(base, event.key) not in store:
            return False
        shown = store.get(_card_memo_key(card_template, event.key))
        if shown is None:
            return False
        return all(card_store_key(shown, root, heading) in store for root, heading in CARD_PLACES)

    missing = [event for event in site.events if not cached(event)]
    if not missing:
        return {}
    card = env.get_template("card.html")
    # once, not once per worker
    for module in ("render.exports", "render.feeds", "render.calendar", "render.search"):
        importlib.import_module(f"chronicle.{module}")

    def make(events: Sequence[Event]) -> list[EventFragments]:
        # Stage by stage over a run of events, not event by event: each stage's code and
        # data then stay in the processor's caches (a fifth less CPU time, measured).
        summaries = [render_summary(md, event) for event in events]
        views = [event_view(event, site, summary) for event, summary in zip(events, summaries, strict=True)]
        cards = [
            [card.render(view=view, root=root, heading=heading) for view in views]
            for root, heading in CARD_PLACES
        ]
        pieces = _make_pieces(views, base)
        card_keys = [_card_key(view, card_template) for view in views]
        return [
            EventFragments(summary, tuple(place[index] for place in cards), pieces[index], card_keys[index])
            for index, summary in enumerate(summaries)
        ]

    def make_in_runs(events: Sequence[Event]) -> list[EventFragments]:
        # One process's whole share comes at once when there is one process.
        return [made for start in range(0, len(events), RUN) for made in make(events[start : start + RUN])]

    made = fork_map_shares(make_in_runs, missing, jobs)
    return {event.slug: fragments for event, fragments in zip(missing, made, strict=True)}


def stored_summaries(
    site: Site, state: BuildState, made: dict[str, EventFragments], used: set[str]
) -> dict[str, RenderedMarkdown]:
    """Every event's rendered summary: made now, or from the cache."""
    keys = {event.slug: _summary_key(event) for event in site.events}
    for slug, fragments in made.items():
        state.fragments[keys[slug]] = (fragments.summary.parts, fragments.summary.text)
    used.update(keys.values())
    return {slug: RenderedMarkdown(*state.fragments[key]) for slug, key in keys.items()}


def event_pieces(
    timeline: Timeline,
    event_keys: Mapping[str, str],
    state: BuildState,
    made: dict[str, EventFragments],
    used: set[str],
) -> dict[str, Piece]:
    """Piece makers that return each event's piece made now or kept in the cache (one cache
    entry per event holds all its pieces): a rebuild joins the unchanged events' pieces as
    they were."""
    base = timeline.site.settings.base_url
    keys = {view.slug: _pieces_key(base, event_keys[view.slug]) for view in timeline.events}
    used.update(keys.values())
    store = state.fragments
    for slug, fragments in made.items():
        store[keys[slug]] = fragments.pieces
    by_slug: dict[str, tuple[bytes, ...]] = {slug: store[key] for slug, key in keys.items()}

    def lookup(index: int) -> Piece:
        return lambda view: by_slug[view.slug][index]

    return {kind: lookup(index) for index, kind in enumerate(PIECE_KINDS)}


def store_cards(
    cards: CardRenderer, timeline: Timeline, made: dict[str, EventFragments], used: set[str]
) -> None:
    """Keep the cards made now under their keys, so that every page finds them ready."""
    for view in timeline.events:
        for place, (root, heading) in enumerate(CARD_PLACES):
            key = cards.key(view, root, heading)
            used.add(key)
            if key not in cards.store:
                fragments = made.get(view.slug)
                cards.store[key] = fragments.cards[place] if fragments else cards.render(view, root, heading)


def remembered_card_key(
    view: EventView, card_template: str, state: BuildState, made: dict[str, EventFragments], used: set[str]
) -> str:
    """The key of an event's card, kept in the cache under the event's own key and the
    template's (made in the workers with the rest of the event's fragments)."""
    if not view.event.key:
        return _card_key(view, card_template)
    memo_key = _card_memo_key(card_template, view.event.key)
    used.add(memo_key)
    if memo_key not in state.fragments:
        fragments = made.get(view.slug)
        state.fragments[memo_key] = fragments.card_key if fragments else _card_key(view, card_template)
    return str(state.fragments[memo_key])


def _card_memo_key(card_template: str, event_key: str) -> str:
    return f"cardkey:{card_template}:{event_key}"


def _card_key(view: EventView, card_template: str) -> str:
    """What a card shows (the event without its sources and claims, only their number), and
    the card template's key."""
    shown = dataclasses.replace(view.event, sources=(), claims=(), history=(), key="")
    names = [(entity.id, entity.name) for entity in (*view.actors, *view.places)]
    shows = (shown, len(view.sources), len(view.claims), names, view.summary.parts)
    return digest(card_template, repr(shows))
