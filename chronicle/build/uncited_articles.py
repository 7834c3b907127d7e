"""Articles that no event cites: their pages say that no event cites them, and the site shows
no quote of them. Warned about by `check` and `build`, as actors that no event lists are
(build.unlisted_entities)."""

from __future__ import annotations

from chronicle.model.diagnostics import Diagnostic
from chronicle.model.records import Article, ArticleSource, Site


def uncited_articles(site: Site) -> tuple[Diagnostic, ...]:
    """A warning at each article's metadata file that no event's `sources` or claim value cites."""
    cited: set[str] = set()
    for event in site.events:  # one pass: 20,000 events in every save's rebuild
        cited.update(source.article_id for source in event.sources if isinstance(source, ArticleSource))
        for claim in event.claims:
            cited.update(
                value.source.article_id for value in claim.values if isinstance(value.source, ArticleSource)
            )
    return tuple(_warning(article) for article in site.articles.values() if article.id not in cited)


def _warning(article: Article) -> Diagnostic:
    return Diagnostic(
        article.mark,
        "warning",
        f"article '{article.id}' is cited by no event: its page says that no event cites it yet, "
        "and no quote of it appears on the site",
        f"cite it in an event's `sources` (`- article: {article.id}` with a `quote:` from it), "
        "or remove it and its document if the timeline does not need it",
    )
