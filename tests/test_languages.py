"""The fixture site built in French, Korean and Arabic: lang and dir right, dates in the
language's words, and no English interface text left anywhere a reader (or a screen reader,
or a search engine's preview) meets it; content, written in English, is left as it is."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import FIXTURES, SUB_PATH_URL
from site_reader import BuiltSite, build_site

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "chronicle" / "locale"
LANGUAGES = ("fr", "ko", "ar")
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-label", "data-player-title")
SHOWN_META = ("description", "og:title", "og:description", "og:image:alt", "twitter:image:alt")
MONTHS = {"fr": "juin 2025", "ko": "2025년 6월", "ar": "يونيو 2025"}


def built_in(language: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp(f"site-{language}") / "site"
    shutil.copytree(FIXTURES / "site", root)
    settings = root / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", text), encoding="utf-8")
    return build_site(root, root.parent / "out", SUB_PATH_URL)


@pytest.fixture(scope="module", params=LANGUAGES)
def translated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return built_in(request.param, tmp_path_factory)


# --------------------------------------------------------------------------- what a reader meets


def shown_texts(page: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """Every text of the page a person meets, with the element holding it: text, the attributes
    read out or shown, the page's title and description, the search script's messages and the
    JSON-LD's names and descriptions."""
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script":
            if element.get("type") == "application/json" and element.text:  # the search script's words
                yield from ((element, text) for text in json_texts(json.loads(element.text)))
            if element.get("type") == "application/ld+json" and element.text:
                data = json.loads(element.text)
                yield from ((element, text) for text in json_texts(data, ("name", "description")))
        elif element.tag not in ("style", "code") and element.text:  # code is a program, not words
            yield element, element.text
        if element.tail:
            parent = element.getparent()
            yield (element if parent is None else parent), element.tail
        yield from ((element, value) for name in SHOWN_ATTRIBUTES if (value := element.get(name)))
        if element.tag == "meta" and (element.get("name") or element.get("property")) in SHOWN_META:
            yield element, element.get("content") or ""


