"""Site folder -> the validated Site, its diagnostics, and the provenance of each record: the
load step of a build.

A file's result is reused from the cache (`Memo`) while the file is unchanged and so is
everything its validation looked up (recorded by the content code: `EventContext.used`);
new and changed files are read in the workers. The provenance of a record (an event's, an
article's) is the key of all of that: what the plan step versions the views by.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from chronicle.build.dependencies import DependencyKeys
from chronicle.build.kept_history import events_history
from chronicle.build.keys import digest
from chronicle.build.listings import listed_articles, listed_events
from chronicle.build.memo import FileStamp, KeyedReads, Memo, fresh_memo, read_once
from chronicle.build.parallel import fork_map
from chronicle.build.recent import KeptOrder
from chronicle.model.diagnostics import Diagnostic, Diagnostics, Mark
from chronicle.model.records import Article, CorrectionNote, Event, Site
from chronicle.source.catalogue import ArticleFile, Catalogue, read_article
from chronicle.source.correction_notes import with_correction_notes
from chronicle.source.entities import ENTITIES_PATH, read_entities
from chronicle.source.events import EVENTS_DIR, EventContext
from chronicle.source.former_slugs import check_former_slugs
from chronicle.source.history import NO_HISTORY, GitHistory, warn_hidden_subjects
from chronicle.source.media import ImageChecks
from chronicle.source.relations import in_order
from chronicle.source.revisions import event_histories
from chronicle.source.settings import SETTINGS_PATH, read_settings
from chronicle.source.site import EventFile, added_default, read_event_file, read_pages
from chronicle.source.team_subjects import warn_team_subjects


@dataclass(frozen=True)
class LoadResult:
    """`site` is None when there were errors; diagnostics are sorted by file and line."""

    site: Site | None
    diagnostics: tuple[Diagnostic, ...]
    provenance: Mapping[str, str] = field(default_factory=dict)
    """Identity of each record ("record:<slug>", "article:<id>") -> the key of what it was
    read from and checked against."""

    @property
    def ok(self) -> bool:
        return self.site is not None


def load_site(
    root: Path,
    base_url: str | None = None,
    memo: Memo | None = None,
    jobs: int = 1,
    what_changed: bool = True,
) -> LoadResult:
    """Validate the whole site folder; files unchanged since `memo` recorded them are not re-read.
    `what_changed`: whether to read from git what each correction changed (only pages show it)."""
    memo = memo or fresh_memo(root)
    diagnostics = Diagnostics()
    read = partial(read_settings, root, base_url_override=base_url)
    settings = _kept_reading(memo, SETTINGS_PATH, (base_url,), read, diagnostics)
    language = settings.language if settings else "en"
    entities = _kept_reading(memo, ENTITIES_PATH, (), partial(read_entities, root), diagnostics)
    catalogue, article_keys = _read_catalogue(root, language, memo, diagnostics, jobs)
    images = KeyedReads()
    actors, places = entities or (None, None)
    today = datetime.date.today()
    context = EventContext(catalogue, actors, places, images=ImageChecks(read=images), today=today)
    dependency = DependencyKeys(context, article_keys, memo, images)
    notes = settings.correction_notes if settings else None  # None: not known (site.yaml is broken)
    events, event_keys, failed = _read_events(
        root, context, dependency, memo, jobs, diagnostics, what_changed, notes
    )
    pages = read_pages(root, diagnostics)
    ordered = _in_order(events, failed, memo, diagnostics)
    check_former_slugs(events, diagnostics)
    if diagnostics.has_errors or settings is None or entities is None:
        return LoadResult(None, tuple(diagnostics.sorted()))
    site = Site(
        settings=settings,
        actors=entities[0],
        places=entities[1],
        articles=catalogue.articles,
        events=ordered,
        pages=pages,
    )
    provenance = {f"record:{slug}": key for slug, key in event_keys.items()}
    provenance.update({f"article:{item}": key for item, key in article_keys.items()})
    return LoadResult(site, tuple(diagnostics.sorted()), provenance)


Read = TypeVar("Read")


def _kept_reading(
    memo: Memo,
    relpath: str,
    extra: tuple[object, ...],
    read: Callable[..., Read],
    diagnostics: Diagnostics,
) -> Read:
    """`read(diagnostics, data=the file's bytes)` of the file at `relpath`; what the
    session's last run read, while the file's bytes (and `extra`) are as they were then."""
    file = memo.read(relpath)
    key = file.key
    inputs = (key, *extra)
    kept = memo.kept(relpath, inputs, frozenset()) if key else None
    if kept is not None:
        result, problems = kept[1]
        diagnostics.extend(problems)
        return result  # type: ignore[no-any-return]
    found = Diagnostics()
    result = read(found, data=file.data)
    diagnostics.extend(found.items)
    if key:
        memo.keep(relpath, inputs, (), key, (result, tuple(found.items)))
    return result


ArticleResult = tuple[Article | None, tuple[Diagnostic, ...]]


def _read_catalogue(
    root: Path, language: str, memo: Memo, diagnostics: Diagnostics, jobs: int
) -> tuple[Catalogue, dict[str, str]]:
    """Every article with its normalised text, and its key (its two files, the document's
    name, whose extension decides how it is read, and the language); each reused from `memo`
    while those are unchanged, the others read in `jobs` workers."""
    catalogue, found = listed_articles(root, diagnostics, language, memo)
    keys = {
        item.article_id: _article_key(
            memo.file_key(item.relpath), item.document, memo.file_key(item.document), language
        )
        for item in found
    }
    # The cache keeps articles but not their normalised texts (large, and quick to remake):
    # a rebuild normalises only the articles that changed events cite.
    missing = [item for item in found if memo.lookup(item.relpath, keys[item.article_id]) is None]

    def read(item: ArticleFile) -> tuple[str, Article | None, object, tuple[Diagnostic, ...]]:
        # Kept under the key of the bytes it is made from: a save since the key above was
        # taken must not be stored under the key of what the file held before.
        meta, document = read_once(root, item.relpath), read_once(root, item.document)
        key = _article_key(meta.key, item.document, document.key, language)
        return key, *read_article(root, item, language, (meta.data, document.data))

    for item, (key, article, text, problems) in zip(missing, fork_map(read, missing, jobs), strict=True):
        keys[item.article_id] = key
        memo.store(item.relpath, key, article, problems)
        if text is not None:
            catalogue.texts[item.article_id] = text  # type: ignore[assignment]
    for item in found:
        value, problems = memo.lookup(item.relpath, keys[item.article_id]) or (None, ())
        diagnostics.extend(problems)
        if value is not None:
            catalogue.articles[item.article_id] = value
    return catalogue, keys


def _article_key(meta: str, document: str, text: str, language: str) -> str:
    """An article's two files, the document's name, whose extension decides how it is read,
    and the site's language."""
    return digest(meta, document, text, language)


