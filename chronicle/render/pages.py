"""Timeline -> the HTML pages (and the sitemap) as page specifications, and their rendering.

A `PageSpec` says which template renders a page and with what variables; the build
decides which pages to render and records what each render reads (build.tracking).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import jinja2

from chronicle.model.date_wording import shared_span
from chronicle.model.dates import PartialDate
from chronicle.model.wording import Wording
from chronicle.render.embeds import OEMBED_FILE, embed_path
from chronicle.render.feeds import CORRECTIONS_PAGE
from chronicle.render.theme import (
    LOCATED_ALREADY,
    long_date,
    render_template,
    rendered_pieces,
    theme_render_error,
)
from chronicle.timeline.addresses import CitedAddress
from chronicle.timeline.claim_views import ClaimView
from chronicle.timeline.finder import finder
from chronicle.timeline.lists import Part, listing_parts, paged
from chronicle.timeline.periods import period_of_events
from chronicle.timeline.source_pages import SourcePage
from chronicle.timeline.views import CorrectionView, Listing, Timeline, cited_title


@dataclass(frozen=True)
class PageSpec:
    """One page: its output path, its template and the template's variables."""

    path: str
    template: str
    variables: dict[str, Any]
    chunked: bool = False
    """Rendered in the pieces the template yields, never joined in memory (the largest pages)."""


def relative_root(path: str) -> str:
    return "../" * path.count("/")


def _spec(
    timeline: Timeline, site_path: str, template: str, root: str | None = None, **data: Any
) -> PageSpec:
    settings = timeline.site.settings
    variables = {
        "site": settings,
        "timeline": timeline,
        "page_path": site_path,
        "root": relative_root(site_path) if root is None else root,
        "canonical": settings.base_url + site_path,
        **data,
    }
    path = site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path
    return PageSpec(path, template, variables, chunked=template == "index.html")


UNLISTED = frozenset(("404.html", "moved.html"))
"""Pages the sitemap leaves out: no page of their own to find (an event's old address)."""

SITEMAP_MAX_URLS = 50_000
"""The sitemaps protocol's limit per file (sitemaps.org): a site with more pages gets a
sitemap index at sitemap.xml, naming sitemap-1.xml, sitemap-2.xml ..."""


def page_specs(timeline: Timeline) -> Iterator[PageSpec]:
    """Every page of the site, in a stable order; the sitemap, last, lists those a reader
    opens (every HTML page but the embeds and 404.html)."""
    listed: list[str] = []
    for spec in _pages_but_the_sitemap(timeline):
        if (
            spec.template.endswith(".html")
            and not spec.template.startswith("embed/")
            and spec.template not in UNLISTED
        ):
            listed.append(spec.variables["page_path"])
        yield spec
    yield from _sitemap_specs(timeline, sorted(listed), SITEMAP_MAX_URLS)


def _sitemap_specs(timeline: Timeline, paths: Sequence[str], most: int) -> Iterator[PageSpec]:
    if len(paths) <= most:
        yield _spec(timeline, "sitemap.xml", "sitemap.xml", paths=tuple(paths))
        return
    parts = []
    for number, start in enumerate(range(0, len(paths), most), 1):
        parts.append(f"sitemap-{number}.xml")
        yield _spec(timeline, parts[-1], "sitemap.xml", paths=tuple(paths[start : start + most]))
    yield _spec(timeline, "sitemap.xml", "sitemap_index.xml", sitemaps=tuple(parts))


def event_page_specs(
    timeline: Timeline,
    corrections: Sequence[Part[CorrectionView]] | None = None,
    only: Collection[str] | None = None,
) -> Iterator[PageSpec]:
    """Every event's page (`only` those at these output paths); `corrections`: the timeline's
    `correction_parts`, if made already. They need no more of the timeline than its
    chronology (timeline.assemble.in_chronology)."""
    chosen = [
        (index, view)
        for index, view in enumerate(timeline.events)
        if only is None or view.path + "index.html" in only
    ]
    # A few pages (the preview server's open ones) look up only their own periods, and the
    # Corrections page only when one of them has corrections: both are made of every event.
    slugs = None if only is None else {view.slug for _, view in chosen}
    shown_in = period_of_events(timeline.chronology, slugs)
    listed_on: dict[str, dict[str, str]] = {}
    if only is None or any(view.corrections for _, view in chosen):
        listed_on = correction_pages(correction_parts(timeline) if corrections is None else corrections)
    for index, view in chosen:
        previous, following = timeline.neighbours(index)
        yield _spec(
            timeline,
            view.path,
            "event.html",
            event=view,
            previous=previous,
            next=following,
            period=shown_in.get(view.slug),
            correction_pages=listed_on.get(view.slug, {}),
        )


