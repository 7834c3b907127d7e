"""Property-based tests: a mutated site gives a clean build or located errors, never an exception.

Every example starts from a fresh copy of the valid fixture site (tests/fixtures/site/), damages
one or two of its content files (events mostly; sometimes an article's metadata, entities.yaml,
site.yaml or a page) and runs the engine in process (`check_site`):

- `load_site()` must not raise; when it gives no site there is at least one error, and when
  it gives one there is none;
- every diagnostic is located: a root-relative path of a file of the site, 1 <= line <= the
  file's lines + 1, 1 <= col <= that line's length + 1, and `format_text` does not raise;
- when it gives a site, `render_site()` must not raise either; every page parses as HTML with
  no inline script but JSON data blocks that still parse, no `on*` attribute and no
  `javascript:` link; feed.xml, atom.xml and sitemap.xml parse as XML.

Targeted properties check that a mistake is reported *at the offending value* (an impossible
date, an unknown id, an unknown or duplicate key, a quote not in its article, a control
character), that equivalent spellings of a quote still verify, that `check` and `build` answer
with `PATH:LINE:COL: error:` lines, the same exit status 1 and no traceback, and that
`PartialDate.parse`, `normalise` and `verify_quote` are total.

Engine bugs these tests found are listed in KNOWN_BUGS, each with a strict-xfail reproduction at
the end of the module; `check_site(strict=True)` adds the checks they fail (one-line messages;
the source line shown under a headline is the marked one). Lines are counted as editors count
them, at LF, CRLF or CR only.
scripts/fuzz_content.py runs the same mutations for longer (`--known-bugs` for strict checks).
"""

from __future__ import annotations

import calendar
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from renderers import render_site

from chronicle.build.load import LoadResult, load_site
from chronicle.cli import main as cli_main
from chronicle.model.dates import DateError, PartialDate
from chronicle.model.diagnostics import Diagnostic, SourceLines, format_text, shown_safely
from chronicle.source.quotes import QuoteMiss, normalise, verify_quote
from chronicle.source.word_bounds import find_whole

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"

# --------------------------------------------------------------------------- the fixture site


def _content_files() -> dict[str, bytes]:
    return {
        path.relative_to(FIXTURE).as_posix(): path.read_bytes()
        for path in sorted(FIXTURE.rglob("*"))
        if path.is_file() and path.relative_to(FIXTURE).parts[0] == "content"
    }


ORIGINALS = _content_files()
EVENT_FILES = sorted(path for path in ORIGINALS if path.startswith("content/events/"))
ARTICLE_FILES = sorted(path for path in ORIGINALS if path.startswith("content/articles/"))
OTHER_FILES = ["content/entities.yaml", "content/site.yaml", "content/pages/about.md"]
# Events are what editors write most: they are mutated most often.
TARGETS = EVENT_FILES * 4 + ARTICLE_FILES + OTHER_FILES * 2
ARTICLE_IDS = frozenset(path.rsplit("/", 1)[1].removesuffix(".yaml") for path in ARTICLE_FILES)
ENTITY_IDS = frozenset(
    match.decode() for match in re.findall(rb"(?m)^  ([a-z0-9-]+):", ORIGINALS["content/entities.yaml"])
)


@contextlib.contextmanager
def site_copy(
    files: dict[str, bytes] | None = None,
    links: dict[str, str] | None = None,
    commits: list[tuple[str, str]] | None = None,
) -> Iterator[Path]:
    """A fresh copy of the fixture site with `files` (relative path -> bytes) written over it,
    `links` (relative path -> target) made symbolic links, and, with `commits` ((subject,
    author date) each), a git repository holding one commit of the events folder per item."""
    with tempfile.TemporaryDirectory(prefix="chronicle-prop-") as tmp:
        root = Path(tmp) / "site-folder"
        shutil.copytree(FIXTURE, root)
        for relpath, data in (files or {}).items():
            (root / relpath).write_bytes(data)
        for relpath, target in (links or {}).items():
            (root / relpath).unlink(missing_ok=True)
            (root / relpath).symlink_to(target)
        if commits:
            _commit_history(root, commits)
        yield root


def _commit_history(root: Path, commits: list[tuple[str, str]]) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, **extra: str) -> None:
        subprocess.run(
            ["git", "-C", str(root), *args], check=False, capture_output=True, env={**env, **extra}
        )

    git("init", "-q")
    for number, (subject, when) in enumerate(commits):
        (root / "content/events/.touch").write_text(str(number))
        git("add", "-A", "content/events")
        git(
            "-c",
            "user.name=f",
            "-c",
            "user.email=f@example.org",
            "commit",
            "-q",
            "-m",
            subject,
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_DATE="2026-01-01T00:00:00+00:00",
        )


# --------------------------------------------------------------------------- payloads

