"""Site settings and views -> what another page needs to embed the timeline or an event: the
snippet to paste (a frame and the listener that sizes it) and the oEmbed answer.

The embed pages themselves (embed/, embed/<period>/, embed/events/<slug>/) are templates of
the theme (templates/embed/); `register` makes these builders the theme's globals, so the
event page's "Embed" section and each oEmbed file show the same snippet.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
from markupsafe import Markup

from chronicle.model.origins import web_origin
from chronicle.model.records import SiteSettings
from chronicle.timeline.views import EventView

EMBED_FOLDER = "embed/"
"""Where the embed pages are: `embed/` + the path of the page each one shows."""
OEMBED_FILE = "oembed.json"
"""Beside each embed page of an event (and of the timeline): its oEmbed answer."""
EMBED_HEIGHT = 600
"""The frame's height before (or without) its page's script reports the content's height."""
EMBED_WIDTH = 640
"""The width the oEmbed answer states (the snippet's frame takes its column's width)."""
HEIGHT_MESSAGE = "chronicle:height"
"""The `type` of the message an embed page posts to the page embedding it (assets/embed.js)."""


def register(env: jinja2.Environment) -> None:
    env.globals.update(embed_snippet=embed_snippet, oembed=oembed, embed_path=embed_path)


def embed_path(path: str) -> str:
    """The embed page of the page at site path `path` ("" for the timeline)."""
    return EMBED_FOLDER + path


def site_origin(base_url: str) -> str:
    """ "https://example.github.io" for "https://example.github.io/timeline/": what a message
    from an embed page says it comes from, as the browser says it (`event.origin`: host in
    lower case and IDNA form, no default port, whatever the case `base_url` is typed in)."""
    return web_origin(base_url)


def frame_title(site: SiteSettings, title: str | None) -> str:
    """The frame's accessible name: the event's title and the site's, or the site's alone."""
    if not title:
        return site.title
    # Translators: an embedded event's frame, named for screen readers: the event, then the site.
    return site.wording.phrase("%(title)s (%(site)s)", title=title, site=site.title)


_LISTENER = """<script>
addEventListener("message", function (event) {{
  var data = event.data || {{}}, height = Math.ceil(Number(data.height));
  if (event.origin !== {origin} || data.type !== "{message}" || !(height > 0)) return;
  document.querySelectorAll("iframe").forEach(function (frame) {{
    if (frame.contentWindow === event.source) frame.height = String(height);
  }});
}});
</script>"""


def embed_snippet(site: SiteSettings, path: str = "", title: str | None = None) -> str:
    """The HTML another page pastes to show the page at `path` ("" for the timeline): a frame
    of EMBED_HEIGHT pixels (scrolling inside) and a script that sets its height to what its
    page reports, taking a message only from the site's origin and from that frame."""
    src = site.base_url + embed_path(path)
    frame = (
        f'<iframe src="{_attribute(src)}" title="{_attribute(frame_title(site, title))}"'
        f' loading="lazy" style="width:100%;border:0" height="{EMBED_HEIGHT}"></iframe>'
    )
    origin = json.dumps(site_origin(site.base_url)).replace("<", "\\u003c")  # no "</script>"
    return frame + "\n" + _LISTENER.format(origin=origin, message=HEIGHT_MESSAGE)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def oembed(site: SiteSettings, event: EventView | None = None) -> Markup:
    """The oEmbed 1.0 answer (https://oembed.com/, type "rich") for the event's embed, or the
    timeline's: JSON, keys sorted."""
    data: dict[str, Any] = {
        "version": "1.0",
        "type": "rich",
        "title": event.title if event is not None else site.title,
        "provider_name": site.title,
        "provider_url": site.base_url,
        "html": embed_snippet(site, *((event.path, event.title) if event is not None else ())),
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
    }
    if site.author:
        data["author_name"] = site.author
    image = event.lead_image if event is not None else None
    if image is not None:
        thumbnail = image.thumbnail
        data["thumbnail_url"] = site.base_url + thumbnail.path
        data["thumbnail_width"] = thumbnail.width
        data["thumbnail_height"] = thumbnail.height
    return Markup(_indented(data))


def _indented(data: dict[str, Any]) -> str:
    """`json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)` of a flat object,
    written by the C encoder: indenting takes json's Python encoder, whose functions refer
    to each other (a reference cycle at every call, kept with the collector off in a build)."""
    items = [f" {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)}" for key in sorted(data)]
    return "{\n" + ",\n".join(items) + "\n}"
