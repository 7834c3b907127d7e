"""Each event's piece of the whole-timeline files (feeds, data files, calendar):
copied out of the file the last build wrote where it is unchanged, made anew otherwise.

A whole-timeline file is a head, its events' pieces (build.fragments.PIECE_KINDS) and a
tail. Keeping every piece in the cache meant reading, checking and holding 30 MB at 2,000
events in every build; instead the build keeps where each piece lies in each file it wrote
(its layout), and the next build slices the unchanged pieces out of that file, read once.
A piece is taken from there only while the file is as that build wrote it (its key, size
and modification time as recorded, as for reusing a whole file) and the event's pieces key
is the one the piece was made under; any other piece is made again from the event's view.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any

from chronicle.build.fragments import PIECE_KINDS, Piece, make_pieces
from chronicle.build.write import Chunks
from chronicle.timeline.views import EventView, Timeline

Layout = list[Any]
"""[the file's key, then for each piece: the event's pieces key, the kind's number in
PIECE_KINDS, offset, length]. A pieces key names one event (it covers its file's path), and
is a fifth the length of a slug with a key."""

_FIELDS = 4
"""Entries per piece in a layout."""

KEY_LENGTH = 16
"""Hex digits of a pieces key in a layout (as many as a read's digest: build.tracking)."""


class PieceSource:
    """The pieces of one build: those made this build (`fresh`, by slug), those the last
    build's files hold, and any other made on demand."""

    def __init__(
        self,
        timeline: Timeline,
        keys: Mapping[str, str],
        fresh: dict[str, tuple[bytes, ...]],
        pages: Mapping[str, Any],
        layouts: MutableMapping[str, Any],
    ) -> None:
        self.timeline = timeline
        self.keys = keys
        """Slug -> the event's pieces key in this build."""
        self.fresh = fresh
        self.pages = pages
        """The output's record of the last build (build.cache.BuildState.pages)."""
        self.layouts = layouts
        self.out: str | None = None
        """The output folder, once the output step found it holds the last build's files."""
        self._views: dict[str, EventView] | None = None
        self._slugs: dict[str, str] | None = None
        self.files = 0
        """Whole-timeline files planned and not yet rendered."""

    def for_file(self, path: str) -> FilePieces:
        self.files += 1
        return FilePieces(self, path)

    def done_with(self, pieces: FilePieces, layout: Layout) -> None:
        """Keep a rendered file's layout; once every whole-timeline file is rendered, let the
        pieces go (30 MB at 2,000 events, held while the pages render otherwise)."""
        self.layouts[pieces.path] = layout
        self.files -= 1
        if self.files == 0:
            self.fresh.clear()

    def made(self, slug: str) -> tuple[bytes, ...]:
        """The event's pieces, made now (those of events that changed were made with their
        fragments, in the workers; these are the few no earlier file holds)."""
        found = self.fresh.get(slug)
        if found is None:
            if self._views is None:
                self._views = {view.slug: view for view in self.timeline.events}
            settings = self.timeline.site.settings
            found = self.fresh[slug] = make_pieces([self._views[slug]], settings.base_url, settings.wording)[
                0
            ]
        return found

    def old_pieces(self, path: str) -> dict[tuple[str, str], bytes]:
        """(slug, kind) -> the piece as the last build wrote it into `path`, for the pieces
        whose key is still the event's; nothing when the file is not as that build left it."""
        recorded, layout = self.pages.get(path), self.layouts.get(path)
        if self.out is None or not recorded or not layout or layout[0] != recorded[0]:
            return {}
        data = _read_as_recorded(f"{self.out}/{path}", recorded[1], recorded[2])
        if data is None:
            return {}
        found, slugs = {}, self._slugs_by_key()
        for at in range(1, len(layout), _FIELDS):
            key, kind, offset, length = layout[at : at + _FIELDS]
            slug = slugs.get(key)
            if slug is not None and 0 <= kind < len(PIECE_KINDS) and offset + length <= len(data):
                found[slug, PIECE_KINDS[kind]] = data[offset : offset + length]
        return found

    def _slugs_by_key(self) -> dict[str, str]:
        """Pieces key -> slug, for the keys of one event alone (two that shared a key's first
        digits would be told apart by nothing: theirs are made anew)."""
        if self._slugs is None:
            slugs: dict[str, str | None] = {}
            for slug, key in self.keys.items():
                slugs[key] = None if key in slugs else slug
            self._slugs = {key: slug for key, slug in slugs.items() if slug is not None}
        return self._slugs


def _read_as_recorded(path: str, size: int, mtime: int) -> bytes | None:
    """The file's bytes when it is a regular file of the recorded size and modification time."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        # Checked before the descriptor becomes a file object: opening a folder's raises.
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or (status.st_size, status.st_mtime_ns) != (size, mtime):
            return None
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read()
    except OSError:  # anyone's file in the output: whatever reading it raises, it is not ours
        return None
    finally:
        os.close(descriptor)
    return data if len(data) == size else None


class FilePieces:
    """The pieces of one whole-timeline file as it is rendered, and where each one lands."""

    def __init__(self, source: PieceSource, path: str) -> None:
        self.source = source
        self.path = path
        self.old: dict[tuple[str, str], bytes] | None = None
        self.handed: dict[int, tuple[bytes, str, str]] = {}
        """id -> (piece, slug, kind) of every piece handed to the renderer."""
        self.getters: dict[str, Piece] = {}

    def entry(self, view: EventView, kind: str) -> bytes:
        """A feed's entry for the event (build.fragments.PIECE_KINDS names both kinds)."""
        getter = self.getters.get(kind)
        if getter is None:
            getter = self.getters[kind] = self.piece(kind)
        return getter(view)

    def piece(self, kind: str) -> Piece:
        """A function giving each event's piece of `kind`."""
        number = PIECE_KINDS.index(kind)
        fresh, handed = self.source.fresh, self.handed

        def get(view: EventView) -> bytes:
            slug = view.slug
            made = fresh.get(slug)
            if made is not None:
                found = made[number]
            else:
                if self.old is None:
                    self.old = self.source.old_pieces(self.path)
                kept = self.old.get((slug, kind))
                found = kept if kept is not None else self.source.made(slug)[number]
            handed[id(found)] = (found, slug, kind)
            return found

        return get

    def layout(self, key: str, data: Chunks) -> Layout:
        """Where each piece handed out lies in the file's bytes `data` (a piece the renderer
        copied or joined with others lies nowhere: the next build makes it again)."""
        layout: Layout = [key]
        if isinstance(data, bytes):
            return layout
        keys, handed, offset = self.source.keys, self.handed, 0
        for chunk in data:
            entry = handed.get(id(chunk))
            if entry is not None and entry[0] is chunk:
                layout += [keys[entry[1]], PIECE_KINDS.index(entry[2]), offset, len(chunk)]
            offset += len(chunk)
        # A file is rendered once: let its bytes go, and its getters (each holds this object:
        # a cycle, freed otherwise only by a full collection).
        self.old = None
        self.handed.clear()
        self.getters.clear()
        return layout


def spliced(render: Callable[[], Chunks], pieces: FilePieces, key: str) -> tuple[Chunks, None]:
    """Render a whole-timeline file and keep its layout for the next build."""
    data = render()
    if not isinstance(data, bytes | list | tuple):
        data = list(data)  # read once for the layout, once more by the writer
    pieces.source.done_with(pieces, pieces.layout(key, data))
    return data, None


def piece_keys(slugs: Sequence[str], pieces_key: Callable[[str], str]) -> dict[str, str]:
    """Slug -> its pieces key, as layouts keep it (the digest's first hex digits)."""
    return {slug: pieces_key(slug).rpartition(":")[2][:KEY_LENGTH] for slug in slugs}