NASTY_TEXTS = [
    "\t",
    "\t\t",
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1c",
    "\x7f",
    "\r",
    "\r\n",
    "\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u200b",
    "\u202e",
    "\U0001f600",
    "e\u0301",
    "ß",
    "İ",
    "ﬁ",
    "’",
    "“",
    "”",
    "–",
    "—",
    '"\\ud800"',
    '"\\udc00\\ud800"',
    '"\\ud83d\\ude00"',
    '"\\x00"',
    '"\\u0007"',
    '"\\e"',
    '"\\N"',
    '"\\U0010FFFF"',
    '"\\U00110000"',
    '"\\u2028"',
    '"\\q"',
    "\\",
    "]]>",
    "<![CDATA[",
    "<script>alert(1)</script>",
    "</title><script>x()</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "&#x3c;",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{{",
    "}}",
    "{% for x in y %}",
    "{% endfor %}",
    "{# c #}",
    "{{ self.__init__ }}",
    "&a ",
    "&anchor [1, 2]",
    "*a",
    "*anchor",
    "<<: *a",
    "<<: {a: 1}",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!binary aGk=",
    "!!str ",
    "!!int ",
    "!!map ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---",
    "--- ",
    "\n---\n",
    "...",
    "\n...\n",
    "? ",
    ": ",
    "- ",
    "-",
    "#",
    " #",
    "|",
    ">",
    "|-",
    ">+",
    "'",
    '"',
    "''",
    '""',
    "[",
    "]",
    "{",
    "}",
    ",",
    "@",
    "`",
    "%",
    "~",
    "null",
    "true",
    "no",
    "2025-02-30",
    "2025-13",
    "0000",
    "99999",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\x",
    "%2e%2e/",
    "javascript:alert(1)",
    "data:text/html,x",
    # links and references that must stay harmless wherever a summary is shown
    "[x](/javascript:alert(1))",
    "[x](javascript:alert(1))",
    "[x](//evil.example/)",
    "[x](data:text/html,x)",
    "![pixel](https://tracker.example/p.png)",
    "&#12;",
    "&#0;",
    "&#x1b;[2J",
    # characters that hide or reorder text
    "\u202e",
    "\u2066",
    "\u200b",
    "\u2060",
    "\ufeff",
    "\u200d",
]
NASTY_BYTES = [
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xc3\x28",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xef\xbb\xbf",
    b"\xc0\xaf",
    b"\x80",
    b"\xa0",
]
LONG_UNITS = ["x", "é", "a ", "[", "{", "- ", "\\", "&", "<", "]]>", "\u2028", "word "]

payloads: st.SearchStrategy[bytes] = st.one_of(
    st.sampled_from(NASTY_TEXTS).map(str.encode),
    st.sampled_from(NASTY_BYTES),
    st.text(max_size=40).map(str.encode),
    st.binary(max_size=16),
    st.builds(
        lambda unit, count: (unit * count).encode(),
        st.sampled_from(LONG_UNITS),
        st.integers(min_value=100, max_value=120_000),  # up to 600 kB; the YAML limit is 1 MB
    ),
)

YAML_VALUES = [
    "[]",
    "{}",
    "[a, b]",
    "[[[[]]]]",
    "[" * 60 + "]" * 60,
    "{a: 1}",
    "{title: x}",
    "{article: x}",
    "null",
    "~",
    "",
    " ",
    "0",
    "-1",
    "3.14",
    "1e9",
    "0x1F",
    "0o17",
    ".inf",
    "-.nan",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "2025-02-30",
    "2025-02-29",
    "2024-02-29",
    "2025-13",
    "2025-00",
    "2025-06-31",
    "2025-6-4",
    "0000",
    "0000-01-01",
    "0001-01-01",
    "99999",
    "9999-12-31",
    "10000-01-01",
    "2025-06-04T10:00:00Z",
    "2025-06-04 10:00",
    "2025/06/04",
    "4 June 2025",
    "'2025-06'",
    '"2025"',
    '""',
    "''",
    "|\n  a block\n",
    ">-\n  folded\n  text",
    "|\n",
    "\n  - a\n  - b",
    "\n  key: value",
    "\n- a",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!int 3",
    "!!null ''",
    "&a x",
    "*a",
    "? complex\n: key",
    "javascript:alert(1)",
    "https://",
    "http://exa mple.org",
    "ftp://example.org/x",
    'https://example.org/"><script>',
    "../../etc/passwd",
    "/etc/passwd",
    "alpha-report",
    "Alpha_Report",
    "veldoria",
    "not-an-entity",
    "<script>alert(1)</script>",
    "]]>",
    "{{ 7*7 }}",
    "{% raw %}",
    '"\\ud800"',
    '"\\x00"',
    '"\\e"',
    '"\\u2028"',
    '"a\\tb"',
    "'it''s'",
    '"unterminated',
    "'unterminated",
    "a: b: c",
    "- - -",
    "#comment",
    "@at",
    "`tick`",
    "%pct",
]


def _date_text(year: int, month: int, day: int, form: int, pad: bool) -> str:
    y = f"{year:04d}" if pad else str(year)
    m = f"{month:02d}" if pad else str(month)
    d = f"{day:02d}" if pad else str(day)
    return [y, f"{y}-{m}", f"{y}-{m}-{d}"][form]


dates_like: st.SearchStrategy[str] = st.builds(
    _date_text,
    st.one_of(st.integers(0, 2100), st.integers(0, 99_999)),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 2),
    st.just(True),
) | st.builds(
    _date_text, st.integers(1, 2100), st.integers(1, 12), st.integers(1, 31), st.integers(0, 2), st.booleans()
)

yaml_values: st.SearchStrategy[bytes] = st.one_of(
    st.sampled_from(YAML_VALUES).map(str.encode),
    dates_like.map(str.encode),
    st.integers().map(lambda number: str(number).encode()),
    st.from_regex(r"[a-z0-9_-]{1,20}", fullmatch=True).map(str.encode),
    st.text(max_size=30).map(str.encode),
    payloads,
)

# --------------------------------------------------------------------------- mutations of one file

Draw = Callable[[st.SearchStrategy[Any]], Any]
KEY_LINE = re.compile(rb"^( *(?:- )?)([A-Za-z_][A-Za-z0-9_]*):(?= |\r|$)")
FIELD_NAMES = [
    "title",
    "date",
    "end",
    "circa",
    "summary",
    "tags",
    "actors",
    "places",
    "sources",
    "claims",
    "added",
    "updated",
    "article",
    "quote",
    "url",
    "publisher",
    "published",
    "about",
    "values",
    "value",
    "according_to",
    "source",
    "author",
    "published_note",
    "archive_url",
    "language",
    "name",
    "kind",
    "aliases",
    "country",
    "description",
    "base_url",
    "order",
    "Title",
    "titel",
    "dates",
    "quotes",
]


def _index(draw: Draw, items: list) -> int:
    return draw(st.integers(0, len(items) - 1))


def _key_lines(lines: list[bytes]) -> list[int]:
    return [number for number, line in enumerate(lines) if KEY_LINE.match(line)]


