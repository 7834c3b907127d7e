"""Links of the site's markdown that climb above the site's root (`../../../other/` on an
event's page, `/../other/`): no page of the site is there, so the link is made one to the
home page. The editor most likely meant a page of another site on the same host, which only
its full address reaches wherever the site is published: a warning where the link is written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from chronicle.model.diagnostics import Diagnostic
from chronicle.source.link_marks import Field, link_mark
from chronicle.source.load import shown
from chronicle.timeline.markdown import climbs_above_root, make_markdown, written_links

MOST_WARNINGS_PER_TEXT = 20
"""Links one text (a summary, a caption, a page) is warned about one by one, here and for
broken links (build.site_links, which counts the rest in one more warning). Each warning
finds its link in the file: thousands of them in one text took minutes, and help no editor
more than the first twenty do."""


class WrittenText(Protocol):
    """Markdown written in a site file (build.site_links.Written)."""

    @property
    def relpath(self) -> str: ...
    @property
    def field(self) -> Field: ...
    @property
    def own(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def inline(self) -> bool: ...


def links_above_root(item: WrittenText, root: Path) -> Iterator[Diagnostic]:
    """A warning at each link of the text that climbs above the site's root."""
    if not _may_climb(item.source, item.own):  # most texts: no parse
        return
    targets = [
        target
        for target, _ in written_links(make_markdown(), item.source, item.own, item.inline)
        if climbs_above_root(target, item.own)
    ]
    for index, target in enumerate(targets[:MOST_WARNINGS_PER_TEXT]):
        nth = targets[:index].count(target)
        yield Diagnostic(
            link_mark(root, item.relpath, item.field, target, nth),
            "warning",
            f"'{shown(target, 80)}' climbs above the site's root, where the site has no page: "
            "it is made a link to the home page",
            "to link to a page of another site, even one on the same host, write its full address (https://...)",
        )


def _may_climb(source: str, own: str) -> bool:
    """Whether a text may hold a link climbing above the root: from a page below the root, a
    `/..` (`../../..`, `/../x/`), spelt out or by a character reference, an escape or a
    percent escape (`&`, `\\`, `%2e`); from the root's own pages, any `..`. Every build looks
    at every text (20,000 summaries in a save's rebuild): a few searches for a character or
    two, no expression (which took 15 times as long); links between events
    (`../other-event/`) hold no `/..`."""
    if "/.." in source or "&" in source or "\\" in source or ("%2" in source and "%2e" in source.lower()):
        return True
    return not own and ".." in source
