"""Timeline views -> what machines read in a page: schema.org JSON-LD, <time> datetimes, one h1.

Plain functions over the frozen view objects; `register` makes them the theme's Jinja globals
and filters, so templates only place what these return. Every builder returns plain dicts
with absolute URLs from the site's base_url, and `json_ld` prints them safely inside
<script type="application/ld+json"> (no "</script>" can close the element early).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from chronicle.model.date_wording import DateLabel
from chronicle.model.dates import PartialDate
from chronicle.model.records import Entity, SiteSettings
from chronicle.timeline.claim_views import ClaimView
from chronicle.timeline.lists import Part
from chronicle.timeline.media import ImageView
from chronicle.timeline.source_pages import SourcePage
from chronicle.timeline.views import (
    CorrectionView,
    EventView,
    Listing,
    PageView,
    SourceView,
    Timeline,
)

JsonObject = dict[str, Any]

SCHEMA = "https://schema.org"

# What an actor's `kind` says it is, in schema.org's words; anything else is a Thing.
_ACTOR_TYPES = {
    "country": "Country",
    "person": "Person",
    "agency": "GovernmentOrganization",
    "government": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
    "organisation": "Organization",
    "organization": "Organization",
}


def register(env: jinja2.Environment) -> None:
    """Make the builders available to the theme: data builders as globals, helpers as filters."""
    env.filters["json_ld"] = json_ld
    env.filters["time_parts"] = time_parts
    env.filters["one_h1"] = one_h1
    env.globals.update(
        website_data=website_data,
        event_data=event_data,
        source_data=source_data,
        listing_data=listing_data,
        disputes_data=disputes_data,
        corrections_data=corrections_data,
        page_data=page_data,
    )


def json_ld(data: JsonObject) -> Markup:
    """JSON for a <script type="application/ld+json"> element: sorted keys, markup characters escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # \u003c is the same JSON string as "<", but "</script>" and "<!--" can no longer appear.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --------------------------------------------------------------------------- <time> elements


def time_parts(view: EventView) -> DateLabel:
    """An event's date label in runs: "4–9 June 2025" -> "4" (2025-06-04), "–", "9 June 2025".

    Each run carries only what is certain of its date (model/date_wording.py); the visible
    text is exactly the label.
    """
    return view.date_parts


# --------------------------------------------------------------------------- one h1 per page

_H1_TAG = re.compile(r"<(/?)h1>")


def one_h1(html: Markup) -> Markup:
    """Rendered markdown whose headings leave the page one h1: a leading h1 stays, any other becomes h2.

    Raw HTML is off in markdown, so "<h1>" in the output can only be a markdown heading.
    """
    text = str(html)
    if text.startswith("<h1>"):
        closing = text.find("</h1>") + len("</h1>")
        return Markup(text[:closing] + _H1_TAG.sub(r"<\1h2>", text[closing:]))
    return Markup(_H1_TAG.sub(r"<\1h2>", text))


# --------------------------------------------------------------------------- schema.org builders


def website_data(site: SiteSettings) -> JsonObject:
    """The timeline page: the WebSite, with the search its ?q= parameter performs."""
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site.title,
        "url": site.base_url,
        "inLanguage": site.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": site.base_url + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
    if site.description:
        data["description"] = site.description
    if site.author:
        data["publisher"] = {"@type": "Organization", "name": site.author}
    return data


