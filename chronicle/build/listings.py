"""The listings of the content folders (which event files, which articles and documents), as
a session that builds again (the preview server's) takes them from its last run: while no
file the watcher reported is in a folder, its listing is the last one; the folders are
listed again once the open pages are shown (`Memo.checks`), and a listing that differs
then loads the site again."""

from __future__ import annotations

import os
from pathlib import Path

from chronicle.build.memo import Memo
from chronicle.model.diagnostics import Diagnostic, Diagnostics
from chronicle.source.catalogue import ARTICLES_DIR, SEEDS_DIR, ArticleFile, Catalogue, find_articles
from chronicle.source.events import EVENTS_DIR
from chronicle.source.site import event_files

Listing = tuple[tuple[tuple[str, str], ...], tuple[Diagnostic, ...]]
ArticleListing = tuple[frozenset[str], tuple[ArticleFile, ...], tuple[Diagnostic, ...]]


def listed_events(root: Path, memo: Memo, diagnostics: Diagnostics) -> tuple[tuple[str, str], ...]:
    """source.site.event_files, or the last run's while the event files the watcher reported
    (`Memo.reported`) are all in it and still there."""
    last: Listing | None = memo.state.listed.get("listing")
    if last is not None and memo.reported is not None:
        listed = memo.state.listed["listed"]
        inside = [path for path in memo.reported if path.startswith(EVENTS_DIR + "/")]
        if all(path in listed and os.path.isfile(root / path) for path in inside):
            memo.checks.append(lambda: _event_listing(root) == last)
            diagnostics.extend(last[1])
            return last[0]
    listing = _event_listing(root)
    memo.state.listed.update(listing=listing, listed={relpath for relpath, _ in listing[0]})
    diagnostics.extend(listing[1])
    return listing[0]


def _event_listing(root: Path) -> Listing:
    found = Diagnostics()
    named = tuple(event_files(root, found))
    return named, tuple(found.items)


def listed_articles(
    root: Path, diagnostics: Diagnostics, language: str, memo: Memo
) -> tuple[Catalogue, list[ArticleFile]]:
    """source.catalogue.find_articles, or the last run's listing while the watcher reported
    nothing in the articles' and documents' folders (the catalogue new: it is filled in)."""
    last: ArticleListing | None = memo.state.listed.get("articles")
    if last is not None and memo.reported is not None and not any(map(_in_article_folders, memo.reported)):
        memo.checks.append(lambda: _article_listing(root, language) == last)
        diagnostics.extend(last[2])
        return Catalogue(known_ids=set(last[0]), language=language), list(last[1])
    listing = _article_listing(root, language)
    memo.state.listed["articles"] = listing
    diagnostics.extend(listing[2])
    return Catalogue(known_ids=set(listing[0]), language=language), list(listing[1])


def _in_article_folders(path: str) -> bool:
    """Whether `path` is in one of the articles' folders, is one, or holds one."""
    return any(
        path == folder or path.startswith(folder + "/") or folder.startswith(path + "/")
        for folder in (ARTICLES_DIR, SEEDS_DIR)
    )


def _article_listing(root: Path, language: str) -> ArticleListing:
    found = Diagnostics()
    catalogue, files = find_articles(root, found, language)
    return frozenset(catalogue.known_ids), tuple(files), tuple(found.items)
