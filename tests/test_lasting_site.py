"""Sources that last, end to end: the fixture site cites a live report with an archived copy
(alpha-report), a wire whose original is dead (beta-wire), a French statement with an editors'
title whose address is unfit, quoted with translations (delta-union-statement), a letter with
an editors' title whose original is dead (marenzia-writes-to-un's url source) and a page read
on a given day (technical-committee-meets). Each is read back from every page kind and export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import lxml.html
from site_reader import BuiltSite

LETTER = "https://example.org/marenzia/letter-to-the-secretary-general"
LETTER_COPY = "https://web.archive.org/web/20250705120000/" + LETTER
STATEMENT = "https://example.org/union-delta/communique-kostra"
STATEMENT_COPY = "https://web.archive.org/web/20250415093000/" + STATEMENT
STATEMENT_TITLE = "Statement of the Delta Farmers' Union on the filling of the Kostra reservoir"
REPORT = "https://example.org/alpha/2025/04/kostra-reservoir"
REPORT_COPY = "https://web.archive.org/web/20250412080000/" + REPORT
QUOTE = "Sans l'eau de la Selka, nos rizières seront sèches avant l'été"
TRANSLATION = "Without the Selka's water, our rice fields will be dry before the summer"


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def source_items(site: BuiltSite, slug: str) -> list[lxml.html.HtmlElement]:
    return site.page(f"events/{slug}/").cssselect("ol.sources > li")


def link_texts(item: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(visible text, href) of a citation's links, in order, the screen-reader label left out."""
    links = []
    for link in item.cssselect(".source-links a"):
        shown = (link.text or "").strip()
        links.append((shown, link.get("href")))
    return links


def json_ld(page: lxml.html.HtmlElement) -> Any:
    (script,) = page.cssselect('script[type="application/ld+json"]')
    return json.loads(script.text)


# --------------------------------------------------------------------------- event pages


def test_a_dead_original_is_linked_after_its_archived_copy(built_fixture_site: BuiltSite) -> None:
    (letter,) = source_items(built_fixture_site, "marenzia-writes-to-un")
    assert link_texts(letter) == [("Archived copy", LETTER_COPY), ("Original (dead link)", LETTER)]


def test_a_live_original_is_linked_before_its_archived_copy(built_fixture_site: BuiltSite) -> None:
    report = source_items(built_fixture_site, "reservoir-filling-begins")[0]
    assert link_texts(report)[1:] == [("Original", REPORT), ("Archived copy", REPORT_COPY)]


def test_an_unfit_original_is_not_linked_at_all(built_fixture_site: BuiltSite) -> None:
    statement = source_items(built_fixture_site, "reservoir-filling-begins")[2]
    hrefs = [href for _, href in link_texts(statement)]
    assert STATEMENT not in hrefs and STATEMENT_COPY in hrefs
    addresses = [
        value for element in statement.iter() for value in (element.get("href"), element.get("cite"))
    ]
    assert STATEMENT not in addresses  # not even as the quote's `cite`


def test_the_citation_says_when_the_copy_was_made_and_the_original_read(
    built_fixture_site: BuiltSite,
) -> None:
    (letter,) = source_items(built_fixture_site, "marenzia-writes-to-un")
    (note,) = letter.cssselect(".source-archive")
    assert text(note) == (
        "Archived from the original on 5 July 2025. The original is a dead link. Retrieved 4 July 2025."
    )
    assert [time.get("datetime") for time in note.cssselect("time")] == ["2025-07-05", "2025-07-04"]


def test_a_source_only_read_on_a_day_says_retrieved(built_fixture_site: BuiltSite) -> None:
    (minutes,) = source_items(built_fixture_site, "technical-committee-meets")
    assert text(minutes.cssselect(".source-archive")[0]) == "Retrieved 1 October 2025."


