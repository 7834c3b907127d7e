"""SourceViews -> the citations a feed entry ends with, as HTML with absolute links: title
(bracketed when the editors wrote it), publisher, author, date (bracketed when the editors
inferred it), the verified quote in the
document's language and its translation, the links (the archived copy first when the original
is dead or unfit) and when it was archived and read, as the event page says them, in the
interface's language (the same messages as templates/macros.html)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from chronicle.model.date_wording import shown_date
from chronicle.model.dates import PartialDate
from chronicle.model.wording import ENGLISH, Wording, end_sentence
from chronicle.render.quote_marks import within_quotes
from chronicle.timeline.views import SourceView, cited_title


def citations_html(sources: Sequence[SourceView], base: str, wording: Wording = ENGLISH) -> str:
    """The sources of an event as an ordered list under a heading; empty without sources."""
    if not sources:
        return ""
    items = "".join(f"<li>{citation_html(source, base, wording)}</li>" for source in sources)
    return f"<p><strong>{escape(wording.phrase('Sources'))}</strong></p><ol>{items}</ol>"


def citation_html(source: SourceView, base: str, wording: Wording = ENGLISH) -> str:
    title = escape(cited_title(source.title, source.title_supplied))
    lang = f' lang="{escape(source.language)}"' if source.language and not source.title_supplied else ""
    parts = [f"<cite{lang}>{title}</cite>"]
    parts += [escape(text) for text in (source.publisher,) if text]
    if source.author:
        parts.append(escape(wording.phrase("by %(author)s", author=source.author)))
    if source.published:
        shown = shown_date(source.published, wording)
        parts.append(escape(f"[{shown}]" if source.published_inferred else shown))
    html = end_sentence(", ".join(parts))
    if source.quote:
        quote_lang = f' lang="{escape(source.language)}"' if source.language else ""
        html += f"<blockquote{quote_lang}>“{escape(within_quotes(source.quote))}”</blockquote>"
        if source.translation:
            label = escape(wording.phrase("Translation:"))
            html += f"<p>{label} “{escape(within_quotes(source.translation))}”</p>"
    note = archive_note(source, wording)
    if note:
        html += f"<p>{escape(note)}</p>"
    links = _links(source, base, wording)
    if links:
        html += "<p>" + " · ".join(links) + "</p>"
    return html


def _links(source: SourceView, base: str, wording: Wording) -> list[str]:
    links = []
    if source.source_path:
        href = f"{base}{source.source_path}#{source.quote_anchor}"
        links.append(_link(href, wording.phrase("Quote in context")))
    archive_first = source.archive_url is not None and source.url_status != "live"
    archived = wording.phrase("Archived copy")
    if source.archive_url and archive_first:
        links.append(_link(source.archive_url, archived))
    if source.url and source.original_linked:
        if source.url_status == "dead":
            links.append(_link(source.url, wording.phrase("Original (dead link)")))
        else:
            links.append(_link(source.url, wording.phrase("Original")))
    if source.archive_url and not archive_first:
        links.append(_link(source.archive_url, archived))
    return links


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def archive_note(source: SourceView, wording: Wording = ENGLISH) -> str:
    """ "Archived from the original on 3 March 2025. Retrieved 1 February 2025.", as far as known;
    the status of a dead or unfit original said in words."""
    sentences = []
    if source.archive_url:
        if source.archive_date:
            date = _day(source.archive_date, wording)
            if source.url:
                sentences.append(wording.phrase("Archived from the original on %(date)s.", date=date))
            else:
                sentences.append(wording.phrase("Archived on %(date)s.", date=date))
        elif source.url:
            sentences.append(wording.phrase("Archived from the original."))
        else:
            sentences.append(wording.phrase("Archived."))
        if source.url_status == "dead":
            sentences.append(wording.phrase("The original is a dead link."))
        elif source.url_status == "unfit":
            sentences.append(
                wording.phrase("The original address no longer serves the document and is not linked.")
            )
    if source.accessed:
        sentences.append(wording.phrase("Retrieved %(date)s.", date=_day(source.accessed, wording)))
    return " ".join(sentences)


def _day(day: datetime.date, wording: Wording) -> str:
    return shown_date(PartialDate(day.year, day.month, day.day), wording)