def event_data(view: EventView, site: SiteSettings) -> JsonObject:
    """An event page: a WebPage about an Event, citing its sources, with its disputed figures as Claims."""
    url = site.base_url + view.path
    event: JsonObject = {
        "@type": "Event",
        "name": view.title,
        "description": view.summary_text,
        "url": url,
    }
    if view.start_iso:  # only what is certain: nothing for "c. 2024" or "on or before 3 June"
        event["startDate"] = view.start_iso
    if view.end_iso:
        event["endDate"] = view.end_iso
    if view.places:
        event["location"] = [_place(place) for place in view.places]
    if view.actors:
        event["about"] = [_actor(actor) for actor in view.actors]
    if view.event.tags:
        event["keywords"] = ", ".join(tag.replace("-", " ") for tag in view.event.tags)
    # The view may come through the build's read-tracking proxies: known by `kind`, not type.
    images = [image_object(item, site) for item in view.media if item.kind == "image"]
    if images:
        event["image"] = images
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": view.title,
        "url": url,
        "description": view.summary_text,
        "inLanguage": site.language,
        "isPartOf": _website(site),
        "datePublished": view.event.added.isoformat(),
        "breadcrumb": _breadcrumb([(site.wording.phrase("Timeline"), site.base_url), (view.title, url)]),
        "mainEntity": event,
        "citation": [creative_work(source, site) for source in view.sources],
    }
    if view.event.updated:
        data["dateModified"] = view.event.updated.isoformat()
    if images:
        data["primaryImageOfPage"] = images[0]
    # Only the disputed figures: a schema.org Claim is a statement a source makes, not a wording.
    claims = [claim for item in view.claims for claim in claim_data(item, site)]
    if claims:
        data["hasPart"] = claims
    return data


def image_object(image: ImageView, site: SiteSettings) -> JsonObject:
    """An image as schema.org knows it: its largest copy, what it shows, who to credit."""
    copy = image.largest
    data: JsonObject = {
        "@type": "ImageObject",
        "contentUrl": site.base_url + copy.path,
        "url": site.base_url + copy.path,
        "encodingFormat": copy.mime_type,
        "width": copy.width,
        "height": copy.height,
        "description": image.image.alt,
        "creditText": image.image.credit,
    }
    if image.caption is not None:
        data["caption"] = image.caption.text
    terms = image.image.license
    if terms:  # a licence's address, or its name ("CC BY 4.0", "All rights reserved")
        data["license"] = (
            terms if terms.startswith(("https://", "http://")) else {"@type": "CreativeWork", "name": terms}
        )
    return data


def claim_data(claim: ClaimView, site: SiteSettings) -> list[JsonObject]:
    """One schema.org Claim per stated value, each with its `appearance`: the document stating it."""
    claims = []
    for value in claim.values:
        item: JsonObject = {
            "@type": "Claim",
            "name": f"{claim.about}: {value.value}",
            "description": site.wording.phrase(
                "%(value)s, according to %(who)s", value=value.value, who=value.according_to
            ),
            "about": {"@type": "Thing", "name": claim.about},
            "url": f"{site.base_url}events/{claim.event_slug}/#{claim.anchor}",
            "appearance": creative_work(value.source, site),
        }
        if value.source.quote:
            item["text"] = value.source.quote
        claims.append(item)
    return claims


def creative_work(source: SourceView, site: SiteSettings) -> JsonObject:
    """A cited document as schema.org knows it: title (bare: a title the editors supplied is
    bracketed on pages only), publisher, author, date, where to read it (an original whose
    address now serves other content is left out), its archived copy and its language."""
    work = _creative_work(source.title, source.publisher, source.author, source.published)
    if source.url and source.original_linked:
        work["url"] = source.url
    elif source.source_path:
        work["url"] = site.base_url + source.source_path
    if source.archive_url:
        work["archivedAt"] = source.archive_url
    if source.language:
        work["inLanguage"] = source.language
    return work


def _creative_work(
    title: str, publisher: str | None, author: str | None, published: PartialDate | None
) -> JsonObject:
    """A document as schema.org knows it, with what is known of who wrote it and when."""
    work: JsonObject = {"@type": "CreativeWork", "name": title}
    if publisher:
        work["publisher"] = {"@type": "Organization", "name": publisher}
    if author:
        work["author"] = {"@type": "Person", "name": author}
    if published:
        work["datePublished"] = published.iso()
    return work


def source_data(
    source: SourcePage, site: SiteSettings, part: Part[EventView] | None = None, path: str | None = None
) -> JsonObject:
    """A source page (`part` of it: its own citing events only, numbered from where it starts;
    `path`: a later page of its text, with the first part's events): a WebPage whose main
    entity is the document, with the events citing it."""
    article, sources = source.article, site.wording.phrase("Sources")
    url = site.base_url + source.path
    work = _creative_work(article.title, article.publisher, article.author, article.published)
    work["inLanguage"] = article.language
    if article.url and article.url_status != "unfit":  # an unfit address no longer names it
        work["sameAs"] = article.url
    if article.archive_url:
        work["archivedAt"] = article.archive_url
    return {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": article.title,
        "url": site.base_url + (path or (part.path if part else source.path)),
        "inLanguage": site.language,
        "isPartOf": _website(site),
        "breadcrumb": _breadcrumb([(sources, site.base_url + "sources/"), (article.title, url)]),
        "mainEntity": work,
        "subjectOf": _item_list(site, source.citing, part),
    }