def delete_line(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    number = _index(draw, lines)
    del lines[number]
    return b"\n".join(lines), f"delete line {number + 1}"


def duplicate_line(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    number = _index(draw, lines)
    lines.insert(number, lines[number])
    return b"\n".join(lines), f"duplicate line {number + 1}"


def insert_payload(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    after_colon = [match.end() + 1 for match in re.finditer(rb": ", data)]
    line_ends = [start + len(line) for start, line in zip(starts, lines, strict=True)]
    position = draw(
        st.one_of(
            st.integers(0, len(data)),
            st.sampled_from(starts),
            st.sampled_from(line_ends),
            *([st.sampled_from(after_colon)] if after_colon else []),
        )
    )
    payload = draw(payloads)
    shown = payload if len(payload) <= 60 else payload[:30] + b"...(%d bytes)" % len(payload)
    return data[:position] + payload + data[position:], f"insert {shown!r} at byte {position}"


def replace_value(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    candidates = _key_lines(lines)
    if not candidates:
        return insert_payload(draw, data)
    number = draw(st.sampled_from(candidates))
    match = KEY_LINE.match(lines[number])
    assert match is not None
    value = draw(yaml_values)
    lines[number] = lines[number][: match.end()] + b" " + value
    return b"\n".join(lines), f"line {number + 1}: value of '{match[2].decode()}' replaced by {value[:80]!r}"


def swap_keys(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    candidates = _key_lines(lines)
    if len(candidates) < 2:
        return duplicate_line(draw, data)
    first, second = draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True))
    match_a, match_b = KEY_LINE.match(lines[first]), KEY_LINE.match(lines[second])
    assert match_a is not None and match_b is not None
    lines[first] = match_a[1] + match_b[2] + lines[first][match_a.end(2) :]
    lines[second] = match_b[1] + match_a[2] + lines[second][match_b.end(2) :]
    return b"\n".join(lines), f"swap keys of lines {first + 1} and {second + 1}"


def rename_key(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    candidates = _key_lines(lines)
    if not candidates:
        return delete_line(draw, data)
    number = draw(st.sampled_from(candidates))
    match = KEY_LINE.match(lines[number])
    assert match is not None
    key = draw(
        st.one_of(
            st.sampled_from(FIELD_NAMES),
            st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
            st.just(match[2].decode()[:-1] or "x"),
            st.just(match[2].decode().upper()),
            st.just("? " + match[2].decode()),
            st.just('"' + match[2].decode() + '"'),
            st.just("[" + match[2].decode() + "]"),
        )
    )
    lines[number] = match[1] + key.encode() + lines[number][match.end(2) :]
    return b"\n".join(lines), f"line {number + 1}: key '{match[2].decode()}' renamed {key!r}"


def change_indentation(draw: Draw, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    number = _index(draw, lines)
    line = lines[number]
    stripped = line.lstrip(b" ")
    indent = len(line) - len(stripped)
    how = draw(st.sampled_from(["more", "less", "tab", "tab-prefix", "none"]))
    amount = draw(st.integers(1, 8))
    if how == "more":
        lines[number] = b" " * amount + line
    elif how == "less":
        lines[number] = b" " * max(0, indent - amount) + stripped
    elif how == "tab":
        lines[number] = b"\t" * max(1, indent // 2) + stripped
    elif how == "tab-prefix":
        lines[number] = b"\t" + line
    else:
        lines[number] = stripped
    return b"\n".join(lines), f"line {number + 1}: indentation {how} ({amount})"


def truncate(draw: Draw, data: bytes) -> tuple[bytes, str]:
    position = draw(st.integers(0, len(data)))
    return data[:position], f"truncate at byte {position}"


QUOTE_CHANGES = ["delimiters", "delete-char", "insert-char", "case", "typographic", "replace"]
QUOTE_PAIRS = [
    ("'", "'"),
    ("“", "”"),
    ("‘", "’"),
    ("«", "»"),
    ("", ""),
    ('"', "'"),
    ("'", '"'),
    ('"', ""),
    ("", '"'),
    ('""', '""'),
    ("`", "`"),
    ('\\"', '\\"'),
]


def change_quote(draw: Draw, data: bytes) -> tuple[bytes, str]:
    """Change the quote characters of a double-quoted value, or the text between them."""
    lines = data.split(b"\n")
    candidates = [number for number, line in enumerate(lines) if line.count(b'"') >= 2]
    if not candidates:
        return insert_payload(draw, data)
    number = draw(st.sampled_from(candidates))
    line = lines[number]
    start = line.index(b'"')
    end = line.index(b'"', start + 1)
    inner = line[start + 1 : end]
    how = draw(st.sampled_from(QUOTE_CHANGES))
    if how == "delimiters":
        opening, closing = draw(st.sampled_from(QUOTE_PAIRS))
        line_new = line[:start] + opening.encode() + inner + closing.encode() + line[end + 1 :]
    else:
        if how == "delete-char" and inner:
            at = draw(st.integers(0, len(inner) - 1))
            inner_new = inner[:at] + inner[at + 1 :]
        elif how == "insert-char":
            at = draw(st.integers(0, len(inner)))
            char = draw(st.one_of(st.sampled_from(NASTY_TEXTS[:40]), st.characters()))
            inner_new = inner[:at] + char.encode("utf-8", "surrogatepass") + inner[at:]
        elif how == "case":
            inner_new = inner.swapcase()
        elif how == "typographic":
            inner_new = inner.replace(b"'", "’".encode()).replace(b"-", "–".encode()).replace(b" ", b"  ")
        else:
            text = draw(st.text(max_size=60))
            inner_new = text.encode()
        line_new = line[: start + 1] + inner_new + line[end:]
    lines[number] = line_new
    return b"\n".join(lines), f"line {number + 1}: quoted text changed ({how}): {line_new[:120]!r}"


TEXT_KEY_LINE = re.compile(
    rb"^( *(?:- )?(?:title|about|value|according_to|publisher|author|description|published_note|kind"
    rb"|country): )(.*?)(\r?)$"
)
text_payloads: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(max_size=40),
    st.builds(lambda unit, count: unit * count, st.sampled_from(LONG_UNITS), st.integers(100, 20_000)),
)


def _printable_in_yaml(char: str) -> bool:
    """What libyaml accepts raw, less the characters it takes for line breaks."""
    code = ord(char)
    if char in "\u2028\u2029":
        return False
    return (
        char == "\t"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or (code >= 0x10000)
    )


def yaml_double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every character survives, escaped where needed."""
    out = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif _printable_in_yaml(char):
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def insert_into_text(draw: Draw, data: bytes) -> tuple[bytes, str]:
    """Put a payload inside a text value so that the YAML stays valid: a text field's value is
    rewritten double-quoted with the payload escaped in it, or a line of a block scalar (a
    summary) or of a page's body takes the payload's printable characters."""
    lines = data.split(b"\n")
    fields = [number for number, line in enumerate(lines) if TEXT_KEY_LINE.match(line)]
    blocks = [
        number
        for number, line in enumerate(lines)
        if line.startswith(b"  ") and not KEY_LINE.match(line) and not line.lstrip().startswith(b"- ")
    ]
    if not fields and not blocks:
        return insert_payload(draw, data)
    number = draw(st.sampled_from(fields + blocks))
    payload = draw(text_payloads)
    match = TEXT_KEY_LINE.match(lines[number])
    if match is not None:
        try:
            value = match[2].decode()
        except UnicodeDecodeError:
            return insert_payload(draw, data)
        if value[:1] == '"' and value[-1:] == '"' and "\\" not in value and len(value) >= 2:
            value = value[1:-1]
        elif value[:1] in "\"'[]{}|>&*!%@`#":
            return insert_payload(draw, data)
        at = draw(st.integers(0, len(value)))
        quoted = yaml_double_quoted(value[:at] + payload + value[at:])
        lines[number] = match[1] + quoted.encode() + match[3]
    else:
        printable = "".join(char for char in payload if _printable_in_yaml(char))
        at = draw(st.integers(2, len(lines[number])))
        lines[number] = lines[number][:at] + printable.encode() + lines[number][at:]
    shown = payload if len(payload) <= 60 else payload[:30] + f"...({len(payload)} characters)"
    return b"\n".join(lines), f"line {number + 1}: {shown!r} put into its text"


def huge_list(draw: Draw, data: bytes) -> tuple[bytes, str]:
    """A list field (tags, actors, places, aliases) given thousands of items."""
    lines = data.split(b"\n")
    candidates = [
        number for number, line in enumerate(lines) if re.match(rb"^ *(tags|actors|places|aliases):", line)
    ]
    if not candidates:
        return data, "no list field"
    number = draw(st.sampled_from(candidates))
    count = draw(st.sampled_from([49, 50, 51, 400, 5_000]))
    key = lines[number].split(b":", 1)[0]
    lines[number] = key + b": [" + b", ".join(b"item-%d" % item for item in range(count)) + b"]"
    return b"\n".join(lines), f"line {number + 1}: {count} items"


MUTATIONS: dict[str, Callable[[Draw, bytes], tuple[bytes, str]]] = {
    "huge_list": huge_list,
    "delete_line": delete_line,
    "duplicate_line": duplicate_line,
    "insert_payload": insert_payload,
    "replace_value": replace_value,
    "swap_keys": swap_keys,
    "rename_key": rename_key,
    "change_indentation": change_indentation,
    "truncate": truncate,
    "change_quote": change_quote,
    "insert_into_text": insert_into_text,
}


# Most mutations break the file; one in three keeps it valid YAML with a payload in a text, so
# that rendering (escaping in pages and feeds) gets its share of hostile values.
MUTATION_CHOICES = sorted(MUTATIONS) + ["insert_into_text"] * 4


@dataclass
class Mutant:
    """Mutated files (relative path -> new bytes), links, a git history, and the steps that
    made them."""

    files: dict[str, bytes] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    commits: list[tuple[str, str]] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(self.steps)


@st.composite
def mutants(draw: Draw, max_files: int = 2, max_steps: int = 3) -> Mutant:
    mutant = Mutant()
    for _ in range(draw(st.integers(1, max_files))):
        relpath = draw(st.sampled_from(TARGETS))
        data = mutant.files.get(relpath, ORIGINALS[relpath])
        for _ in range(draw(st.integers(1, max_steps))):
            kind = draw(st.sampled_from(MUTATION_CHOICES))
            data, step = MUTATIONS[kind](draw, data)
            mutant.steps.append(f"{relpath}: {kind}: {step}")
        mutant.files[relpath] = data
    if draw(st.integers(0, 9)) == 0:  # one in ten: a file made a link
        relpath = draw(st.sampled_from([*TARGETS, "seeds/alpha-report.txt", "content/pages/about.md"]))
        target = draw(st.sampled_from(LINK_TARGETS))
        mutant.files.pop(relpath, None)
        mutant.links[relpath] = target
        mutant.steps.append(f"{relpath}: made a link to {target}")
    if draw(st.integers(0, 19)) == 0:  # one in twenty: an odd git history
        mutant.commits = draw(
            st.lists(
                st.tuples(st.sampled_from(ODD_SUBJECTS), st.sampled_from(ODD_DATES)), min_size=1, max_size=3
            )
        )
        mutant.steps.append(f"git history: {mutant.commits!r}")
    return mutant


# Where a mutated site's file may lead: devices that never end, a place outside the site
# folder, a file inside it, nowhere.
LINK_TARGETS = [
    "/dev/zero",
    "/dev/urandom",
    "/etc/hostname",
    "../../../../etc/passwd",
    "entities.yaml",
    "missing.yaml",
    ".",
]
ODD_SUBJECTS = ["Add \x1e event", "Fix \x1f it", "", "minor: typo", "\u202e reversed", "x" * 5000]
ODD_DATES = ["1970-01-01T00:00:00+00:00", "2026-01-02T10:00:00+14:00", "2100-02-28T23:59:59-12:00"]


# --------------------------------------------------------------------------- the properties checked


# Engine bugs found by these tests (see the strict xfail tests at the end of the module, each a
# minimal reproduction). `check_site(strict=False)`, the default suite's, leaves out exactly the
# checks they fail; scripts/fuzz_content.py --known-bugs runs the strict checks.
KNOWN_BUGS: dict[str, str] = {}  # all fixed; the reproductions below now guard them


def editor_lines(data: bytes) -> list[str]:
    """The file's lines as editors number them: split at LF, CRLF or a lone CR, not at the other
    characters YAML 1.1 takes for line breaks (U+0085, U+2028, U+2029)."""
    text = data.decode("utf-8-sig", errors="replace")
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines[-1] == "" else lines


def check_location(root: Path, diagnostic: Diagnostic, strict: bool = True) -> None:
    """The diagnostic names a file of the site, at a line and column that file has."""
    mark = diagnostic.mark
    where = f"{diagnostic.headline()!r} (hint: {diagnostic.hint!r})"
    assert diagnostic.severity in ("error", "warning"), where
    assert isinstance(mark.path, str) and mark.path, where
    parts = PurePosixPath(mark.path).parts
    assert not mark.path.startswith("/") and "\\" not in mark.path, f"path not relative: {where}"
    assert ".." not in parts and "." not in parts and "" not in mark.path.split("/"), where
    file = root / mark.path
    assert file.exists() or file.is_symlink(), f"names no file of the site: {where}"
    assert isinstance(mark.line, int) and isinstance(mark.col, int), where
    assert mark.line >= 1 and mark.col >= 1, where
    assert diagnostic.message.strip(), where
    readable = file.is_file() and file.resolve().is_relative_to(root.resolve())
    if not readable:  # a link leading out, a device, a folder: named as a whole
        assert (mark.line, mark.col) == (1, 1), where
        return
    data = file.read_bytes()
    lines = editor_lines(data)
    assert mark.line <= len(lines) + 1, f"line beyond the file's {len(lines)} lines: {where}"
    if mark.line <= len(lines):
        length = len(lines[mark.line - 1])
        assert mark.col <= length + 1, f"column beyond the line's {length} characters: {where}"
    else:
        assert mark.col == 1, f"column beyond the end of the file: {where}"
    shown = format_text(diagnostic, SourceLines(root)).split("\n")  # never raises
    if strict:
        one_line = not re.search(r"[\n\r\x85\u2028\u2029]", diagnostic.message)
        assert one_line, f"message of several lines: {where}"
        assert shown[0] == shown_safely(diagnostic.headline()), where
        # What an editor is shown under the headline is the line the mark names.
        if len(shown) > 2 and not shown[1].startswith("  hint: ") and mark.line <= len(lines):
            expected = shown_safely(lines[mark.line - 1]).replace("\t", "\\t")
            assert shown[1] == f"  {expected}", f"source line shown is not line {mark.line}: {where}"


def check_outputs(files: dict[str, bytes]) -> None:
    assert "index.html" in files and "feed.xml" in files and "atom.xml" in files
    for path, content in files.items():
        assert not path.startswith("/") and ".." not in PurePosixPath(path).parts, path
        if path.endswith(".html"):
            document = lxml_html.document_fromstring(content)
            for element in document.iter():
                for name, value in element.attrib.items():
                    assert not name.lower().startswith("on"), f"{path}: event handler {name}={value!r}"
                    if name in ("href", "src", "action", "formaction"):
                        live = re.match(r"\s*(javascript|vbscript|data):", value, re.I)
                        assert not live, f"{path}: {name}={value!r}"
            for script in document.iter("script"):
                if script.get("src"):
                    continue
                # Only data blocks may be inline (the CSP forbids inline scripts); markup in the
                # content must not have ended the block early, so it still parses as JSON.
                assert script.get("type") in ("application/ld+json", "application/json"), (
                    f"{path}: inline <script> {lxml_html.tostring(script)[:200]!r}"
                )
                json.loads(script.text or "")
        elif path.endswith(".xml"):
            etree.fromstring(content)
        elif path.endswith(".json"):
            json.loads(content)


def check_site(root: Path, strict: bool = True) -> str:
    """Load (and render, when it loads) the site at `root`; assert every property.

    Returns "clean" (it built) or "errors" (located errors, no site). Raises AssertionError
    when a property does not hold, and whatever the engine raises. `strict` adds the checks
    that KNOWN_BUGS fail.
    """
    result: LoadResult = load_site(root)
    for diagnostic in result.diagnostics:
        check_location(root, diagnostic, strict)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.site is None:
        assert errors, "no site, and no error says why"
        return "errors"
    assert not errors, f"a site despite errors: {[d.headline() for d in errors]}"
    check_outputs(render_site(result.site, root))
    return "clean"


def _note_mutant(mutant: Mutant) -> None:
    note(mutant.describe())
    for relpath, data in mutant.files.items():
        note(f"--- {relpath} ({len(data)} bytes)\n{data[:3000]!r}")


PROPERTY_SETTINGS = settings(
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is reproducible; the fuzz script explores
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@settings(PROPERTY_SETTINGS, max_examples=90)
@given(mutants())
def test_mutated_site_builds_clean_or_reports_located_errors(mutant: Mutant) -> None:
    _note_mutant(mutant)
    with site_copy(mutant.files, mutant.links, mutant.commits) as root:
        check_site(root)


def test_unmutated_fixture_builds_clean() -> None:
    with site_copy() as root:
        assert check_site(root) == "clean"


# --------------------------------------------------------------------------- errors at the offending value


def _errors_at(result: LoadResult, path: str, line: int, col: int | None = None) -> list[Diagnostic]:
    return [
        d
        for d in result.diagnostics
        if d.severity == "error"
        and d.mark.path == path
        and d.mark.line == line
        and (col is None or d.mark.col == col)
    ]


def _replace_line(relpath: str, number: int, new: str) -> dict[str, bytes]:
    lines = ORIGINALS[relpath].split(b"\n")
    lines[number - 1] = new.encode()
    return {relpath: b"\n".join(lines)}


def _insert_line(relpath: str, number: int, new: str) -> dict[str, bytes]:
    """`new` becomes line `number` of the file."""
    lines = ORIGINALS[relpath].split(b"\n")
    lines.insert(number - 1, new.encode())
    return {relpath: b"\n".join(lines)}


def _lines_with(prefix: str, paths: list[str]) -> list[tuple[str, int, str]]:
    """(path, 1-based line, line text) of every line starting with `prefix`."""
    found = []
    for relpath in paths:
        for number, line in enumerate(ORIGINALS[relpath].decode().split("\n"), start=1):
            if line.startswith(prefix):
                found.append((relpath, number, line))
    return found


def is_real_date(text: str, day_only: bool) -> bool:
    """Judged without the engine: ASCII YYYY[-MM[-DD]] naming a day, month or year that exists."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    if match is None or (day_only and match[3] is None):
        return False
    year, month, day = int(match[1]), match[2], match[3]
    if year < 1 or (month is not None and not 1 <= int(month) <= 12):
        return False
    return day is None or 1 <= int(day) <= calendar.monthrange(year, int(month))[1]


DATE_FIELDS = [
    (key, day_only, paths)
    for key, day_only, paths in [
        ("date", False, EVENT_FILES),
        ("end", False, EVENT_FILES),
        ("added", True, EVENT_FILES),
        ("updated", True, EVENT_FILES),
        ("published", False, ARTICLE_FILES),
    ]
]
DATE_LINES = [
    (relpath, number, key, day_only)
    for key, day_only, paths in DATE_FIELDS
    for relpath, number, _ in _lines_with(f"{key}: ", paths)
]


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(st.sampled_from(DATE_LINES), st.one_of(dates_like, st.sampled_from(YAML_VALUES[18:40])))
def test_a_date_that_does_not_exist_is_reported_at_the_value(
    where: tuple[str, int, str, bool], value: str
) -> None:
    relpath, number, key, day_only = where
    assume("\n" not in value and value.strip() == value and value and value[0] not in "'\"!&*|>")
    with site_copy(_replace_line(relpath, number, f"{key}: {value}")) as root:
        result = load_site(root)
    located = [
        d for d in _errors_at(result, relpath, number, len(key) + 3) if "not a valid date" in d.message
    ]
    note(f"{relpath}:{number}: {key}: {value} -> {[d.headline() for d in result.diagnostics]}")
    if is_real_date(value, day_only):
        assert not located
    else:
        assert located, "an impossible date is not reported at its value"


def _flow_list_lines(key: str) -> list[tuple[str, int, list[str]]]:
    found = []
    for relpath, number, line in _lines_with(f"{key}: [", EVENT_FILES):
        found.append((relpath, number, line[len(key) + 3 : -1].split(", ")))
    return found


ID_LINES = [("actors", *where) for where in _flow_list_lines("actors")] + [
    ("places", *where) for where in _flow_list_lines("places")
]
BAD_IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),  # unknown slug
    st.from_regex(r"[A-Za-z0-9_]{1,16}", fullmatch=True),  # perhaps not a slug at all
).filter(lambda word: word not in ENTITY_IDS)


@settings(PROPERTY_SETTINGS, max_examples=25)
@given(st.sampled_from(ID_LINES), st.data())
def test_an_unknown_actor_or_place_is_reported_at_the_id(
    where: tuple[str, str, int, list[str]], data: st.DataObject
) -> None:
    key, relpath, number, items = where
    position = data.draw(st.integers(0, len(items) - 1))
    bad = data.draw(BAD_IDS)
    items = [*items[:position], bad, *items[position + 1 :]]
    col = len(f"{key}: [") + sum(len(item) + 2 for item in items[:position]) + 1
    with site_copy(_replace_line(relpath, number, f"{key}: [{', '.join(items)}]")) as root:
        result = load_site(root)
    note(f"{relpath}:{number}:{col} {bad!r} -> {[d.headline() for d in result.diagnostics]}")
    assert _errors_at(result, relpath, number, col)
    assert result.site is None


ARTICLE_LINES = _lines_with("  - article: ", EVENT_FILES)


@settings(PROPERTY_SETTINGS, max_examples=15)
@given(st.sampled_from(ARTICLE_LINES), st.from_regex(r"[a-z0-9][a-z0-9_-]{0,30}", fullmatch=True))
def test_an_unknown_article_is_reported_at_the_id(where: tuple[str, int, str], article: str) -> None:
    assume(article not in ARTICLE_IDS)
    relpath, number, _ = where
    with site_copy(_replace_line(relpath, number, f"  - article: {article}")) as root:
        result = load_site(root)
    assert any("unknown article" in d.message for d in _errors_at(result, relpath, number, 14))


TOP_LEVEL_LINES = {
    relpath: [
        number
        for number, line in enumerate(ORIGINALS[relpath].decode().split("\n"), start=1)
        if re.match(r"[a-z_]+:", line)
    ]
    for relpath in EVENT_FILES
}
EVENT_KEYS = {
    "title",
    "date",
    "end",
    "circa",
    "summary",
    "tags",
    "actors",
    "places",
    "sources",
    "claims",
    "added",
    "updated",
}


@settings(PROPERTY_SETTINGS, max_examples=25)
@given(st.sampled_from(EVENT_FILES), st.data())
def test_an_unknown_or_duplicate_key_is_reported_at_the_key(relpath: str, data: st.DataObject) -> None:
    number = data.draw(st.sampled_from(TOP_LEVEL_LINES[relpath]))
    duplicate = data.draw(st.booleans())
    if duplicate:
        single_lines = [
            line
            for line in ORIGINALS[relpath].decode().split("\n")
            if re.match(r"(title|date|end|circa|added|updated): \S", line)
        ]
        line = data.draw(st.sampled_from(single_lines))
        expected = "duplicate key"
        # The later of the two is the duplicate; the original moves down when inserted above it.
        original = ORIGINALS[relpath].decode().split("\n").index(line) + 1
        at = original + 1 if original >= number else number
    else:
        key = data.draw(st.from_regex(r"[a-z_]{1,12}", fullmatch=True).filter(lambda k: k not in EVENT_KEYS))
        line, expected = f"{key}: {data.draw(st.sampled_from(['x', '[a]', '2025', '']))}", "unknown key"
        at = number
    with site_copy(_insert_line(relpath, number, line)) as root:
        result = load_site(root)
    note(f"{relpath}:{number}: {line} -> {[d.headline() for d in result.diagnostics]}")
    assert any(expected in d.message for d in _errors_at(result, relpath, at, 1))


QUOTE_LINES = [
    (relpath, number, line)
    for relpath in EVENT_FILES
    for number, line in enumerate(ORIGINALS[relpath].decode().split("\n"), start=1)
    if "quote: " in line
]


@settings(PROPERTY_SETTINGS, max_examples=20)
@given(st.sampled_from(QUOTE_LINES), st.text(alphabet="abcdefghij klmnop", max_size=40))
def test_a_quote_not_in_its_article_is_reported_at_the_quote(where: tuple[str, int, str], words: str) -> None:
    relpath, number, line = where
    start = line.index('"', line.index("quote: "))
    end = line.index('"', start + 1)
    new = line[: start + 1] + words + " zqxj" + line[end:]
    with site_copy(_replace_line(relpath, number, new)) as root:
        result = load_site(root)
    note(f"{relpath}:{number}: {new}")
    assert any("quote not found" in d.message for d in _errors_at(result, relpath, number, start + 1))


def _quote_variant(inner: str, choices: list[int]) -> str:
    """The same passage as quote matching sees it: case, spacing and typographic marks changed."""
    out = []
    for char, choice in zip(inner, choices, strict=True):
        if char == " ":
            out.append([" ", "  ", "   ", " \n            "][choice % 4])
        elif char == "'":
            out.append(["'", "’", "‘", "ʼ"][choice % 4])
        elif char == "-":
            out.append(["-", "–", "—", "‐"][choice % 4])
        elif char.isalpha() and choice % 2:
            out.append(char.swapcase())
        else:
            out.append(char)
    return "".join(out)


@settings(PROPERTY_SETTINGS, max_examples=15)
@given(st.sampled_from(QUOTE_LINES), st.data())
def test_a_quote_spelt_with_other_case_spacing_or_marks_still_verifies(
    where: tuple[str, int, str], data: st.DataObject
) -> None:
    relpath, number, line = where
    start = line.index('"', line.index("quote: "))
    end = line.index('"', start + 1)
    inner = line[start + 1 : end]
    choices = data.draw(st.lists(st.integers(0, 3), min_size=len(inner), max_size=len(inner)))
    new = line[: start + 1] + _quote_variant(inner, choices) + line[end:]
    with site_copy(_replace_line(relpath, number, new)) as root:
        result = load_site(root)
    note(f"{relpath}:{number}: {new!r} -> {[d.headline() for d in result.diagnostics]}")
    assert result.site is not None


TEXT_LINES = (
    _lines_with("title: ", EVENT_FILES + ARTICLE_FILES + ["content/site.yaml"])
    + _lines_with("publisher: ", ARTICLE_FILES)
    + _lines_with("description: ", ["content/site.yaml", "content/pages/about.md"])
)
CONTROL_CODES = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]


@settings(PROPERTY_SETTINGS, max_examples=25)
@given(st.sampled_from(TEXT_LINES), st.sampled_from(CONTROL_CODES), st.data())
def test_a_control_character_in_a_text_is_reported_at_the_value(
    where: tuple[str, int, str], code: int, data: st.DataObject
) -> None:
    """Written as an escape in a double-quoted value, as YAML refuses the raw character itself
    (that case is test_bug_unlocated_reader_error below)."""
    relpath, number, line = where
    key, value = line.split(": ", 1)
    value = value.removeprefix('"').removesuffix('"').replace("\\", "\\\\").replace('"', '\\"')
    at = data.draw(st.integers(1, len(value) - 1))  # inside: a value's ends are stripped of whitespace
    escapes = [f"\\x{code:02x}", f"\\u{code:04x}"] if code < 0x100 else [f"\\u{code:04x}"]
    escape = data.draw(st.sampled_from(escapes))
    new = f'{key}: "{value[:at]}{escape}{value[at:]}"'
    with site_copy(_replace_line(relpath, number, new)) as root:
        result = load_site(root)
        for diagnostic in result.diagnostics:
            check_location(root, diagnostic, strict=True)
    note(f"{relpath}:{number}: {new!r} -> {[d.headline() for d in result.diagnostics]}")
    located = _errors_at(result, relpath, number, len(key) + 3)
    assert any("control character" in d.message for d in located)


# --------------------------------------------------------------------------- the command line


ERROR_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): \S")


def run_cli(argv: list[str]) -> tuple[int, str, str, float]:
    stdout, stderr = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli_main(argv)
    return code, stdout.getvalue(), stderr.getvalue(), time.perf_counter() - started


@settings(PROPERTY_SETTINGS, max_examples=12)
@given(mutants(max_files=1, max_steps=2))
def test_check_and_build_answer_with_located_lines_and_exit_1(mutant: Mutant) -> None:
    _note_mutant(mutant)
    with site_copy(mutant.files) as root:
        out = root.parent / "out"
        check_code, check_out, check_err, check_time = run_cli(["check", "--root", str(root)])
        build_code, build_out, build_err, build_time = run_cli(
            ["build", "--root", str(root), "--out", str(out)]
        )
        for text in (check_out, check_err, build_out, build_err):
            assert "Traceback" not in text and "internal error" not in text, text
        assert check_code == build_code, (check_code, build_code)
        assert check_code in (0, 1), check_code
        assert check_time < 10 and build_time < 10, (check_time, build_time)
        headlines = [m for m in map(ERROR_LINE.match, check_err.splitlines()) if m]
        assert [m[0] for m in headlines] == [
            m[0] for m in map(ERROR_LINE.match, build_err.splitlines()) if m
        ], "check and build report different problems"
        if check_code == 1:
            assert any(m["severity"] == "error" for m in headlines), check_err
            assert not out.exists(), "a failed build wrote its output folder"
            for match in headlines:
                assert (root / match["path"]).is_file(), match[0]
        else:
            assert (out / "index.html").is_file()
            assert not any(m["severity"] == "error" for m in headlines), check_err


# --------------------------------------------------------------------------- dates and quotes are total


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), dates_like, st.from_regex(r"\s*\d{4}(-\d{1,2}(-\d{1,2})?)?\s*", fullmatch=True)))
def test_partial_date_parse_raises_only_date_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except DateError:
        assert not is_real_date(text.strip(), day_only=False)
        return
    assert PartialDate.parse(date.iso()) == date
    assert date.first_day() <= date.last_day()
    assert date.display()
    assert is_real_date(text.strip(), day_only=False), "accepted, but not an ASCII date that exists"


