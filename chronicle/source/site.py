"""The shared front of every command: a site folder -> the validated Site and its diagnostics."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chronicle.build.cache import Memo, fingerprint, fresh_memo
from chronicle.build.keys import digest
from chronicle.build.parallel import fork_map
from chronicle.model.diagnostics import Diagnostic, Diagnostics, Mark
from chronicle.model.records import ArticleSource, Event, Page, Site
from chronicle.source.catalogue import read_catalogue, site_files
from chronicle.source.entities import ENTITIES_PATH, read_entities
from chronicle.source.events import EVENTS_DIR, AddedDefault, EventContext, read_event
from chronicle.source.history import NO_HISTORY, EventHistory, FileHistory, event_history, read_history
from chronicle.source.pages import PAGES_DIR, read_page
from chronicle.source.settings import read_settings
from chronicle.source.validate import is_slug, suggest_slug


@dataclass(frozen=True)
class LoadResult:
    """`site` is None when there were errors; diagnostics are sorted by file and line."""

    site: Site | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.site is not None


def load_site(root: Path, base_url: str | None = None, memo: Memo | None = None, jobs: int = 1) -> LoadResult:
    """Validate the whole site folder; files unchanged since `memo` recorded them are not re-read."""
    memo = memo or fresh_memo(root)
    diagnostics = Diagnostics()
    settings = read_settings(root, diagnostics, base_url)
    language = settings.language if settings else "en"
    entities = read_entities(root, diagnostics)
    catalogue = read_catalogue(root, language, memo, diagnostics, jobs)
    context = EventContext(catalogue, *(entities or (None, None)))
    context_key = digest(memo.file_key(ENTITIES_PATH), catalogue.key)
    events = _read_events(root, context, context_key, memo, jobs, diagnostics)
    pages = _read_pages(root, diagnostics)
    if diagnostics.has_errors or settings is None or entities is None:
        return LoadResult(None, tuple(diagnostics.sorted()))
    site = Site(
        settings=settings,
        actors=entities[0],
        places=entities[1],
        articles=catalogue.articles,
        events=tuple(sorted(events, key=lambda event: event.sort_key)),
        pages=pages,
    )
    return LoadResult(site, tuple(diagnostics.sorted()))


@dataclass(frozen=True)
class _EventFile:
    relpath: str
    slug: str
    content: str | None
    """The key of the file's bytes, None until the file is read (a new or changed file)."""
    added_default: AddedDefault
    history: EventHistory

    def key(self, content: str) -> str:
        # The path too: the file's name is the event's slug (a renamed file is a new event).
        # A new commit: a new key.
        return digest(content, self.relpath, repr(self.added_default), repr(self.history))


@dataclass(frozen=True)
class _Validated:
    """One event file read and checked (in a worker): what the memo keeps of it."""

    size: int
    mtime: int
    content: str
    key: str
    dependencies: tuple[tuple[str, str], ...]
    event: Event | None
    diagnostics: tuple[Diagnostic, ...]


