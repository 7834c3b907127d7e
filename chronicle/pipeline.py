"""The shared front of every command: a site folder -> the validated Site and its diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chronicle.catalogue import read_catalogue, site_files
from chronicle.diagnostics import Diagnostic, Diagnostics, Mark
from chronicle.entities import read_entities
from chronicle.events import EVENTS_DIR, AddedDefault, EventContext, read_event
from chronicle.history import FileHistory, read_history
from chronicle.model import Event, Page, Site
from chronicle.pages import PAGES_DIR, read_page
from chronicle.settings import read_settings
from chronicle.validate import is_slug, suggest_slug


@dataclass(frozen=True)
class LoadResult:
    """`site` is None when there were errors; diagnostics are sorted by file and line."""

    site: Site | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.site is not None


def load_site(root: Path, base_url: str | None = None) -> LoadResult:
    diagnostics = Diagnostics()
    settings = read_settings(root, diagnostics, base_url)
    language = settings.language if settings else "en"
    entities = read_entities(root, diagnostics)
    catalogue = read_catalogue(root, language, diagnostics)
    context = EventContext(catalogue, *(entities or (None, None)))
    events = _read_events(root, context, diagnostics)
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


def _read_events(root: Path, context: EventContext, diagnostics: Diagnostics) -> list[Event]:
    history: dict[str, FileHistory] | None = None
    history_read = False
    events = []
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
        if not history_read:
            history, history_read = read_history(root, EVENTS_DIR), True
        default = _added_default(relpath, history)
        event = read_event(root, relpath, slug, context, default, diagnostics)
        if event is not None:
            if event.added_origin == "event-date":
                diagnostics.warning(
                    Mark(relpath),
                    "'added' is not set and git does not know this file: the feeds use the event's date",
                    "commit the file, or set `added: YYYY-MM-DD`",
                )
            events.append(event)
    return events


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
