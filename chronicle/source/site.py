"""The site folder's event files and pages, and one event file read as the load step needs it:
validated, with its history from git."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from chronicle.model.diagnostics import Diagnostic, Diagnostics, Mark
from chronicle.model.event_dates import library_readings
from chronicle.model.fields import WINDOWS_DEVICE_NAMES
from chronicle.model.records import Event, Page
from chronicle.source.catalogue import site_files
from chronicle.source.events import EVENTS_DIR, AddedDefault, EventContext, read_event
from chronicle.source.folders import extension_hint, rename_hint, report_sub_folders, report_unknown_content
from chronicle.source.history import EventHistory, FileHistory
from chronicle.source.pages import PAGES_DIR, read_page
from chronicle.source.validate import DEVICE_NAME_HINT, is_slug, suggest_slug


@dataclass(frozen=True)
class EventFile:
    """An event file and what its record takes from git."""

    relpath: str
    slug: str
    added_default: AddedDefault
    history: EventHistory


def read_event_file(
    root: Path, file: EventFile, context: EventContext, data: bytes | None = None
) -> tuple[Event | None, tuple[Diagnostic, ...]]:
    """The event, with its history, from the file or its bytes `data`; `context` records
    what it was checked against."""
    local = Diagnostics()
    with library_readings():  # bounds the time its dates may take (model.event_dates)
        event = read_event(root, file.relpath, file.slug, context, file.added_default, local, data)
    if event is not None:
        event = with_history(event, file.history)
        report_unkept_names(event, file.history.former_names, local)
        if event.added_origin == "event-date" and file.added_default.warn:
            local.warning(
                Mark(file.relpath),
                "'added' is not set and git does not know this file: the feeds use the event's date",
                "commit the file, or set `added: YYYY-MM-DD`",
            )
    return event, tuple(local.items)


def event_files(root: Path, diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """(path, slug) of every event file whose name is a valid slug; the others, and files in
    sub-folders, reported."""
    report_sub_folders(root, EVENTS_DIR, "event files", diagnostics)
    _report_missing_events_folder(root, diagnostics)
    files = []
    for relpath in site_files(root, EVENTS_DIR):
        name = relpath.rsplit("/", 1)[-1]
        stem, _, suffix = name.rpartition(".")
        if suffix != "yaml":
            # `x.yml`, `x.YAML`: the suffix alone is wrong, and the right name may be taken
            hint = (
                extension_hint(root, relpath, _event_path(stem)) if suffix.lower() in YAML_SUFFIXES else None
            )
            diagnostics.error(Mark(relpath), "event files are named <slug>.yaml", hint)
            continue
        if not is_slug(stem):
            device = stem in WINDOWS_DEVICE_NAMES
            diagnostics.error(
                Mark(relpath),
                f"event file name '{stem}' is "
                + ("a name Windows keeps for a device" if device else "not a slug"),
                (DEVICE_NAME_HINT + "; " if device else "the name is the event's permalink; ")
                + rename_hint(root, relpath, _event_path(stem), "event"),
            )
            continue
        files.append((relpath, stem))
    return files


def _report_missing_events_folder(root: Path, diagnostics: Diagnostics) -> None:
    """A site without its events folder would publish an empty timeline over the last one:
    an error when something else stands in its place, a warning when it is not there."""
    folder = root / EVENTS_DIR
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        diagnostics.error(
            Mark(EVENTS_DIR),
            f"{EVENTS_DIR} is not a folder: the event files are read from the folder {EVENTS_DIR}/",
            f"move it aside and make {EVENTS_DIR}/ a folder holding the event files",
        )
    else:
        diagnostics.warning(
            Mark(EVENTS_DIR),
            f"{EVENTS_DIR}/ is missing: the site has no events, and its timeline is empty",
            f"restore it, or make it: `new \"Title\" --date YYYY-MM-DD` writes an event into {EVENTS_DIR}/",
        )


YAML_SUFFIXES = ("yaml", "yml")


def _event_path(stem: str) -> str:
    return f"{EVENTS_DIR}/{stem if is_slug(stem) else suggest_slug(stem) or 'event'}.yaml"


def report_unkept_names(event: Event, former_names: tuple[str, ...], diagnostics: Diagnostics) -> None:
    """A warning for each name git says the file had that `former_slugs` does not keep: its
    old address leads nowhere, and the feeds give the event a new id."""
    kept = {link.slug for link in event.former_slugs}
    for name in former_names:
        folder, _, file = name.rpartition("/")
        slug = file.removesuffix(".yaml")
        if folder != EVENTS_DIR or not file.endswith(".yaml") or slug == event.slug or slug in kept:
            continue
        diagnostics.warning(
            Mark(event.path),
            f"git says this file was {name}: its old address, events/{slug}/, now leads nowhere, "
            "and feed readers will take the event for a new one",
            f"add `former_slugs: [{slug}]` (oldest first) to keep the old address and the event's "
            "id in the feeds; if the site was never published with the old name, there is "
            "nothing to keep",
        )


def with_history(event: Event, git: EventHistory) -> Event:
    """The event with its substantive changes; `updated` defaults to the last one after `added`."""
    updated = event.updated
    if updated is None and git.last_edit is not None and git.last_edit > event.added:
        updated = git.last_edit
    return dataclasses.replace(event, history=git.changes, updated=updated)


def added_default(relpath: str, history: dict[str, FileHistory] | None, git_ran: bool = True) -> AddedDefault:
    """The commit that added the file; else the event's date ("git-unavailable" when git
    itself could not be read, which is reported once for the whole folder)."""
    record = history.get(relpath) if history else None
    if record is not None and record.added is not None:
        return AddedDefault(record.added.date, "git")
    return AddedDefault(None, "event-date", warn=git_ran)


def read_pages(root: Path, diagnostics: Diagnostics) -> tuple[Page, ...]:
    """The free pages; pages in sub-folders, and what else content/ holds that the build does
    not read, reported (this is the one listing of content/ that every load makes)."""
    report_sub_folders(root, PAGES_DIR, "pages", diagnostics)
    report_unknown_content(root, diagnostics)
    pages = (read_page(root, relpath, diagnostics) for relpath in site_files(root, PAGES_DIR))
    return tuple(
        sorted((page for page in pages if page is not None), key=lambda page: (page.order, page.name))
    )