def _pages_but_the_sitemap(timeline: Timeline) -> Iterator[PageSpec]:
    yield _spec(timeline, "", "index.html", finder=finder(timeline))
    for period in timeline.chronology.pages:
        yield _spec(timeline, period.path, "period.html", period=period)
    corrections = correction_parts(timeline)
    yield from event_page_specs(timeline, corrections)
    for view in timeline.events:
        for old in view.former_paths:
            yield _spec(timeline, old, "moved.html", event=view, merged=False)
        for old in view.merged_paths:
            yield _spec(timeline, old, "moved.html", event=view, merged=True)
    listed: tuple[SourcePage | CitedAddress, ...] = (*timeline.sources, *timeline.addresses)
    for sources in paged("sources/", listed, SOURCES_PER_PAGE, _sources_cover, _source_line_weight):
        yield _spec(timeline, sources.path, "sources.html", part=sources)
    for source in timeline.sources:
        for part in source.parts:
            yield _spec(timeline, part.path, "source.html", source=source, part=part)
        for text in source.texts[1:]:
            yield _spec(timeline, text.path, "source_text.html", source=source, text=text)
    for kind, listings in (("tag", timeline.tags), ("actor", timeline.actors), ("place", timeline.places)):
        for names in paged(f"{kind}s/", listings, LISTINGS_PER_PAGE, _names_cover):
            yield _spec(timeline, names.path, "listings.html", kind=kind, listings=listings, part=names)
        for listing in listings:
            for part in listing_parts(listing.path, listing.events):
                yield _spec(timeline, part.path, "listing.html", listing=listing, part=part)
    for claims in paged("disputes/", timeline.claims, CLAIMS_PER_PAGE, _claims_cover):
        yield _spec(timeline, claims.path, "disputes.html", part=claims)
    for corrected in corrections:
        yield _spec(timeline, corrected.path, "corrections.html", part=corrected)
    for page in timeline.pages:
        yield _spec(timeline, page.path, "page.html", page=page)
    yield from _embed_specs(timeline)
    # GitHub Pages serves 404.html at any depth: only absolute paths work there.
    base_path = urlsplit(timeline.site.settings.base_url).path or "/"
    yield _spec(timeline, "404.html", "404.html", root=base_path)


def _embed_specs(timeline: Timeline) -> Iterator[PageSpec]:
    """The pages made for another site's frame (templates/embed/): the timeline, each period and
    each event, each naming the page it shows (`shown`) as its canonical address; and the
    oEmbed answers of the timeline and of each event."""
    base = timeline.site.settings.base_url

    def embed(shown: str, template: str, **data: Any) -> PageSpec:
        return _spec(timeline, embed_path(shown), template, canonical=base + shown, shown=shown, **data)

    yield embed("", "embed/timeline.html")
    for period in timeline.chronology.pages:
        yield embed(period.path, "embed/period.html", period=period)
    for view in timeline.events:
        yield embed(view.path, "embed/event.html", event=view)
    for view in timeline.events:
        for merged, paths in ((False, view.former_paths), (True, view.merged_paths)):
            for old in paths:
                yield _spec(
                    timeline,
                    embed_path(old),
                    "embed/moved.html",
                    event=view,
                    canonical=base + view.path,
                    shown=view.path,
                    embed_to=embed_path(view.path),
                    merged=merged,
                )
    yield _spec(timeline, embed_path(OEMBED_FILE), "embed/oembed.json", event=None)
    for view in timeline.events:
        yield _spec(timeline, embed_path(view.path) + OEMBED_FILE, "embed/oembed.json", event=view)


CLAIMS_PER_PAGE = 20
"""A disputed figure weighs 2-5 KB (its table, quotes and chart): 20 keep a page within 150 KB."""
SOURCES_PER_PAGE = 200
"""A line of the sources index weighs about 0.4 KB."""
LISTINGS_PER_PAGE = 500
"""A line of the topics', actors' or places' index weighs about 0.1 KB."""


CORRECTIONS_PER_PAGE = 100
"""A line of the Corrections page (a date, a title, a commit message, what changed) weighs
about 0.5 KB."""


def correction_parts(timeline: Timeline) -> tuple[Part[CorrectionView], ...]:
    """The Corrections page in pages of CORRECTIONS_PER_PAGE, newest first (one page, empty,
    when there are none)."""
    wording = timeline.site.settings.wording
    cover = partial(_corrections_cover, wording)
    return paged(CORRECTIONS_PAGE, timeline.corrections, CORRECTIONS_PER_PAGE, cover, _one)


def correction_pages(parts: Sequence[Part[CorrectionView]]) -> dict[str, dict[str, str]]:
    """Slug -> each of its corrections' commit -> where the Corrections page lists it (a site
    path and an anchor)."""
    pages: dict[str, dict[str, str]] = {}
    for part in parts:
        for correction in part.items:
            where = f"{part.path}#{correction.anchor}"
            pages.setdefault(correction.event.slug, {})[correction.change.sha] = where
    return pages