def test_an_unfit_original_is_said_so_in_words(built_fixture_site: BuiltSite) -> None:
    statement = source_items(built_fixture_site, "reservoir-filling-begins")[2]
    assert "The original address no longer serves the document and is not linked." in text(
        statement.cssselect(".source-archive")[0]
    )


def test_an_editors_title_is_in_square_brackets_in_the_citation(built_fixture_site: BuiltSite) -> None:
    (letter,) = source_items(built_fixture_site, "marenzia-writes-to-un")
    assert text(letter.cssselect("cite")[0]) == "[Letter to the Secretary-General on the Selka River]"
    statement = source_items(built_fixture_site, "reservoir-filling-begins")[2]
    cite = statement.cssselect("cite")[0]
    assert text(cite) == f"[{STATEMENT_TITLE}]"
    assert cite.get("lang") is None  # the editors' words, in the site's language


def test_an_inferred_publication_date_is_in_square_brackets_wherever_it_is_cited(
    built_fixture_site: BuiltSite,
) -> None:
    # gamma-html has a published_note; alpha-report's date is printed in the document
    inferred, printed = (
        source_items(built_fixture_site, "water-board-report")[0],
        source_items(built_fixture_site, "reservoir-filling-begins")[0],
    )
    assert text(inferred.cssselect(".source-line")[0]).endswith(", [June 2025]")
    assert text(printed.cssselect(".source-line")[0]).endswith(", 11 April 2025")
    index = text(built_fixture_site.page("sources/").cssselect(".source-index")[0])
    assert "[June 2025]" in index and "[11 April 2025]" not in index
    (entry,) = [
        e for e in built_fixture_site.feed("atom.xml").entries if e.link.endswith("/water-board-report/")
    ]
    assert "Gamma Daily, [June 2025]." in entry.summary


def test_a_quote_is_in_its_documents_language_and_its_translation_marked(
    built_fixture_site: BuiltSite,
) -> None:
    statement = source_items(built_fixture_site, "reservoir-filling-begins")[2]
    (quote,) = statement.cssselect("blockquote.quote")
    assert quote.get("lang") == "fr"
    assert text(quote) == f"“{QUOTE}”"
    (translation,) = statement.cssselect(".quote-translation")
    assert text(translation) == f"Translation: “{TRANSLATION}”"
    assert translation.get("lang") is None and translation.getparent().get("lang") is None  # the page's: en


def test_a_quote_in_the_sites_language_has_no_lang_of_its_own(built_fixture_site: BuiltSite) -> None:
    report = source_items(built_fixture_site, "reservoir-filling-begins")[0]
    assert report.cssselect("blockquote.quote")[0].get("lang") is None
    assert report.cssselect(".quote-translation") == []


def test_a_disputed_figure_shows_its_quote_with_the_translation(built_fixture_site: BuiltSite) -> None:
    for path in ("events/krakow-talks-stall/", "disputes/"):
        (row,) = [
            row
            for row in built_fixture_site.page(path).cssselect("table.claim tbody tr")
            if "Delta Farmers" in text(row)
        ]
        assert row.cssselect("blockquote.quote")[0].get("lang") == "fr"
        assert text(row.cssselect(".quote-translation")[0]) == (
            "Translation: “the Selka's flow at the border has already fallen by half”"
        )
        assert f"[{STATEMENT_TITLE}]" in text(row.cssselect(".claim-source a")[0])


def test_event_json_ld_carries_the_archived_copy_and_the_bare_title(built_fixture_site: BuiltSite) -> None:
    data = json_ld(built_fixture_site.page("events/marenzia-writes-to-un/"))
    (work,) = data["citation"]
    assert work["name"] == "Letter to the Secretary-General on the Selka River"
    assert (work["url"], work["archivedAt"]) == (LETTER, LETTER_COPY)


