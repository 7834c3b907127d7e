"""`former_slugs` across events, checked once every event is read: an old address leads to
one event only, and never to where another event lives now."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.records import Event


def check_former_slugs(events: Sequence[Event], diagnostics: Diagnostics) -> None:
    """Report each former slug that is another event's slug, or another event's former slug."""
    current = {event.slug: event for event in events}
    claimed: dict[str, Event] = {}
    for event in sorted(events, key=lambda item: item.path):
        for link in event.former_slugs:
            now = current.get(link.slug)
            first = claimed.setdefault(link.slug, event)
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
                    f"'{link.slug}' is also a former slug of {first.path}: an old address can "
                    "lead to one event only",
                    "keep it on the event its old page became",
                )


def renamed(events: Iterable[Event]) -> dict[str, str]:
    """Former slug -> the slug of the event that had it (for hints that name the new one)."""
    return {link.slug: event.slug for event in events for link in event.former_slugs}
