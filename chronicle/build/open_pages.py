"""The pages a reader has open, rendered from the plan's first stage, before the rest of the
build: the preview server shows them while the build goes on (build.plan, `plan_timeline`).

They are the pages the build writes, byte for byte. No card is made yet at this point, so a
page renders its cards in itself, which gives what the shared cards give (build.cards)."""

from __future__ import annotations

from collections.abc import Collection

from chronicle.build.plan import Planning
from chronicle.build.tracking import Reads, track
from chronicle.render.pages import page_specs, render_page


def render_open_pages(planning: Planning, paths: Collection[str]) -> dict[str, bytes]:
    """The theme's pages among `paths` (output paths: "events/x/index.html"), each rendered as
    the build writes it; a path no page of the theme has is left out."""
    wanted, pages = set(paths), dict[str, bytes]()
    if not wanted:
        return pages
    for spec in page_specs(planning.timeline):
        if spec.path not in wanted:
            continue
        reads = planning.cards.reads = Reads()  # what it read: the build records its own
        data = render_page(planning.env, spec, track(spec.variables, reads))
        pages[spec.path] = data if isinstance(data, bytes) else b"".join(data)
        wanted.discard(spec.path)
        if not wanted:
            break
    return pages