def _read_events(
    root: Path,
    context: EventContext,
    context_key: str,
    memo: Memo,
    jobs: int,
    diagnostics: Diagnostics,
) -> list[Event]:
    files = _event_files(root, diagnostics)
    history = read_history(root, EVENTS_DIR) if files else None
    planned = [
        _EventFile(
            relpath,
            slug,
            memo.known_file_key(relpath),
            _added_default(relpath, history),
            event_history(history.get(relpath)) if history else NO_HISTORY,
        )
        for relpath, slug in files
    ]
    current = _dependency_keys(context, context_key)

    def validate(file: _EventFile) -> _Validated:
        # New and changed files are read, keyed and checked here, in the workers.
        known = file.content
        size, mtime, content = (0, 0, known) if known is not None else fingerprint(root, file.relpath)
        local = Diagnostics()
        event = read_event(root, file.relpath, file.slug, context, file.added_default, local)
        if event is not None:
            event = _with_history(event, file.history)
        if event is not None and event.added_origin == "event-date":
            local.warning(
                Mark(file.relpath),
                "'added' is not set and git does not know this file: the feeds use the event's date",
                "commit the file, or set `added: YYYY-MM-DD`",
            )
        key = file.key(content)
        dependencies = tuple((name, current(name)) for name in _dependencies(event))
        if event is not None:
            event = dataclasses.replace(event, key=digest(key, repr(dependencies)))
        return _Validated(size, mtime, content, key, dependencies, event, tuple(local.items))

    def cached(file: _EventFile) -> tuple[Event | None, tuple[Diagnostic, ...]] | None:
        if file.content is None:
            return None
        found = memo.lookup(file.relpath, file.key(file.content))
        if found is None:
            return None
        (dependencies, event), diagnostics_found = found
        if any(current(name) != key for name, key in dependencies):
            return None
        return event, diagnostics_found

    results = {file.relpath: cached(file) for file in planned}
    missing = [file for file in planned if results[file.relpath] is None]
    for file, done in zip(missing, fork_map(validate, missing, jobs), strict=True):
        if file.content is None:
            memo.record_file_key(file.relpath, done.size, done.mtime, done.content)
        memo.store(file.relpath, done.key, (done.dependencies, done.event), done.diagnostics)
        results[file.relpath] = (done.event, done.diagnostics)
    events = []
    for file in planned:
        event, found = results[file.relpath] or (None, ())
        diagnostics.extend(found)
        if event is not None:
            events.append(event)
    return events


def _dependencies(event: Event | None) -> list[str]:
    """What an event's validation and display depend on besides its own file.

    A valid event depends only on the articles it cites and the entities it names, so an
    edit to one article revalidates only the events citing it; an invalid one on everything.
    """
    if event is None:
        return ["context"]
    sources = [*event.sources, *(value.source for claim in event.claims for value in claim.values)]
    articles = sorted({f"article:{s.article_id}" for s in sources if isinstance(s, ArticleSource)})
    return [*articles, *(f"actor:{a}" for a in event.actors), *(f"place:{p}" for p in event.places)]


def _dependency_keys(context: EventContext, context_key: str) -> Callable[[str], str]:
    known: dict[str, str] = {}

    def current(name: str) -> str:
        if name not in known:
            known[name] = compute(name)
        return known[name]

    def compute(name: str) -> str:
        kind, _, item = name.partition(":")
        if kind == "article":
            return context.catalogue.keys.get(item, "-")
        if kind in ("actor", "place"):
            group = context.actors if kind == "actor" else context.places
            if group is None:
                return "broken"
            if item not in group:
                return "-"
            entity = group[item]  # not its mark: moving it within the file changes nothing shown
            return digest(repr((entity.name, entity.kind, entity.category, entity.aliases)))
        return context_key

    return current


def _event_files(root: Path, diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """(path, slug) of every event file whose name is a valid slug; the others reported."""
    files = []
    for relpath in site_files(root, EVENTS_DIR):
        name = relpath.rsplit("/", 1)[-1]
        if not name.endswith(".yaml"):
            diagnostics.error(Mark(relpath), "event files are named <slug>.yaml")
            continue
        slug = name[: -len(".yaml")]
        if not is_slug(slug):
            diagnostics.error(
                Mark(relpath),
                f"event file name '{slug}' is not a slug",
                f"the name is the event's permalink; rename it to "
                f"{EVENTS_DIR}/{suggest_slug(slug) or 'event'}.yaml",
            )
            continue
        files.append((relpath, slug))
    return files


def _with_history(event: Event, git: EventHistory) -> Event:
    """The event with its substantive changes; `updated` defaults to the last one after `added`."""
    updated = event.updated
    if updated is None and git.last_edit is not None and git.last_edit > event.added:
        updated = git.last_edit
    return dataclasses.replace(event, history=git.changes, updated=updated)


def _added_default(relpath: str, history: dict[str, FileHistory] | None) -> AddedDefault:
    record = history.get(relpath) if history else None
    if record is not None and record.added is not None:
        return AddedDefault(record.added.date, "git")
    return AddedDefault(None, "event-date")


def _read_pages(root: Path, diagnostics: Diagnostics) -> tuple[Page, ...]:
    pages = (read_page(root, relpath, diagnostics) for relpath in site_files(root, PAGES_DIR))
    return tuple(
        sorted((page for page in pages if page is not None), key=lambda page: (page.order, page.name))
    )
