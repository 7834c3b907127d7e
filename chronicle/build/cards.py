"""`card(view, root, heading)` and `cards(views, root, heading)` for templates: event cards,
each rendered once per build and reused by every page that shows it.

The cards of every event at the places the theme shows them (`card_places`) are made
before the pages, each with the reads of its own render (build.fragments); a page that
shows one records that it read the card (identity `card:<slug>|<root>|<heading>`, its
value the card's HTML). A card asked for anywhere else is rendered where it is asked for,
its reads counted as the page's own.

The default theme's card uses its page's way to the site root only as the start of its
links, and its heading only as the title's tag, so its card is made once, with ANY_ROOT
where the root goes and ANY_HEADING for the tag, and a page at `../../` gets it with
`../../` and its heading put in (exactly what rendering it there would give: a root of
`../` steps and a tag name are the same escaped or not). A site's own card template may
use them in any way: its cards are made per place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import jinja2
from markupsafe import Markup

from chronicle.build.tracking import WHOLE, Reads, track, tracked_of, unwrap
from chronicle.render.theme import LOCATED_ALREADY, render_template, theme_render_error
from chronicle.timeline.views import EventView

# Stand for the root and the heading's tag in a card made for every page below the site
# root: characters that escaping keeps and that no root or tag name holds.
ANY_ROOT = "\x00\ue000\x00"
ANY_HEADING = "\x00\ue001\x00"
_STEPS_UP = re.compile(r"(?:\.\./)+")
_HEADING = re.compile(r"h[1-6]")

# Where cards appear: the timeline (at the site root), and tag, actor and place pages (and
# their later pages, one folder deeper); the default theme's, for any root but the site's.
OWN_CARD_PLACES = (("", "h4"), ("../../", "h2"))
SHARED_CARD_PLACES = ((ANY_ROOT, ANY_HEADING),)


def card_places(shared: bool) -> tuple[tuple[str, str], ...]:
    """The (root, heading) of the cards made before the pages: shared ones when the card
    template is the default theme's."""
    return SHARED_CARD_PLACES if shared else OWN_CARD_PLACES


def card_identity(slug: str, root: str, heading: str) -> str:
    return f"card:{slug}|{root}|{heading}"


class Cards:
    """The card functions of one build; `made` holds the cards made before the pages."""

    def __init__(self) -> None:
        self.made: dict[str, str] = {}
        self.places: tuple[tuple[str, str], ...] = OWN_CARD_PLACES
        self.env: jinja2.Environment | None = None
        self.reads = Reads()
        """The reads of the render in progress (the build sets it per render)."""

    def functions(self) -> dict[str, object]:
        return {"card": self.one, "cards": self.many}

    def detach(self) -> None:
        """Once the run's pages are rendered: let go of the cards made and of the theme. The
        theme's environment holds these card functions, in cycles of its own (each imported
        template's context), so this object lives until a full collection; what it made
        need not (at 20,000 events, every event's card)."""
        self.made = {}
        self.env = None

    def one(self, view: EventView, root: str, heading: str = "h3") -> Markup:
        if tracked_of(view) is None:  # not a view of the timeline: what it shows is unknown
            raise TypeError("card() takes an event of the timeline")
        event = unwrap(view)
        identity = card_identity(event.slug, root, heading)
        made = self.made.get(identity)
        if made is not None:
            self.reads.add(identity, WHOLE)
            return Markup(made)
        if self.places is SHARED_CARD_PLACES and _STEPS_UP.fullmatch(root) and _HEADING.fullmatch(heading):
            shared = card_identity(event.slug, ANY_ROOT, ANY_HEADING)
            made = self.made.get(shared)
            if made is not None:
                self.reads.add(shared, WHOLE)
                return Markup(made.replace(ANY_ROOT, root).replace(ANY_HEADING, heading))
        return Markup(self.render(event, root, heading, self.reads))

    def many(self, views: Iterable[EventView], root: str, heading: str = "h3") -> Markup:
        """The cards one after another, a line each."""
        return Markup("\n".join([self.one(view, root, heading) for view in views]))

    def render(self, view: EventView, root: str, heading: str, reads: Reads) -> str:
        assert self.env is not None
        variables = track({"view": view}, reads) | {"root": root, "heading": heading}
        try:
            return render_template(self.env.get_template("card.html"), variables)
        except LOCATED_ALREADY:
            raise
        except Exception as error:  # a site's card template may raise anything Python can
            raise theme_render_error(error, "card.html") from None
