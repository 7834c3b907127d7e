"""new: scaffold an event file from a title and a date; never overwrite; print the path."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import reported, run_build, write_site

from chronicle.cli import main
from chronicle.commands.new import slug_for
from chronicle.model.diagnostics import Diagnostics
from chronicle.model.fields import EVENT_FIELDS
from chronicle.source.load import YamlMap, YamlScalar, YamlSeq, parse_yaml
from chronicle.source.validate import is_slug

EVENT = "content/events/first-event.yaml"
SUMMARY = next(field for field in EVENT_FIELDS if field.name == "summary")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kim meets Shoigu in Pyongyang", "kim-meets-shoigu-in-pyongyang"),
        ("Zoë's café", "zoes-cafe"),
        ("Fishermen’s cooperative appeals", "fishermens-cooperative-appeals"),
        ("  Putin: “invincible friendship” — again!  ", "putin-invincible-friendship-again"),
        ("!!!", "event"),
    ],
    ids=["ascii", "accents-and-apostrophe", "typographic-apostrophe", "typographic-marks", "no-letters"],
)
def test_slug_is_derived_from_the_title(title: str, slug: str) -> None:
    assert slug_for(title) == slug


@pytest.mark.parametrize(
    "title",
    ["Ким Чен Ын встречает Шойгу", "김정은 위원장", "Συνάντηση στην Αθήνα"],
    ids=["cyrillic", "korean", "greek"],
)
def test_slug_of_a_title_in_another_script_is_transliterated(title: str) -> None:
    slug = slug_for(title)
    assert is_slug(slug)
    assert slug != "event"


def test_cyrillic_title_is_transliterated_word_by_word() -> None:
    assert slug_for("Ким Чен Ын встречает Шойгу").startswith("kim-chen-")


def test_long_title_is_cut_at_a_word_boundary() -> None:
    slug = slug_for("word " * 40)
    assert is_slug(slug)
    assert len(slug) <= 80
    assert slug.endswith("word")


def scaffold_values(path: Path) -> dict[str, str]:
    """The filled-in values of a scaffold, read as the build reads them."""
    node = parse_yaml(path.read_text(encoding="utf-8"), "scaffold.yaml", Diagnostics())
    assert isinstance(node, YamlMap)
    return {
        key.value: value.value
        for key, value in node.entries
        if isinstance(value, YamlScalar) and not value.is_null
    }


def test_new_writes_the_scaffold_and_prints_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Zoë's café", "--date", "2025-06-04", "--root", str(write_site(tmp_path))]) == 0
    path = tmp_path / "content" / "events" / "zoes-cafe.yaml"
    assert capsys.readouterr().out == f"{path}\n"
    assert scaffold_values(path) == {
        "title": "Zoë's café",
        "date": "2025-06-04",
        "added": datetime.date.today().isoformat(),
    }


def test_new_never_overwrites_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_site(tmp_path) / "content" / "events" / "kim-meets-shoigu.yaml"
    path.write_text("title: edited by hand\n")
    assert main(["new", "Kim meets Shoigu", "--date", "2025", "--root", str(tmp_path)]) == 1
    assert path.read_text() == "title: edited by hand\n"
    assert capsys.readouterr().err == (
        f"error: {path} already exists; nothing written (choose another title or edit that file)\n"
    )


def test_a_title_longer_than_an_events_may_be_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_site(tmp_path)
    assert main(["new", "word " * 120, "--date", "2025", "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error: the title is 599 characters long; an event's title")
    assert sorted(path.name for path in (tmp_path / "content" / "events").iterdir()) == ["first-event.yaml"]


def test_impossible_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run_build("new", "Kim meets Shoigu", "--date", "2025-02-30", "--root", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "build.py new: error: argument --date: February 2025 has 28 days, not 30"
    )
    assert not (tmp_path / "content").exists()


def test_title_with_quotes_and_backslashes_survives_the_scaffold(tmp_path: Path) -> None:
    title = 'He said "no" \\ twice: #1'
    assert main(["new", title, "--date", "2025-06", "--root", str(write_site(tmp_path))]) == 0
    assert scaffold_values(tmp_path / "content/events/he-said-no-twice-1.yaml")["title"] == title


def test_scaffold_fails_check_only_on_the_fields_left_to_fill_in(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: None})
    result = run_build("new", "Ким Чен Ын встречает Шойгу", "--date", "2025-06-04", "--root", str(root))
    assert result.returncode == 0
    path = Path(result.stdout.strip())
    relpath = path.relative_to(root).as_posix()
    node = parse_yaml(path.read_text(encoding="utf-8"), relpath, Diagnostics())
    assert isinstance(node, YamlMap)
    sources = node.get("sources")
    assert isinstance(sources, YamlSeq)
    assert reported(root) == [
        (str(_key_mark(node, "summary")), "error: 'summary' is empty", f"summary: {SUMMARY.description}"),
        (
            str(sources.items[0].mark),
            "error: a source needs 'article' and 'quote', or 'url'",
            "the site's articles: one",
        ),
    ]


def _key_mark(node: YamlMap, name: str) -> object:
    return next(key.mark for key, _ in node.entries if key.value == name)