# Letters whose case folding is longer than they are (ß -> ss, İ -> i̇, ﬁ -> fi) map one to one
# only as whole characters; `quote_texts` includes them, and typographic marks and spaces.
quote_alphabet = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("aAbBsS  \t\n'’\"“”-–—ßẞİıﬁΣσς")),
)
quote_texts = st.text(quote_alphabet, max_size=60)


@settings(max_examples=300, deadline=None)
@given(quote_texts, quote_texts)
def test_normalise_and_verify_quote_never_raise(article: str, quote: str) -> None:
    normalised = normalise(article)
    assert len(normalised.starts) == len(normalised.origins)
    found = verify_quote(quote, normalised)
    if not isinstance(found, QuoteMiss):
        assert 0 <= found.start < found.end <= len(article)


@settings(max_examples=300, deadline=None)
@given(quote_texts, st.data())
def test_a_found_quote_maps_back_to_text_that_normalises_to_it(article: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(article)))
    end = data.draw(st.integers(start, len(article)))
    quote = article[start:end]
    needle = normalise(quote).text
    found = verify_quote(quote, normalise(article))
    if not needle:
        return
    if isinstance(found, QuoteMiss):  # only a passage cut from inside a word (source.word_bounds)
        assert find_whole(normalise(article).text, needle) < 0
        return
    assert normalise(article[found.start : found.end]).text == needle