def test_event_json_ld_leaves_out_an_unfit_address_and_gives_the_language(
    built_fixture_site: BuiltSite,
) -> None:
    data = json_ld(built_fixture_site.page("events/reservoir-filling-begins/"))
    works = data["citation"]
    (work,) = [work for work in works if work["name"] == STATEMENT_TITLE]
    assert work["url"].endswith("/sources/delta-union-statement/")
    assert (work["archivedAt"], work["inLanguage"]) == (STATEMENT_COPY, "fr")


# --------------------------------------------------------------------------- source pages


def facts(page: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    return [
        (text(row.cssselect("dt")[0]), text(row.cssselect("dd")[0]))
        for row in page.cssselect("dl.facts > div")
    ]


def test_a_source_page_shows_an_editors_title_in_brackets_everywhere(built_fixture_site: BuiltSite) -> None:
    page = built_fixture_site.page("sources/delta-union-statement/")
    bracketed = f"[{STATEMENT_TITLE}]"
    assert text(page.cssselect("h1")[0]) == bracketed
    assert text(page.cssselect("title")[0]).startswith(bracketed + " · Sources")
    assert page.cssselect('meta[property="og:title"]')[0].get("content") == bracketed
    assert "editors' description" in text(page.cssselect("h1 + p.note")[0])


def test_a_source_page_lists_the_copy_first_when_the_original_is_unfit(built_fixture_site: BuiltSite) -> None:
    listed = facts(built_fixture_site.page("sources/delta-union-statement/"))
    assert [name for name, _ in listed] == [
        "Publisher",
        "Published",
        "Archived copy",
        "Original",
        "Retrieved",
        "Language",
    ]
    assert dict(listed)["Archived copy"] == f"{STATEMENT_COPY} (archived on 15 April 2025)"
    assert dict(listed)["Original"] == f"{STATEMENT} (no longer serves the document; not linked)"
    assert dict(listed)["Retrieved"] == "15 April 2025"
    page = built_fixture_site.page("sources/delta-union-statement/")
    assert STATEMENT not in [a.get("href") for a in page.cssselect("a")]


def test_a_source_page_marks_a_dead_original(built_fixture_site: BuiltSite) -> None:
    listed = dict(facts(built_fixture_site.page("sources/beta-wire/")))
    assert listed["Original"] == "https://example.net/beta/selka-talks (dead link)"


def test_a_source_page_lists_the_original_first_when_it_is_live(built_fixture_site: BuiltSite) -> None:
    names = [name for name, _ in facts(built_fixture_site.page("sources/alpha-report/"))]
    assert names.index("Original") < names.index("Archived copy") < names.index("Retrieved")


def test_a_source_page_gives_the_translations_of_its_quoted_passages(built_fixture_site: BuiltSite) -> None:
    page = built_fixture_site.page("sources/delta-union-statement/")
    items = page.cssselect("section.quote-translations li")
    assert [text(item.cssselect(".quote-translation")[0]) for item in items] == [
        f"Translation: “{TRANSLATION}”",
        "Translation: “the Selka's flow at the border has already fallen by half”",
    ]
    assert all(item.cssselect("blockquote")[0].get("lang") == "fr" for item in items)
    passage = items[0].cssselect(".translation-links a")[0].get("href").split("#")[1]
    assert text(page.get_element_by_id(passage)) == QUOTE  # the highlight in the text


def test_source_json_ld_keeps_the_bare_title(built_fixture_site: BuiltSite) -> None:
    data = json_ld(built_fixture_site.page("sources/delta-union-statement/"))
    assert data["name"] == data["mainEntity"]["name"] == STATEMENT_TITLE
    assert data["mainEntity"]["archivedAt"] == STATEMENT_COPY
    assert "sameAs" not in data["mainEntity"]  # an unfit address no longer names the document


def test_the_sources_index_shows_an_editors_title_in_brackets(built_fixture_site: BuiltSite) -> None:
    titles = [text(a) for a in built_fixture_site.page("sources/").cssselect(".source-index li > a")]
    assert f"[{STATEMENT_TITLE}]" in titles
    assert "Talks on Selka dam stall in Kraków" in titles


# --------------------------------------------------------------------------- feeds


def test_feed_entries_cite_their_sources_with_archive_and_translation(built_fixture_site: BuiltSite) -> None:
    for name in ("feed.xml", "atom.xml"):
        feed = built_fixture_site.feed(name)
        assert not feed.bozo
        entries = {entry.link: entry for entry in feed.entries}
        letter = lxml.html.fromstring(
            entries[built_fixture_site.base_url + "events/marenzia-writes-to-un/"].summary
        )
        assert [(a.text, a.get("href")) for a in letter.cssselect("ol a")] == [
            ("Archived copy", LETTER_COPY),
            ("Original (dead link)", LETTER),
        ]
        assert "[Letter to the Secretary-General on the Selka River]" in text(letter)
        assert (
            "Archived from the original on 5 July 2025. The original is a dead link. Retrieved 4 July 2025."
            in (text(letter))
        )
        filling = entries[built_fixture_site.base_url + "events/reservoir-filling-begins/"].summary
        assert f"Translation: “{TRANSLATION}”" in text(lxml.html.fromstring(filling))
        assert STATEMENT_COPY in filling and f'"{STATEMENT}"' not in filling


# --------------------------------------------------------------------------- data files


def test_events_json_carries_every_field_of_a_source(built_fixture_site: BuiltSite) -> None:
    document = json.loads((built_fixture_site.out / "data/events.json").read_text(encoding="utf-8"))
    events = {event["id"]: event for event in document["events"]}
    (letter,) = events["marenzia-writes-to-un"]["sources"]
    assert {key: letter[key] for key in ("title", "title_supplied", "url_status", "accessed")} == {
        "title": "Letter to the Secretary-General on the Selka River",
        "title_supplied": True,
        "url_status": "dead",
        "accessed": "2025-07-04",
    }
    assert (letter["archive_url"], letter["archive_date"], letter["translation"]) == (
        LETTER_COPY,
        "2025-07-05",
        None,
    )
    statement = events["reservoir-filling-begins"]["sources"][2]
    assert (statement["quote"], statement["translation"]) == (QUOTE, TRANSLATION)
    article = document["articles"]["delta-union-statement"]
    assert (
        article["title_supplied"],
        article["url_status"],
        article["archive_date"],
        article["accessed"],
    ) == (
        True,
        "unfit",
        "2025-04-15",
        "2025-04-15",
    )
    assert document["articles"]["gamma-html"]["url_status"] is None  # no original online


def test_events_csv_gives_the_fields_a_line_per_source(built_fixture_site: BuiltSite) -> None:
    text_ = (built_fixture_site.out / "data/events.csv").read_bytes().decode("utf-8")
    rows = {row["event_id"]: row for row in csv.DictReader(io.StringIO(text_))}
    filling = rows["reservoir-filling-begins"]
    assert (
        filling["source"].splitlines()[2]
        == f"Union des agriculteurs du delta: [{STATEMENT_TITLE}] (2025-04-14)"
    )
    assert filling["source_url_statuses"].split("\n") == ["live", "", "unfit"]
    urls = filling["source_original_urls"].split("\n")  # a status is paired with its URL by line
    assert [bool(url) for url in urls] == [True, False, True]
    assert len(filling["source_urls"].split("\n")) == 2  # only the sources with a URL
    assert filling["source_archive_urls"].split("\n") == [REPORT_COPY, "", STATEMENT_COPY]
    assert filling["source_archive_dates"].split("\n") == ["2025-04-12", "", "2025-04-15"]
    assert filling["source_accessed"].split("\n") == ["2025-04-12", "", "2025-04-15"]
    assert filling["translations"].split("\n") == ["", "", TRANSLATION]
    assert rows["technical-committee-meets"]["source_accessed"] == "2025-10-01"
