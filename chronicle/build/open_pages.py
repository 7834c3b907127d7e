"""The pages a reader has open, rendered from the plan's first stage, before the rest of the
build: the preview server shows them while the build goes on (build.plan, `plan_timeline`).

They are the pages the build writes, byte for byte. No card is made yet at this point, so a
page renders its cards in itself, which gives what the shared cards give (build.cards). An
event's page is rendered from the timeline in chronology, its indexes not made yet (listings,
source pages, claims): it is kept only if its render read none of them (the default theme's
does not; a site's own template may), else rendered again from the whole timeline."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from chronicle.build.plan import Planning
from chronicle.build.tracking import WHOLE, Reads, track
from chronicle.render.pages import PageSpec, event_page_specs, page_specs, render_page
from chronicle.timeline.assemble import INDEXES

NOT_MADE_YET = frozenset((*INDEXES, WHOLE))
"""What an event's page may not read of the timeline in chronology."""


def render_open_pages(planning: Planning, paths: Collection[str]) -> dict[str, bytes]:
    """The theme's pages among `paths` (output paths: "events/x/index.html"), each rendered as
    the build writes it; a path no page of the theme has is left out."""
    wanted, pages = set(paths), dict[str, bytes]()
    if not wanted:
        return pages
    events = event_page_specs(planning.first, only=wanted)
    for path, (page, reads) in _rendered(planning, events, wanted).items():
        if not reads.by_view().get("timeline", set()) & NOT_MADE_YET:
            pages[path] = page
            wanted.discard(path)
    if wanted:
        pages.update(
            {
                path: page
                for path, (page, _) in _rendered(planning, page_specs(planning.timeline), wanted).items()
            }
        )
    return pages


def _rendered(
    planning: Planning, specs: Iterable[PageSpec], paths: Collection[str]
) -> dict[str, tuple[bytes, Reads]]:
    """The pages of `specs` at `paths`, each with what its render read."""
    left, rendered = set(paths), dict[str, tuple[bytes, Reads]]()
    for spec in specs:
        if spec.path not in left:
            continue
        reads = planning.cards.reads = Reads()  # what it read: the build records its own
        data = render_page(planning.env, spec, track(spec.variables, reads))
        rendered[spec.path] = (data if isinstance(data, bytes) else b"".join(data), reads)
        left.discard(spec.path)
        if not left:
            break
    return rendered
