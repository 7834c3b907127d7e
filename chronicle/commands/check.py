"""`check`: validate the site folder; write nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

import jinja2

from chronicle.build.load import LoadResult, load_site
from chronicle.build.plan import Planning
from chronicle.build.site_links import check_site_links, planned_site_links
from chronicle.build.site_warnings import with_site_warnings
from chronicle.build.theme_sample import has_own_theme, plan_theme_sample, render_theme_sample
from chronicle.commands.report import print_diagnostics, template_diagnostic
from chronicle.model.diagnostics import Diagnostic
from chronicle.render.assets import theme_assets
from chronicle.render.theme import theme_dirs


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    # What corrections changed shows only on pages; entities no event lists are warned about.
    result = with_site_warnings(load_site(root, what_changed=False))
    diagnostics = _with_links_and_theme(result, root)
    print_diagnostics(diagnostics, root, args.format)
    if any(diagnostic.severity == "error" for diagnostic in diagnostics):
        return 1
    if args.format == "text":
        site = result.site
        assert site is not None
        events, articles = _count(len(site.events), "event"), _count(len(site.articles), "article")
        print(f"ok: {events}, {articles}, every quote verified")
    return 0


def _with_links_and_theme(result: LoadResult, root: Path) -> tuple[Diagnostic, ...]:
    """The load's diagnostics, then the links inside the site (as `build` checks them) and, for
    a site's own theme, its files as the build reads them and one page of each template
    rendered, written nowhere. Both are made
    from one planned timeline when there is a sample to render: planning is a build's first
    stage, too costly to run twice on a large site."""
    diagnostics, site = result.diagnostics, result.site
    broken: jinja2.TemplateError | None = None
    planning: Planning | None = None
    try:
        if site is not None and has_own_theme(root):
            for _ in theme_assets(theme_dirs(root)):  # a file the build refuses (a link out, too large)
                pass
        if result.ok and site is not None and has_own_theme(root):
            planning = plan_theme_sample(root, site)
    except jinja2.TemplateError as exc:  # the links are still checked, as without a sample
        broken = exc
    try:
        if site is not None:
            links = planned_site_links(planning) if planning is not None else check_site_links(site, root)
            diagnostics = tuple(sorted((*diagnostics, *links), key=lambda diagnostic: diagnostic.sort_key))
        if planning is not None:
            render_theme_sample(planning)
    except jinja2.TemplateError as exc:
        broken = exc
    finally:
        if planning is not None:
            planning.cards.detach()
    return diagnostics if broken is None else (*diagnostics, template_diagnostic(broken, root))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
