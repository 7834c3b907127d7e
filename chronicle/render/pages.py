"""Timeline -> HTML pages through the Jinja2 theme, one function per page kind."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.meta
from markupsafe import Markup

from chronicle.build.cache import digest
from chronicle.model.dates import PartialDate
from chronicle.timeline.views import EventView, Listing, PageView, SourcePage, Timeline

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_theme_dir() -> Path:
    """The repository's templates/: inside the package when installed, beside it when editable."""
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """The site's own templates/ first (it may override only some files), then the default."""
    own = root / "templates"
    default = default_theme_dir()
    if own.is_dir() and own.resolve() != default.resolve():
        return (own, default)
    return (default,)


def make_environment(dirs: tuple[Path, ...], bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The theme's environment; compiled templates are kept in `bytecode_dir` between runs."""
    cache = None
    if bytecode_dir is not None:
        try:
            bytecode_dir.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(bytecode_dir))
        except OSError:
            cache = None  # a read-only site folder builds without it
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(path) for path in dirs]),
        bytecode_cache=cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat templates per page
    )
    env.filters["long_date"] = long_date
    use_cards(env, CardRenderer(env, {}, {}))
    from chronicle.render import structured_data  # the theme's JSON-LD builders and <time> helpers

    structured_data.register(env)
    return env


class CardRenderer:
    """`card(view, root, heading)` in templates: an event's card from templates/card.html,
    rendered once per event, page depth and heading level, and reused by every page showing it.

    `keys` maps a slug to a digest of what its card shows; `store` keeps rendered cards by
    key (the build cache passes its own, so cards survive between builds).
    """

    def __init__(self, env: jinja2.Environment, keys: Mapping[str, str], store: dict[str, Any]) -> None:
        self.env = env
        self.keys = keys
        self.store = store
        self.used: set[str] = set()

    def key(self, view: EventView, root: str, heading: str) -> str:
        return card_store_key(self.keys.get(view.slug) or digest(repr(view)), root, heading)

    def __call__(self, view: EventView, root: str, heading: str = "h3") -> Markup:
        key = self.key(view, root, heading)
        self.used.add(key)
        if key not in self.store:
            self.store[key] = self.render(view, root, heading)
        return Markup(self.store[key])

    def many(self, views: Iterable[EventView], root: str, heading: str = "h3") -> Markup:
        """`cards(views, root, heading)` in templates: the cards one after another, a line each."""
        return Markup("\n".join([self(view, root, heading) for view in views]))

    def render(self, view: EventView, root: str, heading: str) -> str:
        return self.env.get_template("card.html").render(view=view, root=root, heading=heading)


def card_store_key(shown: str, root: str, heading: str) -> str:
    """Where a card is kept: `shown` is the digest of what it shows."""
    return f"card:{shown}:{root}:{heading}"


def use_cards(env: jinja2.Environment, cards: CardRenderer) -> None:
    """Give the templates `card(...)` and `cards(...)` from this renderer."""
    env.globals["card"] = cards
    env.globals["cards"] = cards.many


def long_date(day: datetime.date) -> str:
    """ "4 June 2025": the display form of a full date."""
    return PartialDate(day.year, day.month, day.day).display()


@dataclass(frozen=True)
class PageContext:
    """What every template gets besides its own data."""

    timeline: Timeline
    path: str
    """This page's site path ("events/slug/"; "" for the home page)."""
    root: str
    """The way from this page back to the site root: relative, or absolute on 404.html."""

    @property
    def canonical(self) -> str:
        return self.timeline.site.settings.base_url + self.path


def relative_root(path: str) -> str:
    return "../" * path.count("/")


def _render(env: jinja2.Environment, template: str, context: PageContext, **data: Any) -> bytes:
    return env.get_template(template).render(_variables(context, data)).encode("utf-8")


def _render_chunks(env: jinja2.Environment, template: str, context: PageContext, **data: Any) -> list[bytes]:
    """A large page in the pieces the template yields, never joined in memory."""
    return [text.encode("utf-8") for text in env.get_template(template).generate(_variables(context, data))]


def _variables(context: PageContext, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "site": context.timeline.site.settings,
        "timeline": context.timeline,
        "page_path": context.path,
        "root": context.root,
        "canonical": context.canonical,
        **data,
    }


def _at(timeline: Timeline, path: str) -> PageContext:
    return PageContext(timeline, path, relative_root(path))


def render_index(env: jinja2.Environment, timeline: Timeline) -> list[bytes]:
    """The home page (every event's card): in pieces, as it is the largest page."""
    return _render_chunks(env, "index.html", _at(timeline, ""))


def render_event_page(env: jinja2.Environment, timeline: Timeline, index: int) -> bytes:
    view = timeline.events[index]
    previous, following = timeline.neighbours(index)
    return _render(env, "event.html", _at(timeline, view.path), event=view, previous=previous, next=following)


def render_source_page(env: jinja2.Environment, timeline: Timeline, source: SourcePage) -> bytes:
    return _render(env, "source.html", _at(timeline, source.path), source=source)


def render_listing_page(env: jinja2.Environment, timeline: Timeline, listing: Listing) -> bytes:
    return _render(env, "listing.html", _at(timeline, listing.path), listing=listing)


def render_listing_index(
    env: jinja2.Environment, timeline: Timeline, kind: str, listings: tuple[Listing, ...]
) -> bytes:
    return _render(env, "listings.html", _at(timeline, f"{kind}s/"), kind=kind, listings=listings)


def render_sources_index(env: jinja2.Environment, timeline: Timeline) -> bytes:
    return _render(env, "sources.html", _at(timeline, "sources/"))


def render_disputes_page(env: jinja2.Environment, timeline: Timeline) -> bytes:
    return _render(env, "disputes.html", _at(timeline, "disputes/"))


def render_free_page(env: jinja2.Environment, timeline: Timeline, page: PageView) -> bytes:
    return _render(env, "page.html", _at(timeline, page.path), page=page)


def render_not_found_page(env: jinja2.Environment, timeline: Timeline) -> bytes:
    # GitHub Pages serves 404.html at any depth: only absolute paths work there.
    base_path = urlsplit(timeline.site.settings.base_url).path or "/"
    return _render(env, "404.html", PageContext(timeline, "404.html", base_path))


def render_sitemap(env: jinja2.Environment, timeline: Timeline, paths: list[str]) -> bytes:
    return _render(env, "sitemap.xml", _at(timeline, "sitemap.xml"), paths=paths)


_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def template_key(env: jinja2.Environment, name: str) -> str:
    """A digest of a template and of every template it uses."""
    return digest(*(source for source in _template_sources(env, name)))


def _template_sources(env: jinja2.Environment, name: str) -> list[str]:
    """The source of a template and of every template it extends, includes or imports.

    References are found by a pattern rather than by parsing (parsing every template on
    every build costs more than the rest of a small rebuild); a reference the pattern
    cannot see (a computed name) falls back to Jinja's own analysis of that template.
    """
    sources: list[str] = []
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        assert env.loader is not None
        source = env.loader.get_source(env, current)[0]
        sources.append(current + "\0" + source)
        if re.search(r"{%-?\s*(?:extends|include|import|from)\s+[^\"'\s]", source):
            pending.extend(
                reference
                for reference in jinja2.meta.find_referenced_templates(env.parse(source))
                if reference is not None
            )
        else:
            pending.extend(_REFERENCE.findall(source))
    return sorted(sources)
