"""`former_slugs` and `merged_slugs` across events, checked once every event is read: an old
address leads to one event only, and never to where another event lives now."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.records import Event, EventLink
from chronicle.source.load import YamlNode
from chronicle.source.validate import read_slugs


def read_old_slugs(
    node: YamlNode | None, name: str, slug: str, diagnostics: Diagnostics
) -> tuple[EventLink, ...]:
    """An event's `former_slugs` (old names of its file) or `merged_slugs` (slugs of entries
    merged into it), without its own slug; whether another event lists one is checked once
    every event is read (`check_former_slugs`)."""
    if node is None:
        return ()
    found = []
    for item in read_slugs(node, name, diagnostics):
        if item.value != slug:
            found.append(EventLink(item.value, item.mark))
        elif name == "former_slugs":
            diagnostics.error(
                item.mark,
                f"'{slug}' is this event's own slug, not a former one",
                "list only the names the file had before it was renamed",
            )
        else:
            diagnostics.error(
                item.mark,
                f"'{slug}' is this event's own slug, not one of an entry merged into it",
                "list only the slugs of the entries removed because this one now says what they said",
            )
    return tuple(found)


def old_slugs(event: Event) -> Iterator[tuple[str, EventLink]]:
    """(field, link) for each old address of `event`: its former slugs, then its merged ones."""
    for name, links in (("former_slugs", event.former_slugs), ("merged_slugs", event.merged_slugs)):
        for link in links:
            yield name, link


def check_former_slugs(events: Sequence[Event], diagnostics: Diagnostics) -> None:
    """Report each old slug that is another event's slug, or an old slug listed twice (by
    another event, or by this one in both of its lists)."""
    with_old = [event for event in events if event.former_slugs or event.merged_slugs]
    if not with_old:
        return
    current = {event.slug: event for event in events}
    claimed: dict[str, tuple[Event, str]] = {}
    for event in sorted(with_old, key=lambda item: item.path):  # few: the others have no old slug
        for name, link in old_slugs(event):
            now = current.get(link.slug)
            first, first_name = claimed.setdefault(link.slug, (event, name))
            if now is not None:
                diagnostics.error(
                    link.mark,
                    f"'{link.slug}' is the slug of another event ({now.path}): its address is "
                    "that event's page, not an old address of this one",
                    "remove it here, or rename the other event's file",
                )
            elif first is not event:
                diagnostics.error(
                    link.mark,
                    f"'{link.slug}' is also in the {first_name} of {first.path}: an old address can "
                    "lead to one event only",
                    "keep it on the event its old page became",
                )
            elif first_name != name:
                diagnostics.error(
                    link.mark,
                    f"'{link.slug}' is also in this event's {first_name}: an old address is either "
                    "a name this file had (former_slugs) or an entry merged into it (merged_slugs)",
                    "remove it from one of the two",
                )


def renamed(events: Iterable[Event]) -> dict[str, tuple[str, str]]:
    """Old slug -> (the slug of the event its address leads to, the field that lists it), for
    hints that name it."""
    return {link.slug: (event.slug, name) for event in events for name, link in old_slugs(event)}