EventResult = tuple[Event | None, tuple[Diagnostic, ...]]


def _read_events(
    root: Path,
    context: EventContext,
    dependency: DependencyKeys,
    memo: Memo,
    jobs: int,
    diagnostics: Diagnostics,
    what_changed: bool = True,
    notes: tuple[CorrectionNote, ...] | None = (),
) -> tuple[list[Event], dict[str, str], set[str]]:
    """Every valid event, the key of each (its file, its history and what it looked up), and
    the slugs of the event files with errors; `notes`: site.yaml's `correction_notes`."""
    files = _event_files(root, memo, diagnostics, what_changed, notes)

    def validate(file: EventFile) -> tuple[FileStamp, str, EventResult, tuple[str, ...], dict[str, str]]:
        # One read: the result is made from the bytes whose key it is kept under; so are
        # the images it checked (`seen`, by the names of what it looked up).
        read = read_once(root, file.relpath)
        own = context.for_one_event()
        result = read_event_file(root, file, own, read.data)
        checked = dependency.images.keys
        seen = {name: checked[name[6:]] for name in own.used if name[:6] == "media:" and name[6:] in checked}
        return read.stamp, read.key, result, tuple(sorted(own.used)), seen

    results = _cached_events(files, memo, dependency)
    missing = [file for file in files if results[file.relpath] is None]
    done = fork_map(validate, missing, jobs)
    for file, (stamp, content, result, used, seen) in zip(missing, done, strict=True):
        memo.record_file_key(file.relpath, stamp, content)
        for name, key in seen.items():  # what the session's next run compares the image with
            dependency.known.setdefault(name, key)
        depends = tuple(seen.get(name) or dependency(name) for name in used)
        memo.store(file.relpath, _own_key(file, content), ((used, depends), result[0]), result[1])
        key = _key(_own_key(file, content), used, depends)
        results[file.relpath] = (key, result)
        memo.keep(file.relpath, (content, file.added_default, file.history), used, key, result)
    memo.state.dependencies = dict(dependency.known)
    events, keys, failed = [], {}, set()
    for file in files:
        key, (event, problems) = results[file.relpath] or ("", (None, ()))
        if problems:  # few files have any: no call for the others (20,000 in every save's rebuild)
            diagnostics.extend(problems)
        if event is not None:
            events.append(event)
            keys[event.slug] = key
        else:
            failed.add(file.slug)
    return events, keys, failed


def _cached_events(
    files: list[EventFile], memo: Memo, dependency: DependencyKeys
) -> dict[str, tuple[str, EventResult] | None]:
    """Each event file's key and result from the cache; None where it must be read again."""
    # What changed of what the last run of this session looked up: a file whose result that
    # run had, from equal inputs and none of these, has it again without a check.
    stale = {name for name, key in memo.state.dependencies.items() if dependency(name) != key}

    def cached(file: EventFile) -> tuple[str, EventResult] | None:
        content = memo.known_file_key(file.relpath)
        if content is None:
            return None
        inputs = (content, file.added_default, file.history)
        kept: tuple[str, EventResult] | None = memo.kept(file.relpath, inputs, stale)
        if kept is not None:
            return kept
        own = memo.again("own", file.relpath, inputs, partial(_own_key, file, content))
        found = memo.lookup(file.relpath, own)
        if found is None:
            return None
        ((used, depends), event), problems = found
        if any(dependency(name) != key for name, key in zip(used, depends, strict=True)):
            return None
        key = memo.again("key", file.relpath, (own, used, depends), partial(_key, own, used, depends))
        memo.keep(file.relpath, inputs, used, key, (event, problems))
        return key, (event, problems)

    results, others = _kept_unreported(files, memo) if not stale else ({}, files)
    results.update({file.relpath: cached(file) for file in others})
    return results


