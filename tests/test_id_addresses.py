"""No id can take the address of a page the build makes by itself (red team 21, R1).

The indexes of sources, topics, actors and places run onto numbered pages (`sources/2/`,
`tags/2/` ...) in the folder where each id has its page: an id made only of digits is a
located error in `check` and `build` however few items the site has today. Should two files
still claim one path, the build names both, as a content error, never an internal one.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from chronicle import cli
from chronicle.authoring.timelinejs_import import COLUMNS
from chronicle.build.plan import _refuse_duplicates, output_claim
from chronicle.build.planned import OutputFile
from chronicle.build.write import DuplicateOutputError
from chronicle.render import pages
from chronicle.source import catalogue


def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "site-folder"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main([*args, "--jobs", "1"] if args[0] == "build" else list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def rename_article(root: Path, new: str) -> None:
    (root / "content" / "articles" / "one.yaml").rename(root / "content" / "articles" / f"{new}.yaml")
    (root / "seeds" / "one.txt").rename(root / "seeds" / f"{new}.txt")
    event = root / "content" / "events" / "first-event.yaml"
    event.write_text(event.read_text().replace("article: one", f'article: "{new}"'), encoding="utf-8")


def retag(root: Path, tag: str) -> None:
    event = root / "content" / "events" / "first-event.yaml"
    event.write_text(event.read_text().replace("tags: [diplomacy]", f"tags: [diplomacy, {tag}]"))


def rename_entity(root: Path, old: str, new: str) -> None:
    for path in (root / "content" / "entities.yaml", root / "content" / "events" / "first-event.yaml"):
        path.write_text(re.sub(rf"\b{old}\b", new, path.read_text()), encoding="utf-8")


CASES = {
    "article": (lambda root: rename_article(root, "2"), "content/articles/2.yaml:1:1", "sources/2/"),
    "tag": (lambda root: retag(root, "2024"), "content/events/first-event.yaml:4:19", "tags/2024/"),
    "actor": (lambda root: rename_entity(root, "alpha", "7"), "content/entities.yaml:2:3", "actors/7/"),
    "place": (lambda root: rename_entity(root, "capital", "0"), "content/entities.yaml:4:3", "places/0/"),
}


@pytest.mark.parametrize("kind", CASES)
@pytest.mark.parametrize("command", ["check", "build"])
def test_an_id_made_only_of_digits_is_a_located_error_on_a_site_of_one_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    root = minimal(tmp_path)
    change, where, address = CASES[kind]
    change(root)
    code, said = run(capsys, command, "--root", str(root))
    assert code == 1, said
    assert f"{where}: error: " in said and f"its page would be {address}" in said, said
    assert "hint: give" in said and "internal error" not in said
    assert said.count(": error: ") == 1, said  # at the id only: what names it is not refused too
    assert not (root / "site").exists()


@pytest.mark.parametrize("name", ["2024-report", "a1", "report_2", "x"])
def test_ids_with_a_letter_build(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    root = minimal(tmp_path)
    rename_article(root, name)
    retag(root, name.replace("_", "-"))
    code, said = run(capsys, "build", "--root", str(root))
    assert code == 0, said
    assert (root / "site" / "sources" / name / "index.html").is_file()


def test_two_files_at_one_path_are_a_content_error_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net: with the rule on ids switched off and the sources index paged by one,
    article `2` and the index's second page claim sources/2/."""
    root = minimal(tmp_path)
    rename_article(root, "2")
    shutil.copy(root / "content" / "articles" / "2.yaml", root / "content" / "articles" / "b.yaml")
    shutil.copy(root / "seeds" / "2.txt", root / "seeds" / "b.txt")
    monkeypatch.setattr(catalogue, "numbered_id_problem", lambda kind, value: None)
    monkeypatch.setattr(pages, "SOURCES_PER_PAGE", 1)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous build")
    (root / "site" / ".chronicle-output").write_text("")
    code, said = run(capsys, "build", "--root", str(root))
    assert code == 1, said
    assert "internal error" not in said
    assert (
        "content/articles/2.yaml:1:1: error: two files would be written to sources/2/index.html: "
        "page 2 of the sources index and the page of the source '2' (content/articles/2.yaml)"
    ) in said, said
    assert "hint: rename one of them" in said
    assert said.rstrip().endswith("is as it was")
    assert (root / "site" / "index.html").read_text() == "previous build"


def test_every_kind_of_page_is_named_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every output file of a site with every kind of page has a description, and those of
    pages name what they show (so a collision between any two can be told)."""
    from chronicle.build.cache import BuildState
    from chronicle.build.load import load_site
    from chronicle.build.plan import plan_site
    from chronicle.build.session import provenance

    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", root)
    loaded = load_site(root)
    assert loaded.site is not None
    plan = plan_site(loaded.site, root, BuildState(""), provenance(loaded.site), 1)
    claims = {item.path: output_claim(item) for item in plan.files}
    assert not [path for path, (what, _) in claims.items() if "made by the template" in what]
    assert len({what for what, _ in claims.values()}) == len(claims)  # each told apart
    slug = loaded.site.events[0].slug
    assert claims[f"events/{slug}/index.html"] == (
        f"the page of the event '{slug}'",
        f"content/events/{slug}.yaml",
    )


def test_a_path_claimed_twice_names_both_claims() -> None:
    def render() -> tuple[bytes, None]:
        return b"", None

    files = [OutputFile("data/events.json", "a", render), OutputFile("data/events.json", "b", render)]
    with pytest.raises(DuplicateOutputError) as caught:
        _refuse_duplicates(files)
    assert str(caught.value) == (
        "two files would be written to data/events.json: the data file data/events.json and the "
        "data file data/events.json"
    )


def test_import_refuses_a_group_that_would_be_a_topic_made_only_of_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n")
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        writer.writerow({"Year": "2025", "Headline": "A", "Text": "T", "Media": "https://example.org/"})
        writer.writerow({"Year": "2025", "Headline": "B", "Text": "T", "Group": "2024"})
    code, said = run(capsys, "import", str(sheet), "--root", str(root))
    assert code == 1, said
    column = COLUMNS.index("Group") + 1
    assert f"sheet.csv:3:{column}: error: the Group would be the topic '2024', made only of digits" in said
    assert not (root / "content" / "events").exists()
