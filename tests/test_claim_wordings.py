"""A claim of kind `wording` (how each source words something) is shown as such on its event's
page, and never as a disputed figure: not in the card's count, the Disputed figures page or
the overview; the data export says which kind each claim is."""

from __future__ import annotations

import csv
import json

import pytest
from output_trees import copy_site
from site_reader import REPO, BuiltSite, build_site

FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
EVENT = "krakow-talks-stall"
WORDING_CLAIM = (REPO / "tests" / "fixtures" / "wording-claim.yaml").read_text(encoding="utf-8")
ABOUT = "What the talks were called"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    work = tmp_path_factory.mktemp("wordings")
    site = copy_site(FIXTURE_SITE, work / "site")
    event = site / "content" / "events" / f"{EVENT}.yaml"
    text = event.read_text(encoding="utf-8")
    with_wordings = text.replace("added: 2026-01-04\n", WORDING_CLAIM + "added: 2026-01-04\n")
    event.write_text(with_wordings, encoding="utf-8")
    return build_site(site, work / "out", "https://example.org/timeline/")


def test_the_event_page_shows_the_wordings_under_their_own_heading(built: BuiltSite) -> None:
    page = built.page(f"events/{EVENT}/")
    (section,) = page.xpath('//section[@id="wordings"]')
    assert section.xpath("string(h2)") == "How the sources word it"
    assert [caption.text_content() for caption in section.xpath(".//table/caption")] == [ABOUT]
    assert section.xpath("string(.//thead/tr/th[1])") == "Wording"


def test_the_wordings_are_not_among_the_disputed_figures_of_the_event_page(built: BuiltSite) -> None:
    page = built.page(f"events/{EVENT}/")
    captions = [caption.text_content() for caption in page.xpath('//section[@id="disputed"]//table/caption')]
    assert captions == ["Fall in the Selka River's flow at the border since April"]


def test_the_card_counts_only_the_disputed_figure(built: BuiltSite) -> None:
    card = built.page("").xpath(f'//article[@id="{EVENT}"]')[0]
    assert "1 disputed figure" in card.text_content()
    assert "2 disputed figures" not in card.text_content()


def test_the_disputed_figures_page_leaves_the_wordings_out(built: BuiltSite) -> None:
    captions = [caption.text_content() for caption in built.page("disputes/").xpath("//table/caption")]
    assert ABOUT not in " ".join(captions)


def test_the_data_export_gives_each_claims_kind(built: BuiltSite) -> None:
    events = json.loads((built.out / "data" / "events.json").read_text(encoding="utf-8"))
    (event,) = [item for item in events["events"] if item["id"] == EVENT]
    assert [(claim["about"], claim["kind"]) for claim in event["claims"]] == [
        ("Fall in the Selka River's flow at the border since April", "figure"),
        (ABOUT, "wording"),
    ]


def test_the_spreadsheet_has_the_wordings_in_a_column_of_their_own(built: BuiltSite) -> None:
    with (built.out / "data" / "events.csv").open(encoding="utf-8", newline="") as stream:
        (row,) = [row for row in csv.DictReader(stream) if row["event_id"] == EVENT]
    assert row["wordings"] == (
        f"{ABOUT}: talks [the two days in Kraków] (Beta Wire); negotiations (Marenzian foreign ministry)"
    )
    assert ABOUT not in row["disputed"]


def test_the_structured_data_marks_only_the_disputed_figure_as_a_claim(built: BuiltSite) -> None:
    scripts = built.page(f"events/{EVENT}/").xpath('//script[@type="application/ld+json"]/text()')
    text = " ".join(scripts)
    assert "Fall in the Selka River" in text
    assert ABOUT not in text


def test_a_wording_has_no_chart(built: BuiltSite) -> None:
    (section,) = built.page(f"events/{EVENT}/").xpath('//section[@id="wordings"]')
    assert not section.xpath(".//svg | .//figure")


def test_the_editors_words_in_square_brackets_are_set_apart_and_said_to_be_theirs(built: BuiltSite) -> None:
    """A value is the source's words; a gloss the editors add is in square brackets, shown apart
    from them, and a note under the table says whose it is (only under a table that has one)."""
    page = built.page(f"events/{EVENT}/")
    (section,) = page.xpath('//section[@id="wordings"]')
    cells = section.xpath('.//td[@class="claim-value"]')
    assert [cell.text_content() for cell in cells] == ["talks [the two days in Kraków]", "negotiations"]
    glosses = cells[0].xpath('span[@class="gloss"]')
    assert [gloss.text_content() for gloss in glosses] == ["[the two days in Kraków]"]
    assert cells[0].text.strip() == "talks"
    assert not cells[1].xpath(".//span")
    notes = section.xpath('.//p[contains(@class, "claim-gloss-note")]')
    assert [note.text_content() for note in notes] == [
        "Words in square brackets are the editors', not the source's."
    ]
    assert not page.xpath('//section[@id="disputed"]//p[contains(@class, "claim-gloss-note")]')
