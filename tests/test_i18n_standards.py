"""What a standards editor reads in every interface language: a day said with the article its
language gives it, no colon between a word and the name it governs, one word for "timeline",
the language's own quotation marks in the search script, and spans of days said compactly."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from unit_helpers import event_yaml, write_site

from chronicle.build.load import load_site
from chronicle.model.date_wording import date_label, label_text
from chronicle.model.event_dates import parse_event_date
from chronicle.model.wording import Wording
from chronicle.render.pages import correction_parts
from chronicle.source.language import make_wording
from chronicle.timeline.assemble import in_chronology, with_indexes
from chronicle.timeline.markdown import make_markdown
from chronicle.timeline.overview import overview
from chronicle.timeline.overview_words import bucket_label, bucket_name

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "chronicle" / "locale"
TRANSLATED = ("ar", "de", "es", "fr", "ko", "ru", "uk")


def wording(language: str) -> Wording:
    return make_wording(language, language)


def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "chronicle.po").open("rb") as handle:
        return read_po(handle, locale=language)


def translations(language: str) -> list[tuple[str, str]]:
    """(English, translation) of every message, each plural form on its own."""
    found = []
    for message in catalog(language):
        if not message.id:
            continue
        english = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        found += [(english, text) for text in strings if text]
    return found


def shown(language: str, date: str) -> str:
    return label_text(date_label(parse_event_date(date), wording(language)))


# --------------------------------------------------------------------------- dates in running words


@pytest.mark.parametrize(
    ("language", "date", "expected"),
    [
        ("fr", "[2025-12-19..2025-12-31]", "entre le 19 et le 31 décembre 2025"),
        ("es", "[2025-11-28..2025-12-26]", "entre el 28 de noviembre y el 26 de diciembre de 2025"),
        ("de", "[2025-12-19..2025-12-31]", "zwischen dem 19. und 31. Dezember 2025"),
        ("fr", "[..2025-06-03]", "au plus tard le 3 juin 2025"),
        ("fr", "[2025-06-05..]", "au plus tôt le 5 juin 2025"),
        ("es", "[..2025-06-03]", "el 3 de junio de 2025 o antes"),
        ("de", "[2025-06-05..]", "frühestens am 5. Juni 2025"),
        ("fr", "2025-06-04~", "vers le 4 juin 2025"),
    ],
)
def test_a_day_in_a_range_or_bound_takes_its_article(language: str, date: str, expected: str) -> None:
    assert shown(language, date) == expected


@pytest.mark.parametrize(
    ("language", "date", "expected"),
    [
        ("fr", "[2025-06..2025-08]", "entre juin et août 2025"),
        ("es", "[2024..2025]", "entre 2024 y 2025"),
        ("de", "[2025-06..2025-08]", "zwischen Juni und August 2025"),
        ("fr", "2025-06~", "vers juin 2025"),
    ],
)
def test_a_month_or_a_year_in_a_range_takes_no_article(language: str, date: str, expected: str) -> None:
    assert shown(language, date) == expected


def test_english_says_a_day_and_a_month_in_a_range_alike() -> None:
    assert shown("en", "[2025-12-19..2025-12-31]") == "between 19 and 31 December 2025"
    assert shown("en", "[..2025-06-03]") == "on or before 3 June 2025"
    assert shown("en", "2025-06-04~") == "c. 4 June 2025"


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_colon_stands_between_a_word_and_the_name_it_governs(language: str) -> None:
    """ "с участием Kim Jong Un", not "с участием: Kim Jong Un": a colon before a name only
    where the English has one ("Actor: %(name)s")."""
    before_name = re.compile(r"[:：]\s*%\((name|who)\)s")
    wrong = [
        text
        for english, text in translations(language)
        if before_name.search(text) and not before_name.search(english)
    ]
    assert wrong == []


# --------------------------------------------------------------------------- one word for one thing


@pytest.mark.parametrize(
    ("language", "used", "other"),
    [("ru", "хроник", "хронолог"), ("uk", "хронік", "хронолог"), ("ko", "연표", "타임라인")],
)
def test_a_language_calls_the_timeline_by_one_name(language: str, used: str, other: str) -> None:
    texts = [text.lower() for english, text in translations(language) if "timeline" in english.lower()]
    assert any(used in text for text in texts)
    assert [text for text in texts if other in text] == []


# --------------------------------------------------------------------------- the search script


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_search_script_quotes_in_the_marks_the_language_quotes_a_title_in(language: str) -> None:
    said = dict(translations(language))
    title = said["The source document “%(title)s”, with the passages the timeline quotes highlighted."]
    marks = re.search(r"([«“„])(\s?)%\(title\)s(\s?)([»”“])", title)
    assert marks is not None
    assert said["“%(text)s”"] == "{}{}%(text)s{}{}".format(*marks.groups())


def test_the_search_script_takes_its_quotation_marks_from_the_page() -> None:
    script = (REPO / "templates" / "assets" / "timeline.js").read_text(encoding="utf-8")
    finder = (REPO / "templates" / "partials" / "finder.html").read_text(encoding="utf-8")
    assert '"quoted": message("“%(text)s”")' in finder
    assert 'say("quoted"' in script
    assert '"\\u201c" +' not in script and '+ "\\u201d"' not in script


# --------------------------------------------------------------------------- the overview's sentence


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "2022 (month not known)"), ("fr", "2022 (mois inconnu)"), ("ru", "2022 (месяц неизвестен)")],
)
def test_the_overview_sentence_names_a_year_of_unknown_months_in_brackets(language: str, name: str) -> None:
    assert bucket_name((2022, 0), True, 1, wording(language)) == name
    said = wording(language)
    assert bucket_name((2022, 3), True, 1, said) == bucket_label((2022, 3), True, 1, said)


def test_the_overview_sentence_reads_from_a_year_of_unknown_months_to_a_month(tmp_path: Path) -> None:
    files = {
        "content/events/first-event.yaml": None,
        "content/events/a.yaml": event_yaml("2022"),
        "content/events/b.yaml": event_yaml("2026-01-10"),
    }
    site = load_site(write_site(tmp_path, files)).site
    assert site is not None
    timeline = with_indexes(in_chronology(site, make_markdown()))
    made = overview("At a glance", timeline.years, {}, True)
    assert "from 2022 (month not known) to January 2026, by month" in made.description


# --------------------------------------------------------------------------- the corrections' parts


def cover(language: str, first: datetime.date, last: datetime.date) -> str:
    """The label of a corrections part listing a correction of `last`, then one of `first`."""
    items = [SimpleNamespace(change=SimpleNamespace(date=day)) for day in (last, first)]
    timeline = SimpleNamespace(site=SimpleNamespace(settings=SimpleNamespace(wording=wording(language))))
    timeline.corrections = items  # type: ignore[attr-defined]
    (part,) = correction_parts(timeline)  # type: ignore[arg-type]
    return part.label


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "3–5 December 2026"), ("fr", "3–5 décembre 2026"), ("de", "3.–5. Dezember 2026")],
)
def test_a_corrections_part_says_what_its_days_share_once(language: str, expected: str) -> None:
    assert cover(language, datetime.date(2026, 12, 3), datetime.date(2026, 12, 5)) == expected


def test_a_corrections_part_across_months_reads_from_its_oldest_day() -> None:
    label = cover("en", datetime.date(2026, 11, 28), datetime.date(2026, 12, 5))
    assert label == "28 November – 5 December 2026"
