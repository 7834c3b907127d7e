"""How long an event's title and summary may be.

Both are copied wherever the event is listed: the title onto every page that links to it,
the summary onto its card on the timeline and on the page of each of its tags, actors and
places, and into each of their feeds (with fifty of each, about 450 copies). Without a bound,
one event file within the YAML size limit would publish hundreds of megabytes.
"""

from __future__ import annotations

from chronicle.model.diagnostics import Diagnostics, Mark

MOST_CHARACTERS = {"title": 500, "summary": 20_000, "date_basis": 2_000}
"""Well above any title or summary of the timelines this tool is made for (a few hundred
characters, a few thousand)."""


_LENGTH_HINTS = {
    "title": "it is copied onto every page and into every feed that lists the event: keep the title "
    "short, and put the rest in the summary",
    "summary": "it is copied onto every page and into every feed that lists the event: keep the summary "
    "short, and put the rest in a free page (content/pages/) that it links to",
    "date_basis": "it is read under the date on the event's page: say in a few sentences what the date "
    "rests on, and put a longer argument in a free page (content/pages/)",
}


def within_length(name: str, text: str, mark: Mark, diagnostics: Diagnostics) -> bool:
    """Whether `text`, the event's `name` field, is within its bound (if it has one); an error
    at it if not."""
    most = MOST_CHARACTERS.get(name)
    if most is None or len(text) <= most:
        return True
    diagnostics.error(
        mark,
        f"'{name}' is {len(text):,} characters long; an event's {name} may have at most {most:,}",
        _LENGTH_HINTS.get(name),
    )
    return False