def _kept_unreported(
    files: list[EventFile], memo: Memo
) -> tuple[dict[str, tuple[str, EventResult] | None], list[EventFile]]:
    """What `cached` finds first for a file the watcher did not report (`Memo.reported`):
    its key as its stamp records it (`Memo.known_file_key`), its result as the last run had it
    from the same inputs (`Memo.kept`, nothing stale), in one pass without a call per file
    (20,000 of them in a save's rebuild); and the files that need `cached` itself."""
    if memo.reported is None:
        return {}, files
    stamps, loaded, reported = memo.state.stamps, memo.state.loaded, memo.reported
    found: dict[str, tuple[str, EventResult] | None] = {}
    others = []
    for file in files:
        relpath = file.relpath
        stamp, last = stamps.get(relpath), loaded.get(relpath)
        if (
            stamp
            and last is not None
            and relpath not in reported
            and last[0] == (stamp[4], file.added_default, file.history)
        ):
            found[relpath] = (last[2], last[3])
        else:
            others.append(file)
    memo.seen.update(found)
    memo.trusted.extend(found)
    return found, others


def _own_key(file: EventFile, content: str) -> str:
    # The path too: the file's name is the event's slug. A new commit: a new key.
    return digest(content, file.relpath, repr(file.added_default), repr(file.history))


def _in_order(
    events: list[Event], failed: set[str], memo: Memo, diagnostics: Diagnostics
) -> tuple[Event, ...]:
    """The events in the site's order, their relations checked (source.relations.in_order);
    as the session's last run found them while every event is placed by what it was then."""
    last = memo.state.order
    if (
        last is not None
        and last.failed == failed
        and len(last.events) == len(events)
        and all(
            new is old or _placed_by(new) == _placed_by(old)
            for new, old in zip(events, last.events, strict=True)
        )
    ):
        diagnostics.extend(last.problems)
        return tuple(events[index] for index in last.positions)
    found = Diagnostics()
    ordered = in_order(events, failed, found)
    diagnostics.extend(found.items)
    index = {event.slug: number for number, event in enumerate(events)}
    positions = tuple(index[event.slug] for event in ordered)
    memo.state.order = KeptOrder(tuple(events), frozenset(failed), positions, tuple(found.items))
    return ordered


def _placed_by(event: Event) -> tuple[object, ...]:
    """What the site's order and the checks of `before` and `after` read of an event (its
    former and merged slugs name it in their hints)."""
    return (
        event.slug,
        event.path,
        event.date,
        event.end,
        event.before,
        event.after,
        event.former_slugs,
        event.merged_slugs,
    )


def _event_files(
    root: Path,
    memo: Memo,
    diagnostics: Diagnostics,
    what_changed: bool,
    notes: tuple[CorrectionNote, ...] | None,
) -> list[EventFile]:
    """Every event file, with what git says of it (one `git log` for the folder, one
    `git cat-file` for what its corrections changed), each commit's subject as `notes` say
    (a subject readers would see that reads as written for the team is warned about, when the
    notes are known)."""
    named = listed_events(root, memo, diagnostics)
    git = events_history(root, memo) if named else GitHistory(None)
    if notes is not None:
        warn_team_subjects(root, git, notes, diagnostics, [relpath for relpath, _ in named])
    git = with_correction_notes(git, notes or (), diagnostics)
    warn_hidden_subjects(git, diagnostics, [relpath for relpath, _ in named])
    if git.problem is not None:
        diagnostics.warning(Mark(EVENTS_DIR), git.problem)
    history = git.files
    relpaths = [relpath for relpath, _ in named]
    histories, compared = event_histories(root, relpaths, git, memo.state.revisions, what_changed)
    if what_changed:
        memo.keep_revisions(compared)
    made_from = (named, git.files, git.problem, histories)
    last = memo.state.listed.get("files")
    if last is not None and last[0][0] is named and last[0][1:] == made_from[1:]:
        return list(last[1])  # the same objects: the files' results are then found by identity
    files = [
        EventFile(
            relpath,
            slug,
            added_default(relpath, history, git_ran=git.problem is None or history is not None),
            histories.get(relpath, NO_HISTORY),
        )
        for relpath, slug in named
    ]
    memo.state.listed["files"] = (made_from, tuple(files))
    return files


def _key(own: str, used: tuple[str, ...], depends: tuple[str, ...]) -> str:
    return digest(own, *used, *depends)
