"""`build`: validate, render every page and feed, and swap the output folder in."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from chronicle.commands.report import print_diagnostics
from chronicle.output import render_site
from chronicle.pipeline import load_site
from chronicle.write import UnsafeOutputError, check_output_folder, write_output


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    root = Path(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        check_output_folder(out, root)
    except UnsafeOutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = load_site(root, args.base_url)
    print_diagnostics(result.diagnostics, root)
    if result.site is None:
        print(f"nothing written; {out} is as it was", file=sys.stderr)
        return 1
    files = render_site(result.site, root)
    write_output(files, out)
    elapsed = time.perf_counter() - started
    print(f"built {len(result.site.events)} events, {len(files)} files into {out} in {elapsed:.2f} s")
    return 0