def listing_data(listing: Listing, site: SiteSettings, part: Part[EventView] | None = None) -> JsonObject:
    """A tag, actor or place page (`part` of them: its own events only, numbered from where it
    starts): a CollectionPage about it, listing its events in order."""
    about: JsonObject
    if listing.entity is None:
        about = {"@type": "DefinedTerm", "name": listing.name}
    elif listing.kind == "place":
        about = _place(listing.entity, with_aliases=True)
    else:
        about = _actor(listing.entity, with_aliases=True)
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": listing.name,
        "url": site.base_url + (part.path if part else listing.path),
        "inLanguage": site.language,
        "isPartOf": _website(site),
        "about": about,
        "mainEntity": _item_list(site, listing.events, part),
    }


def disputes_data(
    timeline: Timeline, claims: Sequence[ClaimView] | None = None, path: str = "disputes/"
) -> JsonObject:
    """A page of the disputed figures (`claims`, default all) as schema.org Claims."""
    site = timeline.site.settings
    shown = timeline.claims if claims is None else claims
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": site.wording.phrase("Disputed figures"),
        "url": site.base_url + path,
        "inLanguage": site.language,
        "isPartOf": _website(site),
        "hasPart": [item for claim in shown for item in claim_data(claim, site)],
    }


def corrections_data(timeline: Timeline, corrections: Sequence[CorrectionView], path: str) -> JsonObject:
    """A page of the Corrections: each a schema.org CorrectionComment on its event's page."""
    site = timeline.site.settings
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": site.wording.phrase("Corrections"),
        "url": site.base_url + path,
        "inLanguage": site.language,
        "isPartOf": _website(site),
        "hasPart": [
            {
                "@type": "CorrectionComment",
                "url": f"{site.base_url}{path}#{correction.anchor}",
                "datePublished": correction.change.date.isoformat(),
                "text": correction.change.subject,
                "about": {
                    "@type": "WebPage",
                    "url": site.base_url + correction.event.path,
                    "name": correction.event.title,
                },
            }
            for correction in corrections
        ],
    }


def page_data(page: PageView, site: SiteSettings) -> JsonObject:
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": page.page.title,
        "url": site.base_url + page.path,
        "inLanguage": site.language,
        "isPartOf": _website(site),
    }
    if page.page.description:
        data["description"] = page.page.description
    return data


def _website(site: SiteSettings) -> JsonObject:
    return {"@type": "WebSite", "name": site.title, "url": site.base_url}


def _breadcrumb(trail: list[tuple[str, str]]) -> JsonObject:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def _item_list(
    site: SiteSettings, events: tuple[EventView, ...], part: Part[EventView] | None = None
) -> JsonObject:
    """The events (of `part`: its own, at their positions in the whole list)."""
    shown = part.items if part else events
    first = 1 + sum(link.count for link in part.parts[: part.number - 1]) if part else 1
    return {
        "@type": "ItemList",
        "numberOfItems": len(events),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": view.title, "url": site.base_url + view.path}
            for position, view in enumerate(shown, start=first)
        ],
    }


# An entity's aliases go on its own page only: an event page lists up to fifty actors and
# fifty places, each with up to fifty aliases, and their names are enough there.
def _actor(entity: Entity, with_aliases: bool = False) -> JsonObject:
    kind = _ACTOR_TYPES.get((entity.category or "").casefold(), "Thing")
    data: JsonObject = {"@type": kind, "name": entity.name}
    if with_aliases and entity.aliases:
        data["alternateName"] = list(entity.aliases)
    return data


def _place(entity: Entity, with_aliases: bool = False) -> JsonObject:
    data: JsonObject = {"@type": "Place", "name": entity.name}
    if with_aliases and entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.category:
        data["containedInPlace"] = {"@type": "Country", "name": entity.category}
    return data
