"""What `check` renders of a site's own theme: one page of each template, written nowhere,
so that a theme that cannot render fails the check on a pull request rather than the
deploy after it (a template's syntax is checked by every build's page keys already)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from chronicle.build.cache import BuildState
from chronicle.build.plan import Planning, plan_timeline
from chronicle.build.proxies import Reads, track
from chronicle.build.session import provenance
from chronicle.model.records import Site
from chronicle.render.pages import PageSpec, page_specs, render_page
from chronicle.render.theme import theme_dirs


def has_own_theme(root: Path) -> bool:
    return len(theme_dirs(root)) > 1


def plan_theme_sample(root: Path, site: Site) -> Planning:
    """The timeline planned as the build plans it, in the site's theme, with nothing cached:
    the sample is rendered from it, and the site's links are checked on it too
    (`planned_site_links`), so that `check` plans the timeline once. A theme that cannot
    compile raises the build's located jinja2.TemplateError."""
    return plan_timeline(site, root, BuildState(""), provenance(site), jobs=1)


def render_theme_sample(planning: Planning) -> None:
    """Render the first page of each template of the site's pages, as the build would (the
    cards a page shows too); a template that fails raises the build's located
    jinja2.TemplateError. Nothing is cached or written."""
    for spec in _first_of_each_template(page_specs(planning.timeline)):
        reads = Reads()
        planning.cards.reads = reads
        render_page(planning.env, spec, track(spec.variables, reads))


def _first_of_each_template(specs: Iterable[PageSpec]) -> list[PageSpec]:
    first: dict[str, PageSpec] = {}
    for spec in specs:
        first.setdefault(spec.template, spec)
    return list(first.values())
