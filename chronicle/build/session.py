"""One build, as a flat list of named, timed steps: load -> plan -> render and write -> save.

`build` and `serve` run the same session; `check` runs its load step alone. The session
owns the cache: it reads it before the first step and saves it after the last.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from chronicle.build.cache import (
    PIECES_TABLES,
    TABLES,
    BuildState,
    cache_folder_refusal,
    load_state,
    save_state,
    table_shards,
    write_tables,
)
from chronicle.build.dependencies import forget_unused_dependencies
from chronicle.build.heap import one_build
from chronicle.build.keys import digest
from chronicle.build.load import LoadResult, load_site
from chronicle.build.memo import Memo
from chronicle.build.open_pages import render_open_pages
from chronicle.build.output import Alongside, BuildReport, build_output
from chronicle.build.plan import Planning, collision_error, plan_files, plan_timeline
from chronicle.build.site_links import planned_site_links
from chronicle.build.site_warnings import site_warnings
from chronicle.build.versions import describe_fields
from chronicle.build.write import DuplicateOutputError
from chronicle.model.diagnostics import Diagnostic, inert, one_line
from chronicle.model.records import Article, Event, Site
from chronicle.render.timelinejs_export import export_notices
from chronicle.source.link_marks import value_mark

# The cache's tables that are final once the files are planned, and those the output step
# still changes (what each file's render read, the views' versions, where the pieces lie) or
# that are written after it: the search index's account, one value of megabytes at 20,000
# events, written while the pages render would add its copies to the build's peak memory.
AFTER_OUTPUT = ("pages", "versions", "layouts", "search")
BEFORE_OUTPUT = tuple(table for table in TABLES if table not in AFTER_OUTPUT)

# Below this many files to render, the cache is saved after them: a rebuild renders them in
# one process, and nothing would run alongside.
SAVE_MEANWHILE_FROM = 200


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    base_url: str | None = None
    jobs: int = 1
    use_cache: bool = True


class OpenPages(Protocol):
    """Pages a reader has open, shown as soon as they can be rendered (the preview server)."""

    def paths(self) -> Collection[str]:
        """Their output paths ("events/x/index.html"); none when they must wait for the build."""

    def show(self, pages: Mapping[str, bytes]) -> None:
        """Called, before the rest of the build, with those the theme renders."""

    def reported(self) -> Collection[str] | None:
        """The input files (paths from the site folder) a watcher reported changed since the
        last run: the others are taken as unchanged until the pages are shown, then checked.
        None when every file must be checked first."""


@dataclass
class BuildOutcome:
    """What a session did: its diagnostics, the site (None on errors), and the report."""

    diagnostics: tuple[Diagnostic, ...]
    site: Site | None = None
    report: BuildReport | None = None
    steps: list[tuple[str, float]] = field(default_factory=list)
    """(step, seconds), in order."""

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.steps)


class BuildSession:
    """A build of one site folder into one output folder; `state` carries over between runs
    of the same session (the preview server keeps one session for its whole life)."""

    def __init__(self, options: BuildOptions, state: BuildState | None = None) -> None:
        refusal = cache_folder_refusal(options.root) if options.use_cache else None
        if refusal is not None:
            print(inert(f"warning: {one_line(refusal)}"), file=sys.stderr)
            options = dataclasses.replace(options, use_cache=False)
        self.options = options
        started = time.perf_counter()
        if state is not None:
            self.state = state
        elif options.use_cache:
            self.state = load_state(options.root)
        else:
            self.state = BuildState("")  # no engine: nothing cached is read or written
        self.loading = time.perf_counter() - started
        """Seconds spent reading the cache (the first run's first step)."""
        self.unsaved: tuple[str, ...] = ()
        """The cache's tables the last run left for `save()`."""

    def run(self, save_later: bool = False, open_pages: OpenPages | None = None) -> BuildOutcome:
        """Every step; on content errors nothing is written and the output stays as it was.
        A broken theme raises jinja2.TemplateError after the load step. With `save_later`,
        the cache is saved by `save()` rather than as the last step (the preview server
        reloads the pages first). `open_pages` are rendered and shown as soon as the timeline
        is made, then the build goes on."""
        with one_build():
            outcome = BuildOutcome(())
            if self.loading:
                outcome.steps.append(("read cache", self.loading))
                self.loading = 0.0
            reported = open_pages.reported() if open_pages is not None else None
            with _step(outcome, "load"):
                loaded, memo = self.load(reported)
            first = self._plan_timeline(outcome, loaded, open_pages)
            if not memo.trust_held():
                # A file changed that the watcher did not report: all again, every file checked.
                with _step(outcome, "load again"):
                    loaded, memo = self.load()
                first = self._plan_timeline(outcome, loaded, open_pages)
            if first is None:
                return outcome
            forget_unused_dependencies(self.state)
            keys, planning = first
            with _step(outcome, "plan the files"):
                try:
                    plan = plan_files(planning, self.state, keys)
                except DuplicateOutputError as error:  # two names the rules let through: nothing written
                    outcome.diagnostics += (collision_error(error),)
                    outcome.site = None
                    return outcome
            saved_meanwhile = False

            def alongside(report: BuildReport) -> Alongside | None:
                nonlocal saved_meanwhile
                if not self.options.use_cache or report.rendered < SAVE_MEANWHILE_FROM:
                    return None
                saved_meanwhile = True
                return self._save_alongside()

            try:
                with _step(outcome, "render and write"):
                    outcome.report = build_output(
                        plan, self.options.out, self.state, self.options.jobs, alongside
                    )
            finally:
                # Each file's render holds the plan: without its files the plan is no cycle,
                # and is freed now (a theme's error too) rather than by a full collection,
                # which a long session (the preview server's) would meet in a later save.
                plan.files.clear()
                planning.cards.detach()
            if self.options.use_cache:
                self.unsaved = AFTER_OUTPUT if saved_meanwhile else TABLES
                if not save_later:
                    with _step(outcome, "save cache"):
                        self.save()
            return outcome

    def save(self) -> None:
        """Writes what the last run left unsaved of the cache (nothing if it saved it)."""
        if self.unsaved:
            save_state(self.options.root, self.state, self.unsaved)
            self.unsaved = ()

    def load(self, reported: Collection[str] | None = None) -> tuple[LoadResult, Memo]:
        """The load step: every file validated; unchanged ones from the cache (those not
        `reported` taken as unchanged: see OpenPages.reported)."""
        memo = Memo(self.options.root, self.state, reported)
        loaded = load_site(self.options.root, self.options.base_url, memo, self.options.jobs)
        memo.forget_unseen()
        return loaded, memo

    def _plan_timeline(
        self, outcome: BuildOutcome, loaded: LoadResult, open_pages: OpenPages | None
    ) -> tuple[dict[str, str], Planning] | None:
        """The first stage of the plan, and the open pages shown; None on errors."""
        outcome.diagnostics, outcome.site = loaded.diagnostics, loaded.site
        if loaded.site is None:
            return None
        with _step(outcome, "plan the timeline"):
            keys = provenance(loaded.site, loaded.provenance)
            planning = plan_timeline(loaded.site, self.options.root, self.state, keys, self.options.jobs)
        if open_pages is not None:
            with _step(outcome, "show the open pages"):
                _show(planning, open_pages)
        # The actors and places no event lists; links inside the site, to pages and their parts
        # (as `check` checks them), and what the exports cannot carry exactly: the build's to
        # say, not `check`'s (after the open pages: they read every event).
        found = (
            *outcome.diagnostics,
            *site_warnings(loaded.site),
            *planned_site_links(planning),
        )
        outcome.diagnostics = tuple(sorted(found, key=lambda diagnostic: diagnostic.sort_key))
        outcome.diagnostics += export_notices(
            loaded.site, partial(value_mark, self.options.root, field=("date",))
        )
        return keys, planning

    def _save_alongside(self) -> Alongside:
        # The cache's tables are final once the files are planned: a build that renders much
        # writes them while its workers render, off its critical path. They are copied here,
        # before any rendering: the writing may run in a thread beside it.
        root, engine = self.options.root, self.state.engine
        shards = table_shards(self.state, BEFORE_OUTPUT)
        pieces = [shard for shard in shards if shard[0] in PIECES_TABLES]
        rest = [shard for shard in shards if shard[0] not in PIECES_TABLES]
        return Alongside(lambda: write_tables(root, engine, pieces), lambda: write_tables(root, engine, rest))


def _show(planning: Planning, open_pages: OpenPages) -> None:
    paths = open_pages.paths()
    if not paths:
        return
    try:
        pages = render_open_pages(planning, paths)
    except Exception:  # the build renders them again, and reports what failed
        return
    if pages:
        open_pages.show(pages)


def provenance(site: Site, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """The key of every event's record and every article: from the load step, or (for a site
    made in memory) of its content."""
    known = known or {}
    if len(known) == len(site.events) + len(site.articles):  # load_site's: one key per record
        return dict(known)
    keys = {}
    records: tuple[Event | Article, ...] = (*site.events, *site.articles.values())
    for record in records:
        identity = record.identity
        keys[identity] = known.get(identity) or digest(describe_fields(record, []))
    return keys


@contextmanager
def _step(outcome: BuildOutcome, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        outcome.steps.append((name, time.perf_counter() - started))
