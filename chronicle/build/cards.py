"""`card(view, root, heading)` and `cards(views, root, heading)` for templates: event cards,
each rendered once per build and reused by every page that shows it.

The cards of every event at the places the default theme shows them (CARD_PLACES) are
made before the pages, each with the reads of its own render (build.fragments); a page
that shows one records that it read the card (identity `card:<slug>|<root>|<heading>`,
its value the card's HTML). A card asked for anywhere else is rendered where it is
asked for, its reads counted as the page's own.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2
from markupsafe import Markup

from chronicle.build.tracking import WHOLE, Reads, track, tracked_of, unwrap
from chronicle.render.theme import LOCATED_ALREADY, theme_render_error
from chronicle.timeline.views import EventView

# Where cards appear in the default theme: the timeline (at the site root) and tag, actor
# and place pages.
CARD_PLACES = (("", "h4"), ("../../", "h2"))


def card_identity(slug: str, root: str, heading: str) -> str:
    return f"card:{slug}|{root}|{heading}"


class Cards:
    """The card functions of one build; `made` holds the cards made before the pages."""

    def __init__(self) -> None:
        self.made: dict[str, str] = {}
        self.env: jinja2.Environment | None = None
        self.reads = Reads()
        """The reads of the render in progress (the build sets it per render)."""

    def functions(self) -> dict[str, object]:
        return {"card": self.one, "cards": self.many}

    def one(self, view: EventView, root: str, heading: str = "h3") -> Markup:
        if tracked_of(view) is None:  # not a view of the timeline: what it shows is unknown
            raise TypeError("card() takes an event of the timeline")
        event = unwrap(view)
        identity = card_identity(event.slug, root, heading)
        made = self.made.get(identity)
        if made is not None:
            self.reads.add(identity, WHOLE)
            return Markup(made)
        return Markup(self.render(event, root, heading, self.reads))

    def many(self, views: Iterable[EventView], root: str, heading: str = "h3") -> Markup:
        """The cards one after another, a line each."""
        return Markup("\n".join([self.one(view, root, heading) for view in views]))

    def render(self, view: EventView, root: str, heading: str, reads: Reads) -> str:
        assert self.env is not None
        variables = track({"view": view}, reads) | {"root": root, "heading": heading}
        try:
            return self.env.get_template("card.html").render(variables)
        except LOCATED_ALREADY:
            raise
        except Exception as error:  # a site's card template may raise anything Python can
            raise theme_render_error(error, "card.html") from None
