"""The keys of what an event's check may look up (source.events.EventContext.used): an
article, the ids of actors and places, an image's bytes. A kept result holds while each is
as it was."""

from __future__ import annotations

import os
from collections.abc import Mapping

from chronicle.build.cache import BuildState
from chronicle.build.keys import digest
from chronicle.build.memo import KeyedReads, Memo
from chronicle.model.records import Entity
from chronicle.source.events import EventContext
from chronicle.source.images import MAX_IMAGE_BYTES


class DependencyKeys:
    """The key of each thing an event's validation may look up (see EventContext.used),
    computed once per run: `keys(name)`."""

    def __init__(
        self, context: EventContext, articles: Mapping[str, str], memo: Memo, images: KeyedReads
    ) -> None:
        self.context, self.articles, self.memo, self.images = context, articles, memo, images
        self.known: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.known:
            self.known[name] = self._compute(name)
        return self.known[name]

    def _compute(self, name: str) -> str:
        kind, _, item = name.partition(":")
        context = self.context
        if kind == "media":
            return _image_key(self.memo, item)
        if kind == "article":
            return self.articles.get(item, "-" if item not in context.catalogue.known_ids else "broken")
        if kind == "articles":
            return digest(*sorted(context.catalogue.known_ids))
        if kind == "today":
            return str(context.today)
        group: dict[str, Entity] | None = context.actors if kind.startswith("actor") else context.places
        if group is None:
            return "broken"
        if item:  # whether it exists
            return "1" if item in group else "0"
        if kind.endswith("-names"):  # a name written for an id: named by its names and aliases
            named = (f"{key}\0{entity.name}\0" + "\0".join(entity.aliases) for key, entity in group.items())
            return digest(*sorted(named))
        return digest(*sorted(group))


def forget_unused_dependencies(state: BuildState) -> None:
    """Drop the keys of names no event file of the last run looked up (a deleted article, an
    image no longer shown): a session would otherwise check them again at every run. Off the
    load step's path: the names in use are gathered from every file's kept result."""
    used = {name for _, names, _, _ in state.loaded.values() for name in names}
    for name in state.dependencies.keys() - used:
        del state.dependencies[name]


def _image_key(memo: Memo, relpath: str) -> str:
    """An image's bytes; for one that cannot be read (missing, too large, a link out), its
    size and time, so that the problem reported is found again whenever it may have changed."""
    key = memo.file_key(relpath, MAX_IMAGE_BYTES)
    if key:
        return key
    try:
        status = os.stat(memo.root / relpath)
    except OSError:
        return "missing"
    return f"unread:{status.st_size}:{status.st_mtime_ns}"
