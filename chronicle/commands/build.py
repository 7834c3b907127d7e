"""`build`: validate, render what changed, and swap the output folder in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2

from chronicle.build.session import BuildOptions, BuildSession
from chronicle.build.swap import OutputNotRestoredError
from chronicle.build.write import UnsafeOutputError, check_output_folder
from chronicle.commands.report import events_counted, print_diagnostics, site_size_warning, template_error
from chronicle.model.diagnostics import inert, one_line
from chronicle.render.images import ImageChangedError


def write_failed(exc: OSError | OutputNotRestoredError, out: Path | None = None) -> list[str]:
    """What to say when the output could not be written: the folder is as it was (every file
    the build moved in taken out again, every file it replaced put back: build.swap), or, when
    even that failed, the truth and what to do."""
    error = exc.error if isinstance(exc, OutputNotRestoredError) else exc
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        said = f"error: cannot write the output{where}: {error.strerror or error}"
    else:  # a bug while moving the files in
        said = f"error: the output could not be written: {type(error).__name__}: {error}"
    if not isinstance(exc, OutputNotRestoredError):
        return [said] if out is None else [said, f"{out} is as it was"]
    kept = " and ".join(str(folder) for folder in exc.kept)
    return [
        said,
        f"error: {exc.out} is NOT as it was: putting the previous output back failed too "
        f"({'; '.join(exc.problems)})",
        f"  the files the build replaced or deleted are kept in {kept} until the next build; "
        f"once the problem is fixed, build again: the next build puts every file of {exc.out} right",
    ]


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
        print(inert(one_line(f"nothing written; {out} is as it was")), file=sys.stderr)
        return 1
    except ImageChangedError as exc:  # an editor saved an image while its copies were made
        print(inert(f"error: {one_line(str(exc))}"), file=sys.stderr)
        print(inert(one_line(f"nothing written; {out} is as it was")), file=sys.stderr)
        return 1
    except (OSError, OutputNotRestoredError) as exc:  # a full disk, an output folder that cannot be written
        for line in write_failed(exc, out):
            print(inert(one_line(line)), file=sys.stderr)
        return 1
    print_diagnostics(outcome.diagnostics, root)
    if outcome.site is None or outcome.report is None:
        print(inert(one_line(f"nothing written; {out} is as it was")), file=sys.stderr)
        return 1
    report = outcome.report
    said = (
        f"built {events_counted(len(outcome.site.events))} into {out}: {report.files} files, "
        f"{report.rendered} rendered, {report.reused} unchanged, in {outcome.seconds:.2f} s"
    )
    print(inert(one_line(said)))
    too_large = site_size_warning(report.folder_bytes)
    if too_large is not None:
        print(inert(too_large), file=sys.stderr)
    return 0
