"""new: scaffold an event file from a title and a date; never overwrite; print the path."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from unit_helpers import reported, run_build, write_site

from chronicle.cli import main
from chronicle.commands.new import slug_for
from chronicle.validate import is_slug

EVENT = "content/events/first-event.yaml"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kim meets Shoigu in Pyongyang", "kim-meets-shoigu-in-pyongyang"),
        ("Zoë's café", "zoe-s-cafe"),
        ("  Putin: “invincible friendship” — again!  ", "putin-invincible-friendship-again"),
        ("!!!", "event"),
    ],
    ids=["ascii", "accents-and-apostrophe", "typographic-marks", "no-letters"],
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


def test_new_writes_the_scaffold_and_prints_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Zoë's café", "--date", "2025-06-04", "--root", str(tmp_path)]) == 0
    path = tmp_path / "content" / "events" / "zoe-s-cafe.yaml"
    assert capsys.readouterr().out == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Zoë\'s café"\n' in text
    assert "\ndate: 2025-06-04 " in text
    assert f"\nadded: {datetime.date.today().isoformat()} " in text


def test_new_never_overwrites_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "content" / "events" / "kim-meets-shoigu.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("title: edited by hand\n")
    assert main(["new", "Kim meets Shoigu", "--date", "2025", "--root", str(tmp_path)]) == 1
    assert path.read_text() == "title: edited by hand\n"
    assert capsys.readouterr().err == (
        f"error: {path} already exists; nothing written (choose another title or edit that file)\n"
    )


def test_impossible_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run_build("new", "Kim meets Shoigu", "--date", "2025-02-30", "--root", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "build.py new: error: argument --date: February 2025 has 28 days, not 30"
    )
    assert not (tmp_path / "content").exists()


def test_title_with_quotes_and_backslashes_survives_the_scaffold(tmp_path: Path) -> None:
    title = 'He said "no" \\ twice: #1'
    root = write_site(tmp_path, {EVENT: None})
    assert main(["new", title, "--date", "2025-06", "--root", str(root)]) == 0
    assert reported(root)[0][0].startswith("content/events/he-said-no-twice-1.yaml:")
    scaffold = (root / "content/events/he-said-no-twice-1.yaml").read_text(encoding="utf-8")
    assert 'title: "He said \\"no\\" \\\\ twice: #1"\n' in scaffold


def test_scaffold_fails_check_only_on_the_fields_left_to_fill_in(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: None})
    result = run_build("new", "Ким Чен Ын встречает Шойгу", "--date", "2025-06-04", "--root", str(root))
    assert result.returncode == 0
    relpath = Path(result.stdout.strip()).relative_to(root).as_posix()
    assert [(where, message) for where, message, _ in reported(root)] == [
        (f"{relpath}:7:1", "error: event needs 'summary'"),
        (f"{relpath}:12:5", "error: a source needs 'article' and 'quote', or 'url'"),
    ]
