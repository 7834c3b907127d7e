"""Languages: which catalog a site's `language:` picks, `strings:` overrides, plural forms, numbers,
and dates in the words of French, Korean, Arabic and Russian; the catalogs themselves."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.date_wording import date_label, date_note, label_text, span_label
from chronicle.model.event_dates import parse_event_date
from chronicle.model.wording import Wording
from chronicle.render.theme import plural_forms
from chronicle.source.language import available, catalog_for, make_wording

REPO = Path(__file__).resolve().parent.parent
SITE = "content/site.yaml"
SHIPPED = ("ar", "de", "en", "es", "fr", "ko", "ru", "uk")


def wording(tag: str) -> Wording:
    catalog = catalog_for(tag)
    assert catalog is not None
    return make_wording(tag, catalog)


def site_yaml(extra: str) -> dict[str, str | None]:
    return {SITE: "title: T\nbase_url: https://example.org/\n" + extra}


# --------------------------------------------------------------------------- which catalog


def test_every_promised_language_has_a_catalog() -> None:
    assert set(SHIPPED) <= set(available())


@pytest.mark.parametrize(
    ("tag", "catalog"),
    [("fr", "fr"), ("fr-CA", "fr"), ("FR", "fr"), ("ko-KR", "ko"), ("pt-BR", None), ("ja", None)],
)
def test_a_language_takes_its_exact_catalog_then_its_base_languages(tag: str, catalog: str | None) -> None:
    assert catalog_for(tag) == catalog


def test_a_regional_tag_keeps_its_regions_dates() -> None:
    assert (wording("fr-CA").locale, wording("en-US").locale, wording("en").locale) == (
        "fr_CA",
        "en_US",
        "en_GB",
    )


@pytest.mark.parametrize(
    ("tag", "direction"), [("ar", "rtl"), ("ar-EG", "rtl"), ("fr", "ltr"), ("ko", "ltr")]
)
def test_direction_follows_the_languages_script(tag: str, direction: str) -> None:
    assert wording(tag).direction == direction


def test_open_graph_gets_the_language_with_its_likeliest_territory() -> None:
    assert [wording(tag).og_locale for tag in ("fr", "fr-CA", "ko", "ar", "en")] == [
        "fr_FR",
        "fr_CA",
        "ko_KR",
        "ar_EG",
        "en_US",
    ]


def test_a_right_to_left_language_without_a_catalog_is_still_right_to_left() -> None:
    assert (make_wording("he", "en").direction, make_wording("fa", "en").direction) == ("rtl", "rtl")


def test_an_unsupported_language_builds_in_english_with_a_warning_at_its_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml("language: ja\n"))
    assert reported(root) == [
        (
            f"{SITE}:3:11",
            "warning: the interface has no translation into 'ja': it is shown in English",
            "languages available: " + ", ".join(available()),
        )
    ]
    loaded = load_site(root).site
    assert loaded is not None
    assert (loaded.settings.language, loaded.settings.wording.catalog) == ("ja", "en")


def test_the_chosen_language_speaks_in_the_site(tmp_path: Path) -> None:
    loaded = load_site(write_site(tmp_path, site_yaml("language: uk\n"))).site
    assert loaded is not None
    assert loaded.settings.wording.phrase("Disputed figures") == "Спірні цифри"


# --------------------------------------------------------------------------- plural forms and numbers


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "1 событие"),
        (2, "2 события"),
        (5, "5 событий"),
        (11, "11 событий"),
        (21, "21 событие"),
        (22, "22 события"),
    ],
)
def test_russian_says_a_count_in_three_forms(count: int, said: str) -> None:
    assert wording("ru").counted("%(num)s event", "%(num)s events", count) == said


@pytest.mark.parametrize(
    ("count", "said"),
    [(0, "0 حدث"), (1, "حدث واحد"), (2, "حدثان"), (3, "3 أحداث"), (11, "11 حدثًا"), (100, "100 حدث")],
)
def test_arabic_says_a_count_in_six_forms(count: int, said: str) -> None:
    assert wording("ar").counted("%(num)s event", "%(num)s events", count) == said


def test_korean_says_every_count_one_way() -> None:
    korean = wording("ko")
    assert [korean.counted("%(num)s event", "%(num)s events", n) for n in (1, 2)] == ["사건 1건", "사건 2건"]


def test_counts_are_written_as_the_locale_writes_numbers() -> None:
    assert [wording(tag).number(12345) for tag in ("en", "fr", "de")] == ["12,345", "12\u202f345", "12.345"]


def test_a_script_gets_a_message_in_every_plural_category_of_the_language() -> None:
    forms = plural_forms(wording("ar"), "%(num)s event", "%(num)s events")
    assert sorted(forms) == ["few", "many", "one", "other", "two", "zero"]
    assert (forms["one"], forms["few"]) == ("حدث واحد", "%(num)s أحداث")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("tag", "text", "shown"),
    [
        ("fr", "2025-06", "juin 2025"),
        ("fr", "2025-06-04", "4 juin 2025"),
        ("fr", "2025-06~", "vers juin 2025"),
        ("fr", "[2025-12-01..2025-12-26]", "entre le 1 et le 26 décembre 2025"),
        ("fr", "[..2025-06-03]", "au plus tard le 3 juin 2025"),
        ("ko", "2025-06", "2025년 6월"),
        ("ko", "2025-06-04", "2025년 6월 4일"),
        ("ko", "2025-06~", "2025년 6월경"),
        ("ko", "[2025-12-01..2025-12-26]", "2025년 12월 1일~26일 사이"),
        ("ar", "2025-06", "يونيو 2025"),
        ("ar", "2025-06?", "يونيو 2025؟"),
        ("ar", "[2025-06-05..]", "في 5 يونيو 2025 أو بعده"),
        ("ru", "2025-06-04", "4 июня 2025\u202fг."),
        ("ru", "2025-06", "июнь 2025\u202fг."),
        ("ru", "[..2025-06-03]", "3 июня 2025\u202fг. или ранее"),
    ],
)
def test_dates_are_in_the_languages_words(tag: str, text: str, shown: str) -> None:
    assert label_text(date_label(parse_event_date(text), wording(tag))) == shown


@pytest.mark.parametrize(
    ("tag", "start", "end", "shown"),
    [
        ("fr", "2025-06-04", "2025-06-09", "4–9 juin 2025"),
        ("de", "2025-06-04", "2025-06-09", "4.–9. Juni 2025"),
        ("ko", "2025-06-04", "2025-07-09", "2025년 6월 4일~7월 9일"),
        ("ar", "2024-06", "2024-10", "يونيو – أكتوبر 2024"),
        ("ru", "2025-06-04", "2025-07-09", "4 июня — 9 июля 2025\u202fг."),
    ],
)
def test_a_span_says_what_its_ends_share_once_as_the_locale_does(
    tag: str, start: str, end: str, shown: str
) -> None:
    assert label_text(span_label(parse_event_date(start), parse_event_date(end), wording(tag))) == shown


def test_a_translated_range_keeps_a_machine_date_on_each_bound() -> None:
    parts = date_label(parse_event_date("[2025-12-01..2025-12-26]"), wording("ko"))
    assert [(part.text, part.datetime) for part in parts] == [
        ("2025년 12월 1일", "2025-12-01"),
        ("~", None),
        ("26일", "2025-12-26"),
        (" 사이", None),
    ]


def test_screen_reader_notes_are_translated() -> None:
    note = date_note(parse_event_date("2025-06~"), parse_event_date("2025-09?"), wording("fr"))
    assert note == "début approximatif, fin incertaine"


# --------------------------------------------------------------------------- strings:


def test_a_site_replaces_a_message_by_its_english_text(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, site_yaml('language: fr\nstrings:\n  "Disputed figures": "Chiffres en débat"\n')
    )
    loaded = load_site(root).site
    assert loaded is not None
    assert loaded.settings.wording.phrase("Disputed figures") == "Chiffres en débat"
    assert loaded.settings.wording.overridden == ("Disputed figures",)


def test_a_message_said_by_count_is_replaced_by_one_text_per_plural_form(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, site_yaml('strings:\n  "%(num)s event": ["%(num)s item", "%(num)s items"]\n')
    )
    loaded = load_site(root).site
    assert loaded is not None
    assert loaded.settings.wording.counted("%(num)s event", "%(num)s events", 3) == "3 items"


def test_a_replacement_longer_than_four_times_its_message_and_200_characters_is_an_error(
    tmp_path: Path,
) -> None:
    long = "%(num)s item" + " and more" * 30
    root = write_site(tmp_path, site_yaml(f'strings:\n  "%(num)s event": ["{long}", "%(num)s items"]\n'))
    [(where, message, _hint)] = reported(root)
    assert where == f"{SITE}:4:20"
    assert message == (
        f"error: the replacement of '%(num)s event' has {len(long)} characters; it may have at most "
        "200 (four times the message, or 200)"
    )


def test_a_replacement_of_200_characters_is_fine(tmp_path: Path) -> None:
    text = "Contested figures" + "." * 183
    root = write_site(tmp_path, site_yaml(f'strings:\n  "Disputed figures": "{text}"\n'))
    assert reported(root) == []


def test_an_unknown_message_is_an_error_with_the_closest_one(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('strings:\n  "Disputed figure": "Contested"\n'))
    assert reported(root) == [
        (
            f"{SITE}:4:3",
            "error: 'Disputed figure' is no message of the interface",
            "did you mean 'Disputed figures'?",
        )
    ]


def test_a_replacement_may_not_use_a_placeholder_its_message_lacks(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('strings:\n  "Credit: %(credit)s": "Photo: %(author)s"\n'))
    assert reported(root) == [
        (
            f"{SITE}:4:25",
            "error: 'Photo: %(author)s' uses %(author)s, which this message does not have",
            "it may use: %(credit)s",
        )
    ]


def test_a_replacement_may_not_use_an_unnamed_placeholder(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('strings:\n  "Permalink: %(title)s": "Link %s"\n'))
    assert reported(root) == [
        (f"{SITE}:4:27", "error: 'Link %s' is not a message: write %% for a percent sign", None)
    ]


def test_a_percent_sign_written_twice_before_a_parenthesis_is_text_not_a_placeholder(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_yaml('strings:\n  "Permalink: %(title)s": "%%(x)s %(title)s"\n'))
    assert reported(root) == []


def test_a_count_message_needs_as_many_texts_as_the_language_has_forms(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, site_yaml('language: ru\nstrings:\n  "%(num)s event": ["%(num)s событие"]\n')
    )
    assert reported(root)[0][1] == (
        "error: '%(num)s event' is said by count: give a list of 3 texts, one per plural form "
        "of the language, in the order of its catalog"
    )


# --------------------------------------------------------------------------- the catalogs


def messages_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", REPO / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_template_holds_exactly_the_messages_of_the_sources() -> None:
    assert list(messages_tool().template_problems()) == []


def test_every_catalog_translates_every_message_keeping_its_placeholders() -> None:
    assert list(messages_tool().catalog_problems()) == []
