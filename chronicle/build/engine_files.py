"""The files the engine makes itself, not the theme: the feeds and data files (spliced from
every event's pieces), the search index, the theme's static assets and the image copies. Each
is keyed on the versions of the views it is made from (build.plan puts them in the plan)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

from chronicle.build.fragments import search_words_key
from chronicle.build.keys import digest, engine_key
from chronicle.build.media import Measured, copy_key
from chronicle.build.planned import OutputFile, Plan, Rendered
from chronicle.build.search_memo import SearchMemo
from chronicle.build.splice import FilePieces, PieceSource, spliced
from chronicle.build.write import OUTPUT_MARK, OUTPUT_MARK_TEXT, Chunks
from chronicle.model.media import Copy
from chronicle.model.records import ImageMedia
from chronicle.render.assets import theme_assets
from chronicle.render.images import publish_copy
from chronicle.timeline.views import EventView


def data_files(plan: Plan, settings_version: str, source: PieceSource) -> Iterable[OutputFile]:
    from chronicle.render.calendar import CALENDAR_PATH, calendar_chunks
    from chronicle.render.events_csv import EVENTS_CSV, events_csv_chunks
    from chronicle.render.events_json import EVENTS_JSON, events_json_chunks
    from chronicle.render.events_schema import EVENTS_SCHEMA, render_events_schema
    from chronicle.render.feeds import (
        CORRECTIONS_FEED,
        FEED_FILES,
        corrections_feed,
        feed_chunks,
        subject_feed_chunks,
        subject_feed_paths,
    )
    from chronicle.render.timelinejs_export import TIMELINEJS_JSON, timelinejs_chunks

    timeline = plan.timeline
    everything = digest(engine_key(), settings_version, plan.versions["timeline"])
    # (path, key, the file's render once given the pieces it is made of)
    made: list[tuple[str, str, Callable[[FilePieces], Callable[[], Chunks]]]] = [
        (name, everything, partial(_with_entries, partial(feed_chunks, timeline, kind)))
        for kind, name in FEED_FILES.items()
    ]
    made += [
        (EVENTS_JSON, everything, partial(_with_pieces, partial(events_json_chunks, timeline), "record")),
        (EVENTS_CSV, everything, partial(_with_pieces, partial(events_csv_chunks, timeline), "csv")),
        (EVENTS_SCHEMA, everything, partial(_without_pieces, partial(render_events_schema, timeline))),
        (CORRECTIONS_FEED, everything, partial(_without_pieces, partial(corrections_feed, timeline))),
        (TIMELINEJS_JSON, everything, partial(_with_pieces, partial(timelinejs_chunks, timeline), "slide")),
        (CALENDAR_PATH, everything, partial(_with_pieces, partial(calendar_chunks, timeline), "calendar")),
    ]
    for listing in (*timeline.tags, *timeline.actors, *timeline.places):
        shown = digest(engine_key(), settings_version, plan.versions[listing.identity])
        for kind, path in subject_feed_paths(listing).items():
            made.append(
                (path, shown, partial(_with_entries, partial(subject_feed_chunks, timeline, kind, listing)))
            )
    for path, key, render in made:
        pieces, file_key = source.for_file(path), digest(path, key)
        yield OutputFile(path, file_key, partial(spliced, render(pieces), pieces, file_key), whole=True)
    yield OutputFile(".nojekyll", "", partial(_untracked, lambda: b""))
    yield OutputFile(OUTPUT_MARK, "", partial(_untracked, lambda: OUTPUT_MARK_TEXT))


SEARCH_MEMO = "index"
"""The search memo's entry in its table of the cache (build.cache, `search`)."""


def search_index_files(
    plan: Plan,
    settings_version: str,
    store: MutableMapping[str, Any],
    used: set[str],
    pieces: Callable[[str], str],
    memo: SearchMemo,
    kept: MutableMapping[str, Any],
) -> Iterable[OutputFile]:
    """The search index's files. They are named by their content, so their list is known only
    once the index is made: it is kept under the key of the timeline it was made from, and the
    index is made again only when that changes (or when one of its files must be rewritten),
    from `memo` (the last index, read from `kept` when empty: build.search_memo). Each event's
    words are kept under its pieces key (`pieces`), made with its fragments."""
    from chronicle.render.search.terms import event_words

    listing_key = "search-files:" + digest(engine_key(), settings_version, plan.versions["timeline"])
    words_keys = {view.slug: search_words_key(pieces(view.slug)) for view in plan.timeline.events}
    used.update(words_keys.values())
    made: dict[str, bytes] = {}

    def words_of(view: EventView) -> str:
        key = words_keys[view.slug]
        found = store.get(key)
        if found is None:
            found = store[key] = event_words(view)
        return str(found)

    def files() -> dict[str, bytes]:
        if not made:
            if not memo.slugs:
                memo.restore(kept.get(SEARCH_MEMO))
            made.update(memo.files(plan.timeline, words_of, words_keys, store))
            if memo.changed:
                kept[SEARCH_MEMO] = memo.kept()
        return made

    listed = store.get(listing_key)
    if listed is None:
        listed = store[listing_key] = [[path, digest(data)] for path, data in files().items()]
    used.add(listing_key)
    for path, content in listed:
        render = partial(_untracked, partial(_search_file, files, path))
        yield OutputFile(path, digest(engine_key(), path, content), render, whole=True)


def _search_file(files: Callable[[], dict[str, bytes]], path: str) -> bytes:
    return files()[path]


def _with_entries(render: Callable[..., Chunks], pieces: FilePieces) -> Callable[[], Chunks]:
    """A feed's render, its entries from `pieces`."""
    return partial(render, entry_text=pieces.entry)


def _with_pieces(render: Callable[..., Chunks], kind: str, pieces: FilePieces) -> Callable[[], Chunks]:
    return partial(render, pieces.piece(kind))


def _without_pieces(render: Callable[[], Chunks], pieces: FilePieces) -> Callable[[], Chunks]:
    return render


def _untracked(render: Callable[[], Chunks]) -> Rendered:
    return render(), None


def asset_files(dirs: tuple[Path, ...]) -> Iterable[OutputFile]:
    for path, data in theme_assets(dirs):
        yield OutputFile(path, digest(data), partial(_untracked, partial(bytes, data)))


def image_files(
    copies: Mapping[str, tuple[ImageMedia, Copy]], root: Path, measured: Measured
) -> Iterable[OutputFile]:
    for path, (image, copy) in copies.items():
        render = partial(_untracked, partial(_image_copy, root, image, copy, measured.made))
        yield OutputFile(path, copy_key(image, copy), render)


def _image_copy(root: Path, image: ImageMedia, copy: Copy, made: Mapping[str, bytes]) -> bytes:
    """The copy made to measure it, or made now (in a worker)."""
    return made.get(copy.path) or publish_copy(root, image, copy)
