"""`build`: validate, render what changed, and swap the output folder in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2

from chronicle.build.session import BuildOptions, BuildSession
from chronicle.build.write import UnsafeOutputError, check_output_folder
from chronicle.commands.report import events_counted, print_diagnostics, template_error
from chronicle.model.diagnostics import inert, one_line
from chronicle.render.images import ImageChangedError


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        check_output_folder(out, root)
    except UnsafeOutputError as exc:
        print(inert(f"error: {one_line(str(exc))}"), file=sys.stderr)
        return 2
    options = BuildOptions(root, out, args.base_url, args.jobs, use_cache=not args.no_cache)
    try:
        outcome = BuildSession(options).run()
    except jinja2.TemplateError as exc:
        print(template_error(exc, root), file=sys.stderr)
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    except ImageChangedError as exc:  # an editor saved an image while its copies were made
        print(inert(f"error: {one_line(str(exc))}"), file=sys.stderr)
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, an output folder that cannot be written
        where = f" {exc.filename}" if exc.filename else ""
        said = one_line(f"error: cannot write the output{where}: {exc.strerror or exc}")
        print(inert(said), file=sys.stderr)
        print(f"{out} is as it was", file=sys.stderr)
        return 1
    print_diagnostics(outcome.diagnostics, root)
    if outcome.site is None or outcome.report is None:
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    report = outcome.report
    print(
        f"built {events_counted(len(outcome.site.events))} into {out}: {report.files} files, "
        f"{report.rendered} rendered, {report.reused} unchanged, in {outcome.seconds:.2f} s"
    )
    return 0
