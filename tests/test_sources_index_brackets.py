"""The sources index says what square brackets around a title or a date mean, where it has any."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_reader import BuiltSite, build_site

NOTE = "A title or a date in square brackets is the editors'"


def notes_of(site: BuiltSite) -> list[str]:
    return [" ".join(p.text_content().split()) for p in site.page("sources/").cssselect("main p.note")]


def test_an_inferred_date_on_the_sources_index_is_explained_under_the_list(
    built_fixture_site: BuiltSite,
) -> None:
    assert "[" in built_fixture_site.page("sources/").cssselect(".source-index")[0].text_content()
    assert any(note.startswith(NOTE) for note in notes_of(built_fixture_site))


def test_a_sources_index_without_brackets_has_no_such_note(fixture_site_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(fixture_site_root, root)
    for article in (root / "content" / "articles").glob("*.yaml"):
        text = article.read_text(encoding="utf-8")
        kept = [
            line for line in text.splitlines() if not line.startswith(("published_note:", "title_supplied:"))
        ]
        article.write_text("\n".join(kept) + "\n", encoding="utf-8")
    site = build_site(root, tmp_path / "out", "https://example.org/t/")
    assert not any(note.startswith(NOTE) for note in notes_of(site))
