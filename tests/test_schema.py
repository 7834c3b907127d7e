"""The JSON Schemas agree with the validator, read files as editors' YAML tooling does, and are current.

Editors' tooling (yaml-language-server, behind VS Code's YAML extension) reads YAML 1.2
with its core schema: `2024` is a number, `2025-06-04` a string (no dates), `true`/`false`
booleans (not `yes`/`no`), `~`/`null`/nothing a null. PyYAML reads YAML 1.1, so the tests
read files through `EditorYamlLoader`, a SafeLoader with the YAML 1.2 core resolvers.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from chronicle.authoring import schema as schema_module
from chronicle.build.load import load_site
from chronicle.model.dates import DAY_PATTERN
from chronicle.model.event_dates import EDTF_PATTERN
from chronicle.model.fields import ENTITIES_FIELDS, EVENT_FIELDS, Field
from chronicle.model.site_fields import SITE_FIELDS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHIPPED = REPO / "schema"
SITE_FOLDERS = [REPO, FIXTURES / "site", FIXTURES / "minimal", FIXTURES / "hostile"]


# --------------------------------------------------------------------------- reading as editors do


class EditorYamlLoader(yaml.SafeLoader):
    """YAML 1.2 core schema, as yaml-language-server reads a file; keys stay text."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag.startswith("tag:yaml.org,2002:"):
                key_node.tag = "tag:yaml.org,2002:str"  # JSON keys are strings
        return super().construct_mapping(node, deep)


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", [*"~nN", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    EditorYamlLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _core_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 16) if text.startswith("0x") else int(text, 10)


def _core_float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = str(loader.construct_scalar(node)).lower()  # type: ignore[arg-type]
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float("nan") if text == ".nan" else float(text)


EditorYamlLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
EditorYamlLoader.add_constructor("tag:yaml.org,2002:float", _core_float)


def read_as_editors_do(text: str) -> Any:
    return yaml.load(text, Loader=EditorYamlLoader)  # a SafeLoader subclass: safe


def test_editor_reading_follows_yaml_1_2_core_schema() -> None:
    data = read_as_editors_do(
        "a: 2024\nb: 2025-06\nc: 2025-06-04\nd: true\ne: yes\nf: no\ng:\nh: ~\ni: 0o17\nj: 1.5\n"
        "k: on\nl: 0x1f\nm: 007\n2024: key\n"
    )
    assert data == {
        "a": 2024,
        "b": "2025-06",
        "c": "2025-06-04",
        "d": True,
        "e": "yes",
        "f": "no",
        "g": None,
        "h": None,
        "i": 15,
        "j": 1.5,
        "k": "on",
        "l": 31,
        "m": 7,
        "2024": "key",
    }


# --------------------------------------------------------------------------- helpers


def schema_for(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHIPPED / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return data


def kind_of(relpath: str) -> str | None:
    """The schema of a site file, by where it lives (as the README's `yaml.schemas` setting maps it)."""
    if re.fullmatch(r"content/events/[^/]+\.yaml", relpath):
        return "event"
    if re.fullmatch(r"content/articles/[^/]+\.yaml", relpath):
        return "article"
    return {"content/entities.yaml": "entities", "content/site.yaml": "site"}.get(relpath)


def schema_errors(kind: str, text: str) -> list[str]:
    """Every schema error of a file's text, as `path: message`, the way an editor lists them."""
    validator = jsonschema.Draft7Validator(schema_for(kind))
    errors = sorted(validator.iter_errors(read_as_editors_do(text)), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]


def site_files(root: Path) -> list[tuple[Path, str]]:
    files = sorted((root / "content").rglob("*.yaml"))
    pairs = [(path, kind_of(path.relative_to(root).as_posix())) for path in files]
    return [(path, kind) for path, kind in pairs if kind is not None]


REAL_FILES = [(path, kind) for root in SITE_FOLDERS for path, kind in site_files(root)]


# --------------------------------------------------------------------------- shipped files


def test_shipped_schemas_are_generated_from_the_field_declarations() -> None:
    stale = schema_module.stale_files(SHIPPED)
    assert stale == [], f"run `python -m chronicle.authoring.schema` to regenerate {stale}"


def test_check_entry_point_exits_0_when_current() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "chronicle.authoring.schema", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (0, "")


def test_check_entry_point_exits_1_on_a_stale_file_and_writing_fixes_it(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    shutil.copytree(SHIPPED, folder)
    stale = folder / "event.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Headline", "Heading"), encoding="utf-8")
    (folder / "site.schema.json").unlink()

    assert schema_module.main(["--check", "--out", str(folder)]) == 1
    assert schema_module.stale_files(folder) == ["event.schema.json", "site.schema.json"]

    assert schema_module.main(["--out", str(folder)]) == 0
    assert schema_module.main(["--check", "--out", str(folder)]) == 0
    assert stale.read_bytes() == (SHIPPED / "event.schema.json").read_bytes()


