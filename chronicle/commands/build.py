"""`build`: validate, render what changed, and swap the output folder in."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import jinja2

from chronicle.build.cache import (
    PIECES_TABLE,
    BuildState,
    Memo,
    engine_key,
    load_state,
    save_state,
    table_shards,
    write_tables,
)
from chronicle.build.heap import one_build
from chronicle.build.plan import Alongside, BuildReport, build_output
from chronicle.build.write import UnsafeOutputError, check_output_folder
from chronicle.commands.report import print_diagnostics, template_error
from chronicle.source.site import load_site

# Below this many files to render, the cache is saved after them: a rebuild renders them in
# one process, and nothing would run alongside.
SAVE_MEANWHILE_FROM = 200


def run(args: argparse.Namespace) -> int:
    with one_build():
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        check_output_folder(out, root)
    except UnsafeOutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    state = BuildState(engine_key()) if args.no_cache else load_state(root)
    memo = Memo(root, state)
    result = load_site(root, args.base_url, memo, args.jobs)
    memo.forget_unseen()
    print_diagnostics(result.diagnostics, root)
    if result.site is None:
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    saved_meanwhile = False

    def alongside(report: BuildReport) -> Alongside | None:
        # The cache's tables are final once the files are planned: a build that renders
        # much writes them while its workers render, off its critical path. They are copied
        # here, before any rendering: the writing may run in a thread beside it.
        nonlocal saved_meanwhile
        if args.no_cache or report.rendered < SAVE_MEANWHILE_FROM:
            return None
        shards = table_shards(state)
        saved_meanwhile = True
        pieces = [shard for shard in shards if shard[0] == PIECES_TABLE]
        rest = [shard for shard in shards if shard[0] != PIECES_TABLE]
        return Alongside(
            lambda: write_tables(root, state.engine, pieces), lambda: write_tables(root, state.engine, rest)
        )

    try:
        report = build_output(result.site, root, out, state, args.jobs, alongside)
    except jinja2.TemplateError as exc:
        print(template_error(exc, root), file=sys.stderr)
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    if not args.no_cache:
        save_state(root, state, tables=not saved_meanwhile)
    elapsed = time.perf_counter() - started
    print(
        f"built {len(result.site.events)} events into {out}: {report.files} files, "
        f"{report.rendered} rendered, {report.reused} unchanged, in {elapsed:.2f} s"
    )
    return 0
