"""An entry of an event's `sources:` (or a claim value's `source:`) -> ArticleSource, its quote
verified (and its translation kept), or ExternalSource with what lets it last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.fields import EVENT_FIELDS, SOURCE_FIELDS
from chronicle.model.records import ArticleSource, ExternalSource, Source
from chronicle.source.copied_texts import read_event_text
from chronicle.source.lasting import read_lasting, read_title_supplied
from chronicle.source.load import YamlNode, YamlScalar
from chronicle.source.meant import meant_keys, unknown_id
from chronicle.source.quote_misses import MissedQuote, locate_quote
from chronicle.source.quotes import fold
from chronicle.source.validate import (
    check_mapping,
    read_article_id,
    read_date,
    read_url,
)
from chronicle.source.word_bounds import find_whole

if TYPE_CHECKING:
    from chronicle.source.events import EventContext

URL_ONLY = (
    "url",
    "title",
    "title_supplied",
    "publisher",
    "published",
    "accessed",
    "archive_url",
    "archive_date",
    "url_status",
)
"""Fields of a url source, which an article source takes from content/articles/<id>.yaml."""


def read_source(node: YamlNode, mark: Mark, context: EventContext, diagnostics: Diagnostics) -> Source | None:
    fields = check_mapping(node, SOURCE_FIELDS, "source", diagnostics, mark, EVENT_FIELDS)
    if fields is None:
        return None
    if "article" in fields:
        for extra in URL_ONLY:
            if extra in fields:
                diagnostics.error(
                    fields[extra].mark,
                    f"'{extra}' does not belong with 'article'",
                    "an article source takes these from content/articles/<id>.yaml",
                )
        if "quote" not in fields:
            if "quote" not in meant_keys(node, (field.name for field in SOURCE_FIELDS)):  # said at the key
                diagnostics.error(node.mark, "a source with 'article' needs a 'quote' from it")
            return None
        return _article_source(fields, context, diagnostics)
    if "url" in fields:
        return _url_source(fields, diagnostics)
    diagnostics.error(node.mark, "a source needs 'article' and 'quote', or 'url'", _articles_hint(context))
    return None


LISTED_ARTICLES = 10
"""A site with at most this many articles has their ids listed where a source names none."""


def _articles_hint(context: EventContext) -> str:
    ids = sorted(context.article_ids())
    if not ids:
        return "this site has no articles yet (content/articles/<id>.yaml): cite a web page with `url:`"
    if len(ids) > LISTED_ARTICLES:
        return f"the site's {len(ids)} articles are the files of content/articles/, each named <id>.yaml"
    return "the site's articles: " + ", ".join(ids)


def _url_source(fields: dict[str, YamlNode], diagnostics: Diagnostics) -> ExternalSource | None:
    for name in ("quote", "translation"):
        if name in fields:
            diagnostics.error(
                fields[name].mark,
                f"a '{name}' can only be checked against a local 'article'",
                "add the document to seeds/ and cite it with 'article'",
            )
    url = read_url(fields["url"], "url", diagnostics)
    title = read_event_text(fields["title"], "title", diagnostics) if "title" in fields else None
    supplied = read_title_supplied(fields, diagnostics)
    if "title" not in fields and "title_supplied" not in fields:  # else read_title_supplied says it
        diagnostics.error(
            fields["url"].mark,
            "a source with 'url' needs a 'title': readers see it in place of the bare address",
            "add `title:` with the page's headline; for a page without one, write what it is and "
            "add `title_supplied: true` (shown in [brackets])",
        )
    publisher = (
        read_event_text(fields["publisher"], "publisher", diagnostics) if "publisher" in fields else None
    )
    published = read_date(fields["published"], "published", diagnostics) if "published" in fields else None
    lasting = read_lasting(fields, published, diagnostics)
    if url is None:
        return None
    return ExternalSource(
        url,
        title,
        publisher,
        published,
        fields["url"].mark,
        title_supplied=supplied,
        accessed=lasting.accessed,
        archive_url=lasting.archive_url,
        archive_date=lasting.archive_date,
        url_status=lasting.url_status,
    )


MOST_OTHER_ARTICLES = 200
"""A missed quote is looked for in the site's other articles when it has at most this many."""


def _articles_holding(quote: str, article_id: str, context: EventContext) -> list[str]:
    """The other articles holding a quote its own article lacks (pasted under the wrong one)."""
    needle = fold(quote)
    others = sorted(other for other in context.article_ids() if other != article_id)
    if not needle or len(others) > MOST_OTHER_ARTICLES:
        return []
    found = []
    for other in others:
        text = context.article_text(other)
        if text is None:
            continue
        if not context.quote_searches.look_elsewhere(text):
            break
        if find_whole(text.text, needle, text) >= 0:
            found.append(other)
    return found


SHORTEST_QUOTE = 3
"""Letters and digits a quote holds at least ("I", "." or "at" verify, and show nothing)."""


def _article_source(
    fields: dict[str, YamlNode], context: EventContext, diagnostics: Diagnostics
) -> ArticleSource | None:
    article_node, quote_node = fields["article"], fields["quote"]
    article_id = read_article_id(article_node, "article", diagnostics)
    quote = read_event_text(quote_node, "quote", diagnostics)
    translation = (
        read_event_text(fields["translation"], "translation", diagnostics)
        if "translation" in fields
        else None
    )
    if article_id is None or quote is None:
        return None
    if not context.has_article(article_id):
        assert isinstance(article_node, YamlScalar)
        where = "content/articles/<id>.yaml, with its text in seeds/<id>.txt (or .md, .html)"
        unknown_id(article_node, "article", context.article_ids(), where, diagnostics)
        return None
    text = context.article_text(article_id)
    if text is None:
        return None  # the article itself has errors, reported at its own file
    found = locate_quote(quote, text, context.quote_searches)
    if isinstance(found, MissedQuote):
        elsewhere = _articles_holding(quote, article_id, context)
        hint = found.hint
        if elsewhere:
            named = ", ".join(f"'{other}'" for other in elsewhere)
            hint = f"the passage is in article {named}: cite that article (`article: {elsewhere[0]}`)"
        diagnostics.error(quote_node.mark, f"quote not found in article '{article_id}'", hint)
        return None
    if sum(map(str.isalnum, quote)) < SHORTEST_QUOTE:
        diagnostics.warning(
            quote_node.mark,
            f"the quote {quote.strip()!r} is too short to show what article '{article_id}' says",
            "quote the sentence or the clause that supports the entry, so that a reader sees it in its words",
        )
    language = context.article_language(article_id)
    if translation is not None and language == context.catalogue.language:
        diagnostics.warning(
            fields["translation"].mark,
            f"'translation' is for a document in another language than the site's ({language}); "
            f"article '{article_id}' is in {language}",
            f"give the document's language in content/articles/{article_id}.yaml (language: ...), "
            "or leave 'translation' out",
        )
    return ArticleSource(article_id, quote, found, quote_node.mark, translation)