def json_texts(value: object, keys: tuple[str, ...] = ()) -> Iterator[str]:
    """Every text in a JSON value (with `keys`: only those under these keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and keys and key not in keys:
                continue
            yield from json_texts(item, keys)
    elif isinstance(value, list):
        for item in value:
            yield from json_texts(item, keys)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def content_texts(root: Path) -> tuple[str, tuple[str, ...]]:
    """The site's own words (content/ and seeds/, as written and as YAML reads them): one text
    to find a whole shown text in, and every value, longest first, to take out of a shown text."""
    values: set[str] = set()
    raw: list[str] = []
    for path in sorted((*root.glob("content/**/*"), *root.glob("seeds/*"))):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        raw.append(normal(text))
        if path.suffix == ".yaml":
            values.update(normal(item) for item in json_texts(yaml.safe_load(text)) if len(item) >= 3)
        if path.suffix == ".md" and text.startswith("---"):
            front = yaml.safe_load(text.split("---")[1])
            values.update(normal(item) for item in json_texts(front) if len(item) >= 3)
    everything = "\n".join(raw + sorted(values))
    return everything, tuple(sorted(values, key=len, reverse=True))


@cache
def english_pieces(language: str) -> tuple[str, ...]:
    """The words of every English message (what lies between its placeholders and tags), of four
    characters or more, that the language's catalog does not use itself ("Original", "Sources")."""
    with (LOCALE / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    with (LOCALE / language / "LC_MESSAGES" / "chronicle.po").open("rb") as handle:
        catalog = read_po(handle)
    translations = " ".join(
        text
        for message in catalog
        if message.id
        for text in (message.string if message.pluralizable else [message.string])
    )
    pieces = set()
    for message in template:
        for msgid in message.id if message.pluralizable else [message.id]:
            for piece in re.split(r"%\(\w+\)s|<[^>]+>", msgid or ""):
                piece = normal(piece).strip(" .,;:()“”?")
                if len(piece) >= 4 and re.search(r"[A-Za-z]", piece) and piece not in translations:
                    pieces.add(piece)
    return tuple(sorted(pieces, key=len, reverse=True))


def english_left(site: BuiltSite, language: str) -> list[str]:
    """(page: English text) for every English message text a page still shows."""
    everything, values = content_texts(site.root)
    # As pages show them (summaries rendered from markdown, and their text in descriptions).
    everything += "\n".join(
        normal(element.text_content())
        for path in site.html_paths()
        for element in site.page(path).xpath("//*" + CONTENT_CLASSES)
    )
    found = english_pattern(language)
    left = []
    for path in site.html_paths():
        for element, text in shown_texts(site.page(path)):
            text = normal(text)
            if not found.search(text) or text.rstrip(".… ") in everything or element.xpath(CONTENT):
                continue  # no English message in it, or the site's own words
            for value in values:
                if value in text:
                    text = text.replace(value, "\0")
            left += [f"{path or '/'}: {match!r} in {text!r}" for match in found.findall(text)]
    return left


CONTENT_CLASSES = (
    "["
    + " or ".join(
        f"contains(concat(' ', @class, ' '), ' {name} ')"
        for name in (
            "event-summary",
            "document",
            "quote",
            "prose",
            "lede",
            "media-caption",
            "prev-next-title",
        )
    )
    + "]"
)
CONTENT = "ancestor-or-self::*" + CONTENT_CLASSES
"""Where a page shows the site's own words: summaries, documents, quotes, free pages, captions, titles."""


@cache
def english_pattern(language: str) -> re.Pattern[str]:
    pieces = english_pieces(language)
    return re.compile("(?<![A-Za-z])(" + "|".join(map(re.escape, pieces)) + ")(?![A-Za-z])")


def language_of(site: BuiltSite) -> str:
    return str(site.page("").get("lang"))


# --------------------------------------------------------------------------- the tests


def test_no_english_interface_text_is_left(translated: BuiltSite) -> None:
    assert english_left(translated, language_of(translated)) == []


def test_the_check_finds_the_english_of_an_english_build(built_fixture_site: BuiltSite) -> None:
    left = english_left(built_fixture_site, "fr")
    assert any("'Disputed figures'" in item for item in left)
    assert any("'Skip to content'" in item for item in left)


def test_every_page_says_its_language_and_direction(translated: BuiltSite) -> None:
    language = language_of(translated)
    rtl = language == "ar"
    for path in translated.html_paths():
        html = translated.page(path)
        assert (html.get("lang"), html.get("dir")) == (language, "rtl" if rtl else None), path


def test_month_headings_are_in_the_languages_words(translated: BuiltSite) -> None:
    headings = [normal(h.text_content()) for h in translated.page("").cssselect("h3.month-title")]
    assert MONTHS[language_of(translated)] in headings


def test_event_dates_are_in_the_languages_words(translated: BuiltSite) -> None:
    language = language_of(translated)
    dates = [normal(p.text_content()) for p in translated.page("").cssselect("p.event-date")]
    month = MONTHS[language].replace(" 2025", "").replace("2025년 ", "")
    assert any(month in date for date in dates), dates


def test_the_feeds_and_structured_data_say_the_language(translated: BuiltSite) -> None:
    language = language_of(translated)
    assert translated.feed("feed.xml").feed.language == language
    data = [
        json.loads(script.text)
        for script in translated.page("").cssselect('script[type="application/ld+json"]')
    ]
    assert data[0]["inLanguage"] == language
    (locale,) = translated.page("").cssselect('meta[property="og:locale"]')
    assert locale.get("content") == {"fr": "fr_FR", "ko": "ko_KR", "ar": "ar_EG"}[language]


def test_the_search_script_gets_its_words_from_the_page(translated: BuiltSite) -> None:
    (block,) = translated.page("").cssselect("script#finder-messages")
    messages = json.loads(block.text)
    assert "Searching" not in messages["searching"]
    assert set(messages["events"]) >= {"other"}


def test_arabic_counts_take_the_languages_six_forms(tmp_path_factory: pytest.TempPathFactory) -> None:
    (block,) = built_in("ar", tmp_path_factory).page("").cssselect("script#finder-messages")
    assert sorted(json.loads(block.text)["events"]) == ["few", "many", "one", "other", "two", "zero"]