@pytest.mark.parametrize("kind", ["event", "article", "entities", "site"])
def test_schema_is_draft_07_and_closed(kind: str) -> None:
    data = schema_for(kind)
    jsonschema.Draft7Validator.check_schema(data)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert data["$id"].endswith(f"/schema/{kind}.schema.json")
    assert data["additionalProperties"] is False
    text = (SHIPPED / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _walk(fields: tuple[Field, ...], schema: dict[str, Any], where: str) -> list[str]:
    """Every declared field is in the schema with its description (and its example when declared)."""
    problems = []
    if "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        schema = schema["additionalProperties"]  # named mappings: the schema of each entry
    if schema.get("type") in ("array", ["array", "null"]):
        schema = schema["items"]
    assert schema["additionalProperties"] is False, where
    for field in fields:
        prop = schema["properties"].get(field.name)
        if prop is None:
            problems.append(f"{where}.{field.name}: missing")
            continue
        if not field.description or prop.get("description") != field.description:
            problems.append(f"{where}.{field.name}: description")
        if field.example is not None and prop.get("examples") != [field.example]:
            problems.append(f"{where}.{field.name}: example")
        if field.fields:
            problems += _walk(field.fields, prop, f"{where}.{field.name}")
    required = sorted(field.name for field in fields if field.required)
    assert sorted(schema.get("required", [])) == required, where
    return problems


@pytest.mark.parametrize(
    ("kind", "fields"),
    [("event", EVENT_FIELDS), ("entities", ENTITIES_FIELDS), ("site", SITE_FIELDS)],
)
def test_every_declared_field_has_its_description_and_example(kind: str, fields: tuple[Field, ...]) -> None:
    assert _walk(fields, schema_for(kind), kind) == []


def test_date_fields_carry_the_date_pattern() -> None:
    properties = schema_for("event")["properties"]
    assert properties["date"]["pattern"] == EDTF_PATTERN
    assert properties["date"]["type"] == ["string", "integer"]
    assert properties["added"]["pattern"] == DAY_PATTERN
    assert properties["sources"]["minItems"] == 1


# --------------------------------------------------------------------------- real files


@pytest.mark.parametrize(
    ("path", "kind"),
    REAL_FILES,
    ids=[f"{path.relative_to(REPO).as_posix()}" for path, _kind in REAL_FILES],
)
def test_every_real_file_is_valid(path: Path, kind: str) -> None:
    assert schema_errors(kind, path.read_text(encoding="utf-8")) == []


def test_the_real_timeline_has_files_of_every_kind() -> None:
    kinds = [kind for path, kind in REAL_FILES if REPO / "content" in path.parents]
    assert kinds.count("event") >= 19
    assert {"event", "article", "entities", "site"} <= set(kinds)


# --------------------------------------------------------------------------- broken files

FIRST_EVENT = (FIXTURES / "minimal" / "content" / "events" / "first-event.yaml").read_text(encoding="utf-8")


def test_schema_rejects_a_misspelt_key() -> None:
    text = FIRST_EVENT.replace("title:", "titel:")
    assert schema_errors("event", text) == [
        ": Additional properties are not allowed ('titel' was unexpected)",
        ": 'title' is a required property",
    ]


def test_schema_rejects_a_missing_date() -> None:
    text = FIRST_EVENT.replace("date: 2025-06-03\n", "")
    assert schema_errors("event", text) == [": 'date' is a required property"]


@pytest.mark.parametrize("date", ["2026-13", "2026-00-10", "2026-12-32", "[2025-12-01..2025-13-26]"])
def test_schema_rejects_a_month_or_day_no_calendar_has(date: str) -> None:
    text = FIRST_EVENT.replace("date: 2025-06-03", f"date: '{date}'")
    assert schema_errors("event", text) == [f"date: '{date}' does not match {EDTF_PATTERN!r}"]


def test_schema_rejects_an_impossible_date_form() -> None:
    text = FIRST_EVENT.replace("date: 2025-06-03", "date: 3 June 2025")
    assert schema_errors("event", text) == [f"date: '3 June 2025' does not match {EDTF_PATTERN!r}"]


# Every case of tests/fixtures/broken/, classified: the schema rejects it (and names the
# place), or it breaks a rule the schema cannot express (and the schema must accept it, so
# an editor is never shown a false alarm), or it is not a YAML problem at all.
REJECTED = {
    "absolute-path-article": "sources/0/article",
    "bad-month": "date",
    "circa-not-bool": "circa",
    "data-url": "sources/1/url",
    "date-is-list": "date",
    "empty-sources": "sources",
    "file-is-list": "",
    "file-is-scalar": "",
    "javascript-url": "sources/1/url",
    "missing-date": "",
    "missing-sources": "",
    "missing-title": "",
    "misspelt-key": "",
    "media-without-alt": "media/0",
    "image-leaves-media": "media/0/file",
    "non-slug-entity-id": "actors",
    "non-slug-tag": "tags/0",
    "path-traversal-article": "sources/0/article",
    "site-yaml-unknown-key": "",
    "summary-is-list": "summary",
    "tags-is-string": "tags",
    "title-is-mapping": "title",
    "unknown-key": "",
}
BEYOND_THE_SCHEMA = {
    "impossible-date": "a calendar rule: 30 February (a month 13 or a day 32 the schema rejects)",
    "end-before-date": "compares two fields",
    "quote-not-in-article": "reads the article's text",
    "image-cut-short": "reads the image",
    "image-is-text": "reads the image",
    "unknown-actor": "needs entities.yaml",
    "unknown-article": "needs content/articles/",
    "unknown-place": "needs entities.yaml",
    "non-slug-filename": "a file name",
    "duplicate-key": "editors' YAML parsers flag duplicate keys themselves",
    "several-errors-in-several-files": "an unknown actor and a bad month (and a YAML error, below)",
}
NOT_SCHEMA_CASES = {
    "billion-laughs": "aliases: the engine refuses them before they expand",
    "tab-indent": "not YAML",
    "yaml-syntax": "not YAML",
    "not-utf8": "not text",
    "empty-file": "no document (the engine reports it; a schema sees null)",
    "oversized": "size",
    "deleted-document": "a missing seed document",
    "document-without-metadata": "a seed without metadata",
    "metadata-without-document": "metadata without a seed",
}
BROKEN_CASES = sorted(path.name for path in (FIXTURES / "broken").iterdir() if path.is_dir())


def test_every_broken_case_is_classified() -> None:
    classified = REJECTED.keys() | BEYOND_THE_SCHEMA.keys() | NOT_SCHEMA_CASES.keys()
    assert sorted(classified) == BROKEN_CASES


def _case_files(case: str) -> list[tuple[str, str, str]]:
    """(relpath, kind, text) of each YAML file a broken case writes over the minimal site."""
    files = FIXTURES / "broken" / case / "files"
    result = []
    for path in sorted(files.rglob("*.yaml")):
        relpath = path.relative_to(files).as_posix()
        kind = kind_of(relpath)
        if kind is not None:
            result.append((relpath, kind, path.read_text(encoding="utf-8")))
    return result


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_schema_rejects_broken_case(case: str) -> None:
    errors = [error for relpath, kind, text in _case_files(case) for error in schema_errors(kind, text)]
    assert errors, f"{case}: the schema accepts it"
    assert any(error.startswith(REJECTED[case] + ":") for error in errors), errors


@pytest.mark.parametrize("case", sorted(BEYOND_THE_SCHEMA))
def test_schema_accepts_what_only_check_can_catch(case: str) -> None:
    for relpath, kind, text in _case_files(case):
        try:
            read_as_editors_do(text)
        except yaml.YAMLError:
            continue  # a YAML error: the editor's parser reports it, not the schema
        assert schema_errors(kind, text) == [], relpath


# --------------------------------------------------------------------------- agreement with check

# (id, file, old text, new text, valid): a change to the minimal site, which both the schema
# (on the YAML 1.2 reading) and `check` must judge the same way.
EVENT = "content/events/first-event.yaml"
SOURCE = '  - article: one\n    quote: "agreed to share river data every week"\n'
VARIANTS = [
    ("year-as-number", EVENT, "date: 2025-06-03", "date: 2025", True),
    ("month", EVENT, "date: 2025-06-03", "date: 2025-06", True),
    ("quoted-date", EVENT, "date: 2025-06-03", 'date: "2025-06-03"', True),
    ("year-zero", EVENT, "date: 2025-06-03", "date: 0000", False),
    ("five-digit-year", EVENT, "date: 2025-06-03", "date: 20250", False),
    ("date-with-slashes", EVENT, "date: 2025-06-03", "date: 2025/06/03", False),
    ("date-with-time", EVENT, "date: 2025-06-03", "date: 2025-06-03T10:00", False),
    ("span", EVENT, "date: 2025-06-03", "date: 2025-06-03\nend: 2025-07", True),
    ("empty-end", EVENT, "date: 2025-06-03", "date: 2025-06-03\nend:", True),
    ("null-end", EVENT, "date: 2025-06-03", "date: 2025-06-03\nend: null", True),
    ("circa-true", EVENT, "date: 2025-06-03", "date: 2025-06-03\ncirca: true", True),
    ("circa-True", EVENT, "date: 2025-06-03", "date: 2025-06-03\ncirca: True", True),
    ("circa-yes", EVENT, "date: 2025-06-03", "date: 2025-06-03\ncirca: yes", False),
    ("circa-quoted", EVENT, "date: 2025-06-03", 'date: 2025-06-03\ncirca: "true"', False),
    ("title-number", EVENT, "title: Alpha officials meet in the capital", "title: 2024", True),
    ("title-boolean", EVENT, "title: Alpha officials meet in the capital", "title: true", True),
    ("title-empty", EVENT, "title: Alpha officials meet in the capital", "title:", False),
    ("title-blank", EVENT, "title: Alpha officials meet in the capital", 'title: "  "', False),
    ("summary-block", EVENT, "summary: Officials", "summary: |\n  Officials", True),
    ("numeric-tag", EVENT, "tags: [diplomacy]", "tags: [diplomacy, 2024]", False),
    ("numeric-quoted-tag", EVENT, "tags: [diplomacy]", 'tags: [diplomacy, "2024"]', False),
    ("tag-with-digits", EVENT, "tags: [diplomacy]", "tags: [diplomacy, 2024-election, y2024]", True),
    ("uppercase-tag", EVENT, "tags: [diplomacy]", "tags: [Diplomacy]", False),
    ("empty-tags", EVENT, "tags: [diplomacy]", "tags: []", True),
    ("null-tags", EVENT, "tags: [diplomacy]", "tags:", True),
    ("added-month", EVENT, "added: 2026-01-02", "added: 2026-01", False),
    ("updated", EVENT, "added: 2026-01-02", "added: 2026-01-02\nupdated: 2026-01-05", True),
    ("no-sources", EVENT, "sources:\n" + SOURCE, "sources: []\n", False),
    ("url-source", EVENT, SOURCE, "  - url: https://example.org/report\n    title: Report\n", True),
    (
        "url-source-dated",
        EVENT,
        SOURCE,
        "  - url: https://example.org/r\n    title: R\n    published: 2025-06\n",
        True,
    ),
    ("uppercase-scheme", EVENT, SOURCE, "  - url: HTTPS://EXAMPLE.ORG/report\n    title: R\n", True),
    ("url-without-title", EVENT, SOURCE, "  - url: https://example.org/r\n    publisher: P\n", False),
    ("url-with-empty-title", EVENT, SOURCE, "  - url: https://example.org/r\n    title:\n", False),
    ("url-without-host", EVENT, SOURCE, "  - url: https:///report\n", False),
    ("ftp-url", EVENT, SOURCE, "  - url: ftp://example.org/report\n", False),
    ("url-with-quote", EVENT, SOURCE, "  - url: https://example.org/r\n    quote: x\n", False),
    ("article-with-url", EVENT, SOURCE, SOURCE + "    url: https://example.org/r\n", False),
    ("article-with-title", EVENT, SOURCE, SOURCE + "    title: Report\n", False),
    ("article-without-quote", EVENT, SOURCE, "  - article: one\n", False),
    ("source-without-either", EVENT, SOURCE, "  - title: Report\n", False),
    (
        "url-with-empty-article",
        EVENT,
        SOURCE,
        "  - url: https://example.org/r\n    title: R\n    article:\n",
        True,
    ),
    ("article-with-empty-url", EVENT, SOURCE, SOURCE + "    url:\n", True),
    ("empty-source", EVENT, SOURCE, "  - article:\n    quote:\n", False),
    (
        "claim",
        EVENT,
        "added: 2026-01-02",
        "claims:\n  - about: River data\n    values:\n      - value: every week\n"
        "        according_to: Alpha\n        source: {article: one, quote: share river data}\n"
        "      - value: every month\n        according_to: Bravo\n"
        "        source: {url: 'https://example.org/b', title: B}\n"
        "added: 2026-01-02",
        True,
    ),
    (
        "claim-with-one-value",
        EVENT,
        "added: 2026-01-02",
        "claims:\n  - about: River data\n    values:\n      - value: every week\n"
        "        according_to: Alpha\n        source: {article: one, quote: share river data}\n"
        "added: 2026-01-02",
        False,
    ),
    (
        "claim-value-without-source",
        EVENT,
        "added: 2026-01-02",
        "claims:\n  - about: River data\n    values:\n      - value: every week\n"
        "        according_to: Alpha\nadded: 2026-01-02",
        False,
    ),
    (
        "claim-with-url-source",
        EVENT,
        "added: 2026-01-02",
        "claims:\n  - about: River data\n    values:\n      - value: every week\n"
        "        according_to: Alpha\n        source: {url: 'https://example.org/r', title: R}\n"
        "      - value: every month\n        according_to: Bravo\n"
        "        source: {url: 'https://example.org/b', title: B}\n"
        "added: 2026-01-02",
        True,
    ),
    *(
        (name, EVENT, "added: 2026-01-02", "media:\n" + entries + "added: 2026-01-02", valid)
        for name, entries, valid in (
            ("image", "  - file: media/photo.jpg\n    alt: A dam\n    credit: Us\n", True),
            (
                "image-captioned",
                "  - file: media/photo.jpg\n    alt: A\n    credit: U\n    caption: '*C*'\n",
                True,
            ),
            ("image-without-alt", "  - file: media/photo.jpg\n    credit: Us\n", False),
            ("image-empty-credit", "  - file: media/photo.jpg\n    alt: A dam\n    credit:\n", False),
            ("image-outside-media", "  - file: seeds/one.txt\n    alt: A\n    credit: Us\n", False),
            (
                "image-with-title",
                "  - file: media/photo.jpg\n    alt: A\n    credit: U\n    title: T\n",
                False,
            ),
            ("remote", "  - url: https://vimeo.com/1\n    title: T\n    credit: C\n", True),
            ("remote-without-credit", "  - url: https://vimeo.com/1\n    title: T\n", False),
            (
                "remote-with-alt",
                "  - url: https://vimeo.com/1\n    title: T\n    credit: C\n    alt: A\n",
                False,
            ),
            ("remote-not-http", "  - url: javascript:x\n    title: T\n    credit: C\n", False),
            (
                "file-and-url",
                "  - file: media/photo.jpg\n    url: https://e.org/\n    alt: A\n    credit: C\n",
                False,
            ),
            ("media-mapping", "  file: media/photo.jpg\n", False),
        )
    ),
    ("site-language-region", "content/site.yaml", "language: en", "language: pt-BR", True),
    ("site-language-word", "content/site.yaml", "language: en", "language: english", False),
    ("site-language-no", "content/site.yaml", "language: en", "language: no", True),
    ("site-title-year", "content/site.yaml", "title: Minimal timeline", "title: 1914", True),
    (
        "site-without-base-url",
        "content/site.yaml",
        "base_url: https://example.github.io/minimal/\n",
        "",
        False,
    ),
    ("numeric-actor-id", "content/entities.yaml", "actors:\n", "actors:\n  2024: {name: Year}\n", False),
    ("actor-id-with-digits", "content/entities.yaml", "actors:\n", "actors:\n  g7-2024: {name: G7}\n", True),
    ("actor-without-name", "content/entities.yaml", "actors:\n", "actors:\n  bravo: {kind: person}\n", False),
    ("actor-aliases", "content/entities.yaml", "kind: country}", "kind: country, aliases: [A, 1]}", True),
    ("actor-aliases-text", "content/entities.yaml", "kind: country}", "kind: country, aliases: A}", False),
    ("empty-aliases", "content/entities.yaml", "kind: country}", "kind: country, aliases: []}", True),
    ("null-entity", "content/entities.yaml", "actors:\n", "actors:\n  bravo:\n", False),
    ("article-year", "content/articles/one.yaml", "published: 2025-06-03", "published: 2025", True),
    ("article-words", "content/articles/one.yaml", "published: 2025-06-03", "published: June 2025", False),
    ("article-empty-publisher", "content/articles/one.yaml", "publisher: Fixture Wire", "publisher:", True),
    (
        "article-url",
        "content/articles/one.yaml",
        "published: 2025-06-03",
        "published: 2025-06-03\nurl: https://example.org/a\narchive_url: http://archive.org/x",
        True,
    ),
]


@pytest.mark.parametrize(
    ("relpath", "old", "new", "valid"),
    [variant[1:] for variant in VARIANTS],
    ids=[variant[0] for variant in VARIANTS],
)
def test_schema_and_check_agree(tmp_path: Path, relpath: str, old: str, new: str, valid: bool) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    path = root / relpath
    original = path.read_text(encoding="utf-8")
    assert old in original
    text = original.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    (root / "media").mkdir()
    shutil.copyfile(FIXTURES / "images" / "photo-gps.jpg", root / "media/photo.jpg")
    kind = kind_of(relpath)
    assert kind is not None

    errors = schema_errors(kind, text)
    result = load_site(root)
    check_errors = [d.headline() for d in result.diagnostics if d.severity == "error"]

    assert (not errors, not check_errors) == (valid, valid), (errors, check_errors)
