"""The repository's own timeline: every value of a `kind: wording` claim is its document's
words, as the quote it cites holds them, not the editors' reading or paraphrase of them.

A value may leave words out ("…") and may carry the editors' gloss in square brackets (shown
as theirs); what it puts in quotation marks the document itself puts in quotation marks (a
report's own words are not presented as the words of the person it reports on).
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from chronicle.build.load import load_site
from chronicle.model.records import Article, ArticleSource, Site
from chronicle.source.quotes import fold, normalise
from chronicle.timeline.claim_views import GLOSS

QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
ELLIPSIS = re.compile(r"…|\.\.\.")
EDGES = " \t\n.,;:"


def _site() -> Site:
    site = load_site(REPO).site
    assert site is not None
    return site


def _wording_values(site: Site) -> list[tuple[str, str, ArticleSource]]:
    """(event slug, value, its source) for every value of every wording claim citing a document."""
    found = []
    for event in site.events:
        for claim in event.claims:
            if claim.kind != "wording":
                continue
            for value in claim.values:
                assert isinstance(value.source, ArticleSource), f"{event.slug}: {value.value}"
                found.append((event.slug, value.value, value.source))
    return found


SITE = _site()
VALUES = _wording_values(SITE)


def test_our_timeline_has_wordings_in_six_events() -> None:
    assert len({slug for slug, _, _ in VALUES}) == 6


def _pieces(value: str) -> list[str]:
    """The value's own words: glosses dropped, cut where words are left out."""
    return [piece.strip(EDGES) for piece in ELLIPSIS.split(GLOSS.sub(" ", value)) if piece.strip(EDGES)]


def _plain(text: str) -> str:
    return " ".join(fold(text).replace('"', " ").split())


@pytest.mark.parametrize(("slug", "value", "source"), VALUES, ids=[f"{s}: {v[:30]}" for s, v, _ in VALUES])
def test_each_wording_is_words_of_its_quote(slug: str, value: str, source: ArticleSource) -> None:
    for piece in _pieces(value):
        assert _plain(piece) in _plain(source.quote), f"{slug}: {piece!r} is not in {source.quote!r}"


def _inside_quotation_marks(article: Article, source: ArticleSource, words: str) -> bool:
    """Whether the document puts `words` (found within the quote) inside quotation marks."""
    text = normalise(article.text)
    wanted = fold(words)
    start = text.text.find(wanted)
    while start != -1 and not source.span.start <= text.offset(start) < source.span.end:
        start = text.text.find(wanted, start + 1)
    assert start != -1, f"{words!r} not found in the quoted passage"
    before = article.text[: text.offset(start)]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@pytest.mark.parametrize(("slug", "value", "source"), VALUES, ids=[f"{s}: {v[:30]}" for s, v, _ in VALUES])
def test_a_wording_quotes_only_what_its_document_quotes(slug: str, value: str, source: ArticleSource) -> None:
    article = SITE.articles[source.article_id]
    for piece in _pieces(value):
        for quoted in QUOTED.findall(piece):
            assert _inside_quotation_marks(article, source, quoted.strip(EDGES)), (
                f"{slug}: {value!r} puts {quoted!r} in quotation marks, which its document does not"
            )


def test_the_methodology_states_the_rule_for_figures_and_wordings_before_its_examples() -> None:
    """The page says in general what a figure and a wording are, how each is shown and why a
    wording is no disputed figure, and only then gives examples (Putin's letter among them)."""
    text = (REPO / "content" / "pages" / "methodology.md").read_text(encoding="utf-8")
    section = text.split("## Figures and wordings\n", 1)[1].split("\n## ", 1)[0]
    first_example = section.index("invincible")
    for rule in (
        "**A figure** is a quantity",
        "**A wording** is anything else",
        "A wording is not a disputed figure",
        "How the sources word it",
        "square brackets",
        "never counted on a\ncard",
    ):
        assert -1 < section.find(rule) < first_example, rule
