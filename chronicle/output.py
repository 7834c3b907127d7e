"""Timeline -> every output file (pages, feeds, sitemap, assets) as path -> bytes, in memory."""

from __future__ import annotations

from pathlib import Path

from chronicle.assets import theme_assets
from chronicle.feeds import render_feeds
from chronicle.markdown import make_markdown
from chronicle.model import Site
from chronicle.render import make_environment, render_pages, render_sitemap, theme_dirs
from chronicle.search import INDEX_PATH, render_search_index
from chronicle.timeline import Timeline, build_timeline
from chronicle.write import collect


def render_site(site: Site, root: Path) -> dict[str, bytes]:
    timeline = build_timeline(site, make_markdown())
    dirs = theme_dirs(root)
    env = make_environment(dirs)
    files = collect(render_pages(env, timeline))
    rss, atom = render_feeds(timeline)
    files |= collect([("feed.xml", rss), ("atom.xml", atom)])
    files |= collect([(INDEX_PATH, render_search_index(timeline))])
    files["sitemap.xml"] = render_sitemap(env, timeline, _sitemap_paths(files))
    files[".nojekyll"] = b""
    files |= collect(theme_assets(dirs))
    return files


def _sitemap_paths(files: dict[str, bytes]) -> list[str]:
    return sorted(path.removesuffix("index.html") for path in files if path.endswith("index.html"))


def timeline_of(site: Site) -> Timeline:
    return build_timeline(site, make_markdown())
