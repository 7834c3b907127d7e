"""`check`: validate the site folder; write nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

import jinja2

from chronicle.build.load import load_site
from chronicle.build.site_links import check_site_links
from chronicle.build.theme_sample import has_own_theme, render_theme_sample
from chronicle.build.unlisted_entities import with_unlisted_entities
from chronicle.commands.report import print_diagnostics, template_diagnostic


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    # What corrections changed shows only on pages; entities no event lists are warned about.
    result = with_unlisted_entities(load_site(root, what_changed=False))
    diagnostics = result.diagnostics
    try:
        if result.site is not None:  # links inside the site, to pages and their parts: as `build` checks them
            found = (*diagnostics, *check_site_links(result.site, root))
            diagnostics = tuple(sorted(found, key=lambda diagnostic: diagnostic.sort_key))
        if result.ok and result.site is not None and has_own_theme(root):
            # A site's own theme: one page of each template rendered, written nowhere.
            render_theme_sample(root, result.site)
    except jinja2.TemplateError as exc:
        diagnostics = (*diagnostics, template_diagnostic(exc, root))
    print_diagnostics(diagnostics, root, args.format)
    if any(diagnostic.severity == "error" for diagnostic in diagnostics):
        return 1
    if args.format == "text":
        site = result.site
        assert site is not None
        events, articles = _count(len(site.events), "event"), _count(len(site.articles), "article")
        print(f"ok: {events}, {articles}, every quote verified")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
