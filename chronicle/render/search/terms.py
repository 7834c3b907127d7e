"""An event -> the keys it is found by in the search index: its words and its facets
(topic, actor, place, year).

Keys live in one sorted space (search.shards): a word as it is (`kursk`), a facet after `#`,
which no word has (a word is letters, digits and marks only: see search.words):
`#tag:military`, `#actor:kim-jong-un`, `#place:kursk`, `#year:2025`. The words beginning with
a text lie side by side in that order, so a word is found by its beginning too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from chronicle.render.search.words import words
from chronicle.timeline.views import EventView

FACET = "#"


def searchable_parts(view: EventView) -> Iterator[str]:
    """The event's own text a reader may search it by: title, summary, date, topics, quotes
    and their translations, publishers and disputed figures, each a part of its own. Its
    actors and places (names and aliases) are found by `entity_words`."""
    yield view.title
    yield view.summary_text
    yield view.date_label
    for tag in view.event.tags:
        yield tag.replace("-", " ")
    for source in view.sources:
        yield from (text for text in (source.quote, source.translation, source.publisher) if text)
    for claim in view.every_claim:
        yield claim.about
        for value in claim.values:
            yield value.value
            yield value.according_to
            yield from (text for text in (value.source.quote, value.source.translation) if text)


def facets(view: EventView, years: Iterable[int]) -> Iterator[str]:
    """The event's facet keys: its topics, actors and places, and each of `years` (those the
    timeline lists) that its dates may reach."""
    event = view.event
    for tag in event.tags:
        yield f"{FACET}tag:{tag}"
    for actor in view.actors:
        yield f"{FACET}actor:{actor.id}"
    for place in view.places:
        yield f"{FACET}place:{place.id}"
    first, last = view.year, view.last_year
    for year in years:
        if first <= year <= last:
            yield f"{FACET}year:{year}"


def word_keys(parts: Iterable[str]) -> set[str]:
    """The distinct words of a text in parts."""
    keys: set[str] = set()
    for part in parts:
        keys.update(words(part))
    return keys


@lru_cache(maxsize=4096)
def entity_words(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """The words of an actor or a place (its name and aliases): folded once per build, not
    once per event naming it (an actor most events list would be folded thousands of times)."""
    return frozenset(word_keys((name, *aliases)))


def event_words(view: EventView) -> str:
    """The event's distinct words, its actors' and places' included, sorted, separated by
    spaces (as the build keeps them)."""
    keys = word_keys(searchable_parts(view))
    for entity in (*view.actors, *view.places):
        keys |= entity_words(entity.name, entity.aliases)
    return " ".join(sorted(keys))


def event_keys(
    view: EventView, years: Iterable[int], words_of: Callable[[EventView], str] = event_words
) -> set[str]:
    """Every key the event is found by (`words_of`: its words, as `event_words` gives them)."""
    return set(words_of(view).split()) | set(facets(view, years))
