"""load: YAML text -> nodes with 1-based marks, every scalar as text; files read safely."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.load import (
    YamlMap,
    YamlNode,
    YamlScalar,
    YamlSeq,
    load_yaml_file,
    parse_yaml,
    read_text_file,
)


def parse(text: str) -> tuple[YamlNode | None, list[tuple[str, str, str | None]]]:
    diagnostics = Diagnostics()
    node = parse_yaml(text, "f.yaml", diagnostics)
    return node, [(str(d.mark), d.message, d.hint) for d in diagnostics.items]


def value_of(text: str, key: str) -> YamlScalar:
    node, problems = parse(text)
    assert problems == []
    assert isinstance(node, YamlMap)
    value = node.get(key)
    assert isinstance(value, YamlScalar)
    return value


@pytest.mark.parametrize(
    "written",
    ["2025-06", "2025-06-04", "no", "yes", "on", "1e3", "0o17", "012", "1_000", ".inf", "true", "12:30"],
)
def test_every_plain_scalar_stays_the_text_written(written: str) -> None:
    assert value_of(f"value: {written}\n", "value").value == written


def test_quoted_scalar_is_not_plain() -> None:
    assert value_of("value: '2025'\n", "value") == YamlScalar("2025", Mark("f.yaml", 1, 8), plain=False)


@pytest.mark.parametrize(
    "written", ["", "~", "null", "Null", "NULL"], ids=["empty", "tilde", "null", "Null", "NULL"]
)
def test_plain_null_words_are_null(written: str) -> None:
    assert value_of(f"value: {written}\n", "value").is_null


def test_quoted_null_word_is_text() -> None:
    assert not value_of("value: 'null'\n", "value").is_null


def test_marks_are_one_based_line_and_column_of_the_value() -> None:
    node, _ = parse("title: x\nsources:\n  - url: https://example.org/\n")
    assert isinstance(node, YamlMap)
    sources = node.get("sources")
    assert isinstance(sources, YamlSeq)
    item = sources.items[0]
    assert isinstance(item, YamlMap)
    url = item.get("url")
    assert url is not None
    assert [node.mark, sources.mark, item.mark, url.mark] == [
        Mark("f.yaml", 1, 1),
        Mark("f.yaml", 3, 3),
        Mark("f.yaml", 3, 5),
        Mark("f.yaml", 3, 10),
    ]


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    node, problems = parse("title: x\ndate: 2025\ntitle: y\n")
    assert problems == [("f.yaml:3:1", "duplicate key 'title'", "first given at line 1; keep one of them")]
    assert isinstance(node, YamlMap)
    assert node.get("title") == YamlScalar("x", Mark("f.yaml", 1, 8), plain=True)


def anchor_refused(where: str, name: str) -> tuple[str, str, str]:
    return (
        where,
        f"YAML reads '&{name}' at the start of this value as an anchor (a name for the value), which is "
        "not allowed here, and would drop it from the text",
        "put the whole value in quotes if '&' is part of the text",
    )


def test_an_alias_is_refused_at_the_anchor_it_names() -> None:
    assert parse("title: &t x\nsummary: *t\n") == (None, [anchor_refused("f.yaml:1:8", "t")])


def test_an_alias_without_an_anchor_is_refused_at_the_alias() -> None:
    node, problems = parse("title: x\nsummary: *t\n")
    assert node is None and problems and problems[0][0] == "f.yaml:2:10"


def test_an_anchor_without_an_alias_is_refused_not_dropped_from_the_text() -> None:
    assert parse("title: x\nsummary: &Breaking The court rules\n") == (
        None,
        [anchor_refused("f.yaml:2:10", "Breaking")],
    )


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("title: !note Officials welcome it\n", "!note"),
        ('title: !!python/object:os.system "echo pwned"\n', "!!python/object:os.system"),
        ("tags: [a, !x b]\n", "!x"),
        ("title: ! x\n", "!"),
    ],
)
def test_a_tag_is_refused_not_dropped_from_the_text(text: str, tag: str) -> None:
    node, problems = parse(text)
    assert node is None
    ((_, message, hint),) = problems
    assert message.startswith(f"YAML reads {tag!r} at the start of this value as a tag")
    assert hint == "put the whole value in quotes if '!' is part of the text"


@pytest.mark.parametrize("text", ["title: Hello! A & B\n", "title: '&quoted'\n", 'title: "!quoted"\n'])
def test_an_ampersand_or_exclamation_mark_inside_the_text_stays_text(text: str) -> None:
    node, problems = parse(text)
    assert problems == []
    assert isinstance(node, YamlMap)


def test_billion_laughs_is_refused_quickly_at_the_first_alias() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    node, problems = parse("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert (node, problems) == (None, [anchor_refused("f.yaml:1:4", "a")])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: x\n\tdate: 2025\n", "f.yaml:2:1"),
        ("tags:\n  - a\n\t- b\n", "f.yaml:3:1"),
    ],
    ids=["mapping-key", "list-item"],
)
def test_tab_indentation_is_reported_at_the_tab(text: str, where: str) -> None:
    assert parse(text) == (
        None,
        [(where, "YAML syntax error: a tab character cannot indent YAML", "indent with spaces")],
    )


def test_tab_indenting_the_first_line_of_a_nested_block_is_reported_as_a_tab() -> None:
    assert parse("sources:\n\t- url: https://example.org/\n") == (
        None,
        [("f.yaml:2:1", "YAML syntax error: a tab character cannot indent YAML", "indent with spaces")],
    )


def test_second_document_is_an_error_at_its_separator() -> None:
    assert parse("title: x\n---\ntitle: y\n") == (
        None,
        [("f.yaml:2:1", "YAML syntax error: a file holds one YAML document", "remove the second `---`")],
    )


def test_syntax_error_pyyaml_words_are_kept_where_no_better_are_known() -> None:
    assert parse("summary: ? x\n") == (
        None,
        [("f.yaml:1:10", "YAML syntax error: mapping keys are not allowed in this context", None)],
    )


def test_key_that_is_not_a_scalar_is_reported() -> None:
    node, problems = parse("? [a, b]\n: 1\n")
    assert problems == [("f.yaml:1:3", "a key must be a word, not a list or mapping", None)]
    assert node == YamlMap((), Mark("f.yaml", 1, 1))


@pytest.mark.parametrize("text", ["", "# only a comment\n"], ids=["empty", "comment"])
def test_file_without_content_is_none_without_error(text: str) -> None:
    assert parse(text) == (None, [])


def read(root: Path, relpath: str, limit: int = 1000) -> tuple[str | None, list[tuple[str, str, str | None]]]:
    diagnostics = Diagnostics()
    text = read_text_file(root, relpath, diagnostics, limit)
    return text, [(str(d.mark), d.message, d.hint) for d in diagnostics.items]


def test_non_utf8_file_is_reported_at_its_start_naming_the_byte_and_line(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"title: x\nsummary: caf\xe9\n")
    assert read(tmp_path, "f.yaml") == (
        None,
        [
            (
                "f.yaml:1:1",
                "file is not valid UTF-8 (byte 0xe9 at line 2)",
                "save the file with UTF-8 encoding",
            )
        ],
    )


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"\xef\xbb\xbftitle: x\n")
    assert read(tmp_path, "f.yaml") == ("title: x\n", [])


def test_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"x" * 1001)
    assert read(tmp_path, "f.yaml", limit=1000) == (
        None,
        [("f.yaml:1:1", "file is too large (1,001 bytes; the limit is 1,000)", None)],
    )


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"x" * 1000)
    assert read(tmp_path, "f.yaml", limit=1000) == ("x" * 1000, [])


def test_symlink_to_a_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret\n")
    root = tmp_path / "site"
    root.mkdir()
    (root / "f.yaml").symlink_to(tmp_path / "secret.txt")
    assert read(root, "f.yaml") == (
        None,
        [
            (
                "f.yaml:1:1",
                "this file is a link to a place outside the site folder",
                "copy the file into the site folder instead of linking to it",
            )
        ],
    )


def test_file_in_a_linked_folder_outside_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "f.yaml").write_text("secret\n")
    root = tmp_path / "site"
    root.mkdir()
    (root / "events").symlink_to(tmp_path / "elsewhere")
    text, problems = read(root, "events/f.yaml")
    assert text is None
    assert [message for _, message, _ in problems] == [
        "this file is a link to a place outside the site folder"
    ]


def test_file_in_a_linked_folder_inside_the_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "f.yaml").write_text("title: x\n")
    (tmp_path / "events").symlink_to(tmp_path / "real")
    assert read(tmp_path, "events/f.yaml") == ("title: x\n", [])


def test_file_below_a_linked_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "f.yaml").write_text("title: x\n")
    (tmp_path / "site").symlink_to(tmp_path / "real")
    assert read(tmp_path / "site", "f.yaml") == ("title: x\n", [])


def test_symlink_to_a_file_inside_the_root_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("title: x\n")
    (tmp_path / "f.yaml").symlink_to(tmp_path / "real.yaml")
    assert read(tmp_path, "f.yaml") == ("title: x\n", [])


def test_a_file_that_is_a_loop_of_links_is_a_located_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "entities.yaml").symlink_to("entities.yaml")
    diagnostics = Diagnostics()
    assert load_yaml_file(tmp_path, "content/entities.yaml", diagnostics) is None
    assert [d.message for d in diagnostics.items] == [
        "this file is a link that leads back to itself (a loop of links)"
    ]
