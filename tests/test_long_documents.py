"""A long source document is shown in parts of at most 50,000 characters, each page within
the reader's budget, and every quote's "in context" link opens the part holding it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from unit_helpers import EVENT_YAML, run_build, write_site

from chronicle.timeline.documents import text_part_of, text_parts

PARAGRAPH = "The committee heard evidence from the river authority about the seasonal flow. " * 12


def long_text(paragraphs: int) -> str:
    middle = paragraphs // 2
    lines = [f"{PARAGRAPH}Paragraph {number} ends here." for number in range(paragraphs)]
    lines[0] = "Officials agreed to share river data every week. " + lines[0]
    lines[middle] = "The middle passage names the Kostra gauge. " + lines[middle]
    lines[-1] = "The report closes with a call for monthly meetings. " + lines[-1]
    return "\n\n".join(lines) + "\n"


def test_a_short_text_is_one_part() -> None:
    assert text_parts("short text") == ((0, 10),)


def test_parts_cover_the_text_and_end_between_paragraphs() -> None:
    text = long_text(200)
    parts = text_parts(text)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(first[1] == second[0] for first, second in itertools.pairwise(parts))
    assert all(end - start <= 50_000 for start, end in parts)
    assert all(text[end - 2 : end] == "\n\n" for _, end in parts[:-1])


def test_a_paragraph_longer_than_a_page_is_cut_after_a_space() -> None:
    text = "word " * 30_000
    parts = text_parts(text)
    assert len(parts) == 3 and all(text[end - 1] == " " for _, end in parts[:-1])
    assert text_part_of(text, len(text) - 1) == 3


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long")
    quote = 'sources:\n  - article: one\n    quote: "{}"\n'
    events = {
        f"content/events/{name}.yaml": EVENT_YAML.replace(
            'sources:\n  - article: one\n    quote: "agreed to share river data every week"\n',
            quote.format(words),
        )
        for name, words in (
            ("first-part", "agreed to share river data every week"),
            ("middle-part", "The middle passage names the Kostra gauge"),
            ("last-part", "closes with a call for monthly meetings"),
        )
    }
    site = write_site(
        root / "site", {"seeds/one.txt": long_text(200), **events, "content/events/first-event.yaml": None}
    )
    result = run_build("build", "--root", str(site), "--out", str(root / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def test_every_part_of_a_long_document_stays_within_the_budget(built: Path) -> None:
    pages = [built / "sources/one/index.html", *sorted((built / "sources/one/text").glob("*/index.html"))]
    assert len(pages) >= 4
    for page in pages:
        data = page.read_bytes()
        assert len(data) <= 150_000, page
        assert sum(1 for _ in lxml.html.fromstring(data).iter()) <= 3_000, page


def test_each_quote_in_context_link_opens_the_part_holding_it(built: Path) -> None:
    for event in ("first-part", "middle-part", "last-part"):
        page = f"events/{event}/"
        tree = lxml.html.parse(str(built / page / "index.html"))
        (href,) = tree.xpath('//a[starts-with(normalize-space(.), "Quote in context")]/@href')
        target, _, fragment = (
            urljoin("https://x.org/" + page, href).removeprefix("https://x.org/").partition("#")
        )
        ids = lxml.html.parse(str(built / target / "index.html")).xpath("//@id")
        assert fragment in ids, (event, href)
    assert (
        "text/"
        not in lxml.html.parse(str(built / "events/first-part/index.html")).xpath(
            '//a[starts-with(normalize-space(.), "Quote in context")]/@href'
        )[0]
    )


def test_the_parts_link_each_other_and_the_sitemap_lists_them(built: Path) -> None:
    first = lxml.html.parse(str(built / "sources/one/index.html"))
    links = first.xpath('//nav[@aria-label="Pages of the document\'s text"]//a/@href')
    assert len(links) >= 4 and any(link.endswith("text/2/") for link in links)
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "sources/one/text/2/" in sitemap


def test_a_later_page_of_the_text_describes_itself_to_machines(built: Path) -> None:
    tree = lxml.html.parse(str(built / "sources/one/text/2/index.html"))
    (data,) = tree.xpath('//script[@type="application/ld+json"]/text()')
    assert json.loads(data)["url"].endswith("sources/one/text/2/")


def test_a_wrapped_text_is_cut_at_a_blank_line_not_inside_a_paragraph() -> None:
    paragraph = "\n".join(["a line of a wire story wrapped at about seventy characters here"] * 6)
    text = "\n\n".join([paragraph] * 400) + "\n"
    parts = text_parts(text)
    assert len(parts) > 1
    assert all(text[end - 2 : end] == "\n\n" for _, end in parts[:-1])