# --------------------------------------------------------------------------- engine bugs found (KNOWN_BUGS)
# Each test is the smallest reproduction; strict xfail, so fixing the bug makes the test fail
# as XPASS: then delete the xfail mark and the entry of KNOWN_BUGS.

BUG_EVENT = "content/events/selka-accord-signed.yaml"  # 12 lines; line 11 is its quote, line 12 `added`


def _load_with(relpath: str, data: bytes) -> LoadResult:
    with site_copy({relpath: data}) as root:
        return load_site(root)


def test_bug_unlocated_reader_error() -> None:
    """A NUL at the end of line 4 (from a paste) is reported at 1:1, as
    `YAML error: unacceptable character #x0000: control characters are not allowed\\n  in
    "<unicode string>", position 141`: a message of two lines, and no line to look at."""
    lines = ORIGINALS[BUG_EVENT].split(b"\n")
    lines[3] += b"\x00"
    result = _load_with(BUG_EVENT, b"\n".join(lines))
    assert result.site is None
    assert [(d.mark.line, d.mark.col) for d in result.diagnostics if d.severity == "error"] == [
        (4, len(lines[3]))
    ]


def test_bug_multi_line_message() -> None:
    """`date: |` with two lines under it: the headline is
    `...:2:7: error: 'date' is not a valid date: '1998\\n1999\\n' is not written YYYY, ...`."""
    data = ORIGINALS[BUG_EVENT].replace(b"date: 1998\n", b"date: |\n  1998\n  1999\n")
    result = _load_with(BUG_EVENT, data)
    assert result.site is None
    for diagnostic in result.diagnostics:
        assert "\n" not in diagnostic.message, diagnostic.headline()


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_bug_source_line_shown_after_a_unicode_line_break(char: str) -> None:
    """With the character inside the quote on line 11, the error at 12:8 is shown as
    `  quote: "a breach of the 1998 Selka` with the caret under it: line 11's first half."""
    data = (
        ORIGINALS[BUG_EVENT]
        .replace(b"Selka Waters Accord", ("Selka" + char + "Waters Accord").encode())
        .replace(b"added: 2026-01-02", b"added: 2026-02-30")
    )
    with site_copy({BUG_EVENT: data}) as root:
        result = load_site(root)
        errors = [d for d in result.diagnostics if d.severity == "error"]
        shown = [format_text(d, SourceLines(root)).split("\n")[1] for d in errors]
    assert shown == ["  added: 2026-02-30"]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_breaks_do_not_shift_later_marks(char: str) -> None:
    """Found by the fuzzer (fixed since): libyaml counts U+2028, U+2029 and U+0085 as line
    breaks, editors and GitHub do not; one of them inside the quote on line 11 made the
    impossible `added` of line 12 reported at 13:8, a line that does not exist."""
    data = (
        ORIGINALS[BUG_EVENT]
        .replace(b"Selka Waters Accord", ("Selka" + char + "Waters Accord").encode())
        .replace(b"added: 2026-01-02", b"added: 2026-02-30")
    )
    result = _load_with(BUG_EVENT, data)
    assert [(d.mark.line, d.mark.col) for d in result.diagnostics if d.severity == "error"] == [(12, 8)]


@pytest.mark.parametrize(
    ("article", "quote"),
    [("Straße", "Stras"), ("ßs", "s"), ("İstanbul", "i"), ("ﬁnal", "f")],
)
def test_a_quote_ending_or_starting_inside_a_letter_folding_to_several_is_not_found(
    article: str, quote: str
) -> None:
    # Once a bug (found, its span covering the whole letter); a quote now begins and ends at
    # whole words (source.word_bounds), and these end or start inside one.
    assert isinstance(verify_quote(quote, normalise(article)), QuoteMiss)
