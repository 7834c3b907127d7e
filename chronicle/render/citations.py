"""SourceViews -> the citations a feed entry ends with, as HTML with absolute links: title
(bracketed when the editors wrote it), publisher, author, date, the verified quote in the
document's language and its translation, the links (the archived copy first when the original
is dead or unfit) and when it was archived and read, as the event page says them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from chronicle.model.dates import PartialDate
from chronicle.timeline.views import SourceView, cited_title


def citations_html(sources: Sequence[SourceView], base: str) -> str:
    """The sources of an event as an ordered list under a heading; empty without sources."""
    if not sources:
        return ""
    items = "".join(f"<li>{citation_html(source, base)}</li>" for source in sources)
    return f"<p><strong>Sources</strong></p><ol>{items}</ol>"


def citation_html(source: SourceView, base: str) -> str:
    title = escape(cited_title(source.title, source.title_supplied))
    lang = f' lang="{escape(source.language)}"' if source.language and not source.title_supplied else ""
    parts = [f"<cite{lang}>{title}</cite>"]
    parts += [escape(text) for text in (source.publisher,) if text]
    if source.author:
        parts.append("by " + escape(source.author))
    if source.published:
        parts.append(source.published.display())
    html = ", ".join(parts) + "."
    if source.quote:
        quote_lang = f' lang="{escape(source.language)}"' if source.language else ""
        html += f"<blockquote{quote_lang}>“{escape(source.quote)}”</blockquote>"
        if source.translation:
            html += f"<p>Translation: “{escape(source.translation)}”</p>"
    note = archive_note(source)
    if note:
        html += f"<p>{escape(note)}</p>"
    links = _links(source, base)
    if links:
        html += "<p>" + " · ".join(links) + "</p>"
    return html


def _links(source: SourceView, base: str) -> list[str]:
    links = []
    if source.source_path:
        links.append(_link(f"{base}{source.source_path}#{source.quote_anchor}", "Quote in context"))
    archive_first = source.archive_url is not None and source.url_status != "live"
    if source.archive_url and archive_first:
        links.append(_link(source.archive_url, "Archived copy"))
    if source.url and source.original_linked:
        links.append(_link(source.url, "Original (dead link)" if source.url_status == "dead" else "Original"))
    if source.archive_url and not archive_first:
        links.append(_link(source.archive_url, "Archived copy"))
    return links


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def archive_note(source: SourceView) -> str:
    """ "Archived from the original on 3 March 2025. Retrieved 1 February 2025.", as far as known;
    the status of a dead or unfit original said in words."""
    sentences = []
    if source.archive_url:
        archived = "Archived from the original" if source.url else "Archived"
        if source.archive_date:
            archived += " on " + _day(source.archive_date)
        sentences.append(archived + ".")
        if source.url_status == "dead":
            sentences.append("The original is a dead link.")
        elif source.url_status == "unfit":
            sentences.append("The original address no longer serves the document and is not linked.")
    if source.accessed:
        sentences.append(f"Retrieved {_day(source.accessed)}.")
    return " ".join(sentences)


def _day(day: datetime.date) -> str:
    return PartialDate(day.year, day.month, day.day).display()
