"""An event dated after every source it cites was published: a source reports what happened
by its own day, so one of the dates is likely mistyped (2024-03-09 for 2024-03-05)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chronicle.model.date_wording import shown_date
from chronicle.model.diagnostics import Diagnostics
from chronicle.model.event_dates import EventDate
from chronicle.model.records import ArticleSource, Source
from chronicle.source.load import YamlNode

if TYPE_CHECKING:
    from chronicle.source.events import EventContext


def warn_if_after_every_source(
    node: YamlNode,
    date: EventDate,
    sources: Sequence[Source],
    context: EventContext,
    diagnostics: Diagnostics,
) -> None:
    """A warning at `date` when its earliest possible day is after the day each source was
    published; none when a source's day is not known, the date is only about (`~`, `?`), or
    it is known only to be on or after a day (a source may tell of what is to come)."""
    earliest = date.earliest()
    if earliest is None or date.high is None or date.approximate or date.uncertain or not sources:
        return
    published = []
    for source in sources:
        if isinstance(source, ArticleSource):
            day, name = context.article_published(source.article_id), f"article '{source.article_id}'"
        else:
            day, name = source.published, source.url
        if day is None:
            return
        published.append((day.last_day(), shown_date(day), name))
    latest, shown, name = max(published)
    if earliest > latest:
        diagnostics.warning(
            node.mark,
            f"the event is dated {date.edtf}, after every source it cites was published (the latest, "
            f"{name}, on {shown}): one of the dates may be mistyped",
            "a source reports what happened by the day it was published: check the date; for an event "
            "announced ahead, cite a report published after it",
        )