def _one(item: object) -> int:
    return 1


def _corrections_cover(wording: Wording, corrections: Sequence[CorrectionView]) -> str:
    if not corrections:
        return ""
    # A span of days reads from its first to its last, as the corrections' list goes the other way,
    # and says what its days share once, as the locale's interval format has it ("3–5 December 2026").
    newest, oldest = (item.change.date for item in (corrections[0], corrections[-1]))
    if newest == oldest:
        return long_date(wording, newest)
    first, last = (PartialDate(day.year, day.month, day.day) for day in (oldest, newest))
    return "".join(shared_span(first, last, wording))


def _names_cover(listings: Sequence[Listing]) -> str:
    if not listings:
        return ""
    return listings[0].name if len(listings) == 1 else f"{listings[0].name} … {listings[-1].name}"


def _claims_cover(claims: Sequence[ClaimView]) -> str:
    if not claims:
        return ""
    return (
        claims[0].event_title if len(claims) == 1 else f"{claims[0].event_title} … {claims[-1].event_title}"
    )


def _sources_cover(sources: Sequence[SourcePage | CitedAddress]) -> str:
    if not sources:
        return ""
    first, last = (_listed_title(source) for source in (sources[0], sources[-1]))
    return first if len(sources) == 1 else f"{first} … {last}"


def _listed_title(source: SourcePage | CitedAddress) -> str:
    if isinstance(source, CitedAddress):
        return cited_title(source.source.title, source.source.title_supplied)
    return cited_title(source.article.title, source.article.title_supplied)


def _source_line_weight(source: SourcePage | CitedAddress) -> int:
    # An address's line names its citing events: three of them weigh about a line.
    return 1 + len(source.shown) // 3 if isinstance(source, CitedAddress) else 1


def page_claim(spec: PageSpec) -> tuple[str, str | None]:
    """What a page is, in words (and the site file that makes it, where one does): what the
    build says when two things claim one output path."""
    variables, template = spec.variables, spec.template
    number = getattr(variables.get("part"), "number", 1)
    part = f" (part {number} of its list of events)" if number > 1 else ""
    embed = "the embed page of " if template.startswith("embed/") else ""
    event, source, listing = variables.get("event"), variables.get("source"), variables.get("listing")
    if template.endswith("moved.html") and event is not None:
        field = "merged_slugs" if variables.get("merged") else "former_slugs"
        return f"{embed}the old address of the event '{event.slug}' (its {field})", event.event.path
    if template.endswith("oembed.json"):
        what = f"the event '{event.slug}'" if event is not None else "the timeline"
        return f"the oEmbed answer of {what}", event.event.path if event is not None else None
    if event is not None:
        return f"{embed or 'the page of '}the event '{event.slug}'", event.event.path
    if template == "source_text.html" and source is not None:
        text = variables["text"]
        return f"part {text.number} of the text of the source '{source.article.id}'", _article_file(source)
    if source is not None:
        return f"the page of the source '{source.article.id}'{part}", _article_file(source)
    if listing is not None:
        where = "content/entities.yaml" if listing.entity is not None else _first_event_file(listing)
        return f"the page of the {_KINDS[listing.kind]} '{listing.id}'{part}", where
    if "period" in variables:
        return f"{embed or 'the page of '}{variables['period'].label}", None
    if "page" in variables:
        free = variables["page"].page
        return f"the free page '{free.name}'", free.path
    page = f"page {number} of " if number > 1 else ""
    indexes = {
        "listings.html": f"the {_KINDS.get(variables.get('kind', ''), 'listing')}s index",
        "sources.html": "the sources index",
        "disputes.html": "the disputed figures",
        "corrections.html": "the Corrections page",
        "index.html": "the home page",
        "embed/timeline.html": "the embed page of the timeline",
        "404.html": "the page for addresses the site does not have (404.html)",
    }
    if template in indexes:
        return f"{page}{indexes[template]}", None
    if template.startswith("sitemap"):
        return f"the sitemap {spec.path}", None
    return f"the page {spec.path}, made by the template {template}", None


_KINDS = {"tag": "topic", "actor": "actor", "place": "place"}


def _article_file(source: SourcePage) -> str:
    return f"content/articles/{source.article.id}.yaml"


def _first_event_file(listing: Listing) -> str | None:
    return listing.events[0].event.path if listing.events else None


def render_page(env: jinja2.Environment, spec: PageSpec, variables: dict[str, Any]) -> bytes | list[bytes]:
    """The page's bytes (`variables`: the spec's, as the build hands them over)."""
    template = env.get_template(spec.template)
    try:
        if spec.chunked:
            return [text.encode("utf-8") for text in rendered_pieces(template, variables)]
        return render_template(template, variables).encode("utf-8")
    except LOCATED_ALREADY:
        raise
    except Exception as error:  # a site's template may raise anything Python can
        raise theme_render_error(error, spec.template) from None
