"""`links`: check every external URL the site cites; report each problem where the URL is given."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronicle.commands.report import print_diagnostics
from chronicle.links.fetch import Settings, check_urls
from chronicle.links.urls import collect, hosts
from chronicle.links.verdict import verdicts
from chronicle.model.diagnostics import Diagnostics, summary_line


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    diagnostics = Diagnostics()
    citations = collect(root, diagnostics)
    if diagnostics.has_errors:  # files that do not parse: reported as `check` reports them
        print_diagnostics(diagnostics.sorted(), root, args.format)
        print("links not checked: fix the problems above first", file=sys.stderr)
        return 1
    urls = sorted({citation.url for citation in citations})
    settings = Settings(
        concurrency=args.concurrency,
        timeout=args.timeout,
        delay=args.delay,
        allow_private=args.allow_private,
    )
    found = verdicts(citations, check_urls(urls, settings))
    print_diagnostics(found, root, args.format, summary=False)
    checked = f"checked {_count(len(urls), 'URL')} on {_count(len(hosts(urls)), 'host')}"
    if found or args.format == "github":  # github: stdout holds nothing but annotations
        print(f"{checked}: {summary_line(found)}", file=sys.stderr)
    else:
        print(f"{checked}: every one answered")
    return 1 if any(diagnostic.severity == "error" for diagnostic in found) else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
