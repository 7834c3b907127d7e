"""An entry of an event's `sources:` (or a claim value's `source:`) -> ArticleSource, its quote
verified (and its translation kept), or ExternalSource with what lets it last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.fields import SOURCE_FIELDS
from chronicle.model.records import ArticleSource, ExternalSource, QuoteSpan, Source
from chronicle.source.lasting import read_lasting, read_title_supplied
from chronicle.source.load import YamlNode, YamlScalar
from chronicle.source.quotes import (
    NormalisedText,
    QuoteMiss,
    first_difference,
    inside_typographic_quotes,
    unseen_differences,
    verify_quote,
)
from chronicle.source.validate import (
    check_mapping,
    read_article_id,
    read_date,
    read_text,
    read_url,
    unknown_id,
)

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
    fields = check_mapping(node, SOURCE_FIELDS, "source", diagnostics, mark)
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
    title = read_text(fields["title"], "title", diagnostics) if "title" in fields else None
    supplied = read_title_supplied(fields, diagnostics)
    publisher = read_text(fields["publisher"], "publisher", diagnostics) if "publisher" in fields else None
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


def _article_source(
    fields: dict[str, YamlNode], context: EventContext, diagnostics: Diagnostics
) -> ArticleSource | None:
    article_node, quote_node = fields["article"], fields["quote"]
    article_id = read_article_id(article_node, "article", diagnostics)
    quote = read_text(quote_node, "quote", diagnostics)
    translation = (
        read_text(fields["translation"], "translation", diagnostics) if "translation" in fields else None
    )
    if article_id is None or quote is None:
        return None
    if not context.has_article(article_id):
        assert isinstance(article_node, YamlScalar)
        unknown_id(article_node, "article", context.article_ids(), "content/articles/<id>.yaml", diagnostics)
        return None
    text = context.article_text(article_id)
    if text is None:
        return None  # the article itself has errors, reported at its own file
    found = verify_quote(quote, text)
    if isinstance(found, QuoteMiss):
        hint = _miss_hint(quote, found, text)
        diagnostics.error(quote_node.mark, f"quote not found in article '{article_id}'", hint)
        return None
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


def _miss_hint(quote: str, miss: QuoteMiss, article: NormalisedText) -> str | None:
    """Typographic quotes pasted as delimiters when the quote is found without them; else the
    closest passage, where the two first differ, and the characters that may not show in which
    they differ."""
    inside = inside_typographic_quotes(quote)
    if inside is not None and isinstance(verify_quote(inside, article), QuoteSpan):
        marks = quote.strip()
        return (
            f"the value starts and ends with typographic quotes ({marks[0]} {marks[-1]}), which YAML "
            'keeps as part of the quote; without them it is found: write straight quotes "..." around '
            "the value"
        )
    if not miss.closest:
        return None
    hint = f'closest passage ({miss.score:.0f}% similar): "{miss.closest}"'
    difference = first_difference(quote, miss.closest)
    if difference is not None:
        hint += f'; the quote has "{difference[0]}" where the passage has "{difference[1]}"'
    unseen = unseen_differences(quote, miss.closest)
    return hint if unseen is None else f"{hint}; they differ in characters that may not show: {unseen}"
