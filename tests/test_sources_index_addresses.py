"""The sources index names every source the timeline cites: after the documents, the sources
cited by their address alone (an event's `url` source), each with the events citing it."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
from site_reader import BuiltSite, build_site

from chronicle.timeline.addresses import CITING_SHOWN, CitedAddress

LETTER = "Letter to the Secretary-General on the Selka River"
ARCHIVED = (
    "https://web.archive.org/web/20250705120000/https://example.org/marenzia/letter-to-the-secretary-general"
)


def address_lines(site: BuiltSite) -> list[lxml.html.HtmlElement]:
    heading = site.page("sources/").cssselect("main h2#by-address")
    if not heading:
        return []
    listing = heading[0].getnext().getnext()
    return listing.cssselect(":scope > li")


def title_of(line: lxml.html.HtmlElement) -> str:
    return " ".join(line.cssselect("a")[0].text_content().split())


def letter_line(site: BuiltSite) -> lxml.html.HtmlElement:
    return next(line for line in address_lines(site) if title_of(line) == f"[{LETTER}]")


def test_a_source_cited_by_its_address_alone_is_listed_under_its_own_heading(
    built_fixture_site: BuiltSite,
) -> None:
    assert f"[{LETTER}]" in [title_of(line) for line in address_lines(built_fixture_site)]


def test_the_addresses_are_listed_by_title(built_fixture_site: BuiltSite) -> None:
    titles = [title_of(line).strip("[]").casefold() for line in address_lines(built_fixture_site)]
    assert len(titles) > 1
    assert titles == sorted(titles)


def test_the_title_of_an_address_whose_original_is_dead_leads_to_its_archived_copy(
    built_fixture_site: BuiltSite,
) -> None:
    assert letter_line(built_fixture_site).cssselect("a")[0].get("href") == ARCHIVED


def test_an_address_line_links_to_each_event_citing_it(built_fixture_site: BuiltSite) -> None:
    links = letter_line(built_fixture_site).cssselect("ul.address-citing a")
    resolved = [
        built_fixture_site.resolve(built_fixture_site.base_url + "sources/", a.get("href")) for a in links
    ]
    assert [found[0].parent.name for found in resolved if found] == ["marenzia-writes-to-un"]


def test_an_address_line_says_how_many_events_give_it_as_a_source(built_fixture_site: BuiltSite) -> None:
    meta = letter_line(built_fixture_site).cssselect(".source-index-meta")[0].text_content()
    assert "given as a source by 1 event" in meta


def test_a_title_the_editors_gave_an_address_is_explained_under_the_list(
    built_fixture_site: BuiltSite,
) -> None:
    notes = [p.text_content() for p in built_fixture_site.page("sources/").cssselect("main p.note")]
    assert any(
        note.startswith("A title in square brackets is the editors': the page at that") for note in notes
    )


def test_a_timeline_citing_no_address_has_no_such_heading(tmp_path: Path) -> None:
    root = shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", tmp_path / "site")
    site = build_site(root, tmp_path / "out", "https://example.org/")
    assert address_lines(site) == []
    assert site.page("sources/").cssselect("main h2") == []


def test_an_address_line_names_a_bounded_number_of_its_citing_events() -> None:
    many = CitedAddress(source=None, citing=tuple(range(CITING_SHOWN + 7)))  # type: ignore[arg-type]
    assert (len(many.shown), many.more) == (CITING_SHOWN, 7)


def test_an_address_cited_by_few_events_names_them_all() -> None:
    few = CitedAddress(source=None, citing=(1, 2))  # type: ignore[arg-type]
    assert (few.shown, few.more) == ((1, 2), 0)
