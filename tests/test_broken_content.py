"""Broken content is reported precisely, and never damages the output folder.

The cases are data: each folder tests/fixtures/broken/<case>/ describes one mistake as
an overlay on the smallest valid site, tests/fixtures/minimal/:

    files/        files written over a copy of minimal/ (same relative paths; may add files)
    delete.txt    optional: paths (relative to the site root) to delete from the copy
    generate.txt  optional: lines `generate: PATH SIZE`, a valid-looking event file of
                  SIZE bytes written at PATH at run time (so no huge file is committed)
    expect.txt    one line per error that must be reported: `PATH:LINE:COL keyword`

For every expected line the output of the command must hold a line that starts with
`PATH:LINE:COL: error: ` and whose message contains the keyword (case-insensitively).
A few cases (symlinks) cannot be committed portably; they are built in code below.

tests/fixtures/hostile/ is a complete site whose every text field holds markup; it must
build, and nothing of that markup may come out live.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken"
HOSTILE = FIXTURES / "hostile"
TIMEOUT = 60  # seconds for one run of build.py


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Expected:
    """One error the engine must report."""

    path: str
    line: int
    col: int
    keyword: str

    @property
    def prefix(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: "

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col} {self.keyword}"


@dataclass(frozen=True)
class Case:
    """A mistake: how to make it in a copy of minimal/, and what must be reported."""

    name: str
    expected: tuple[Expected, ...]
    apply: Callable[[Path], None]


def parse_expect(text: str) -> tuple[Expected, ...]:
    """Read expect.txt: `PATH:LINE:COL keyword` per line; blank lines and # comments skipped."""
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        location, keyword = line.rsplit(" ", 1)
        path, lineno, col = location.rsplit(":", 2)
        found.append(Expected(path, int(lineno), int(col), keyword.lower()))
    return tuple(found)


def write_event_of_size(path: Path, size: int) -> None:
    """Write a valid-looking event file of exactly `size` bytes (a long summary)."""
    head = (
        b"title: A very long event\n"
        b"date: 2025-06-03\n"
        b"tags: [diplomacy]\n"
        b"actors: [alpha]\n"
        b"places: [capital]\n"
        b"sources:\n"
        b"  - article: one\n"
        b'    quote: "agreed to share river data every week"\n'
        b"added: 2026-01-02\n"
        b"summary: |\n"
    )
    line = b"  Officials agree to share river data every week, and they meet again.\n"
    data = bytearray(head)
    while len(data) + len(line) <= size:
        data += line
    rest = size - len(data)
    data += (b"  " + b"x" * (rest - 3) + b"\n") if rest >= 3 else b"\n" * rest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(data))


def overlay_from_folder(folder: Path) -> Callable[[Path], None]:
    """The function that applies a case folder's files/, delete.txt and generate.txt."""

    def apply(site: Path) -> None:
        files = folder / "files"
        if files.is_dir():
            for source in sorted(files.rglob("*")):
                if source.is_file():
                    target = site / source.relative_to(files)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(source.read_bytes())
        delete = folder / "delete.txt"
        if delete.is_file():
            for rel in delete.read_text(encoding="utf-8").split():
                (site / rel).unlink()
        generate = folder / "generate.txt"
        if generate.is_file():
            for line in generate.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rel, size = line.split(":", 1)[1].split()
                    write_event_of_size(site / rel, int(size))

    return apply


def symlinked_seed(site: Path) -> None:
    """seeds/evil.txt -> /etc/passwd, with metadata so it looks like a real article."""
    (site / "seeds" / "evil.txt").symlink_to("/etc/passwd")
    (site / "content" / "articles" / "evil.yaml").write_text(
        "title: Not a document of this site\npublisher: Nobody\npublished: 2025-06\n",
        encoding="utf-8",
    )


def symlinked_event(site: Path) -> None:
    """content/events/link.yaml -> /etc/hostname."""
    (site / "content" / "events" / "link.yaml").symlink_to("/etc/hostname")


def folder_cases() -> list[Case]:
    """Every tests/fixtures/broken/<case>/ that has an expect.txt, by name."""
    return [
        Case(folder.name, parse_expect((folder / "expect.txt").read_text(encoding="utf-8")),
             overlay_from_folder(folder))
        for folder in sorted(BROKEN.iterdir())
        if (folder / "expect.txt").is_file()
    ]


CODE_CASES = [
    Case("symlink-seed-outside-root",
         (Expected("seeds/evil.txt", 1, 1, "outside"),), symlinked_seed),
    Case("symlink-event-outside-root",
         (Expected("content/events/link.yaml", 1, 1, "outside"),), symlinked_event),
]

NO_SYMLINKS = sys.platform == "win32" or not hasattr(os, "symlink")


def case_params() -> list:
    """All cases as pytest params, id = case name."""
    params = [pytest.param(case, id=case.name) for case in folder_cases()]
    params += [
        pytest.param(case, id=case.name,
                     marks=pytest.mark.skipif(NO_SYMLINKS, reason="needs POSIX symlinks"))
        for case in CODE_CASES
    ]
    return params


# --------------------------------------------------------------------------- helpers


def run_build_py(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` from the repository; fail the test on a hang."""
    command = [sys.executable, str(REPO / "build.py"), *args]
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command)} did not finish within {TIMEOUT} s")


def output_of(result: subprocess.CompletedProcess) -> str:
    """Everything the command printed, stdout then stderr."""
    return (result.stdout or "") + (result.stderr or "")


def make_site(case: Case, tmp_path: Path) -> Path:
    """A copy of minimal/ under tmp_path with the case's mistake applied."""
    site = tmp_path / "site"
    shutil.copytree(MINIMAL, site, symlinks=True)
    case.apply(site)
    return site


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under folder: relative posix path -> bytes, link target, or None for a folder."""

    def state(path: Path) -> object:
        if path.is_symlink():
            return ("symlink", os.readlink(path))
        return None if path.is_dir() else path.read_bytes()

    return {path.relative_to(folder).as_posix(): state(path) for path in sorted(folder.rglob("*"))}


def missing_errors(output: str, expected: tuple[Expected, ...]) -> list[str]:
    """Expected errors that no output line reports (location prefix + keyword)."""
    lines = output.splitlines()
    return [
        str(want) for want in expected
        if not any(line.startswith(want.prefix) and want.keyword in line[len(want.prefix):].lower()
                   for line in lines)
    ]


def assert_reported(result: subprocess.CompletedProcess, case: Case) -> None:
    """Exit status 1, no traceback, and every expected error present."""
    output = output_of(result)
    assert "Traceback" not in output, f"a Python traceback reached the editor:\n{output}"
    assert result.returncode == 1, f"exit status {result.returncode}, expected 1:\n{output}"
    missing = missing_errors(output, case.expected)
    assert not missing, "not reported: " + ", ".join(missing) + f"\n--- output ---\n{output}"


# --------------------------------------------------------------------------- broken content


@pytest.mark.parametrize("case", case_params())
def test_check_reports_broken_content(case: Case, tmp_path: Path) -> None:
    """`check` exits 1 and reports each mistake at its PATH:LINE:COL, writing nothing."""
    site = make_site(case, tmp_path)
    before = snapshot(site)
    result = run_build_py("check", "--root", str(site), cwd=tmp_path)
    assert_reported(result, case)
    assert snapshot(site) == before, "check wrote into the site folder"


@pytest.mark.parametrize("case", case_params())
def test_failed_build_leaves_output_folder_untouched(case: Case, tmp_path: Path) -> None:
    """`build` exits 1 on the same mistakes and leaves an existing output folder exactly as it was."""
    site = make_site(case, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".chronicle-output").write_text("an earlier build's output\n", encoding="utf-8")
    (out / "keep.txt").write_text("old", encoding="utf-8")
    before = snapshot(out)
    result = run_build_py("build", "--root", str(site), "--out", str(out), cwd=tmp_path)
    assert_reported(result, case)
    assert snapshot(out) == before, "a failed build changed the output folder"


# --------------------------------------------------------------------------- valid sites


def test_minimal_site_builds(tmp_path: Path) -> None:
    """Sanity: the fixture every broken case starts from builds cleanly."""
    site = tmp_path / "site"
    shutil.copytree(MINIMAL, site)
    out = tmp_path / "out"
    result = run_build_py("build", "--root", str(site), "--out", str(out), cwd=tmp_path)
    output = output_of(result)
    assert result.returncode == 0, output
    assert "Traceback" not in output, output
    assert (out / "events" / "first-event" / "index.html").is_file()


@pytest.mark.parametrize("fixture", ["minimal", "site", "hostile"])
def test_valid_fixture_passes_check(fixture: str, tmp_path: Path) -> None:
    """Each valid fixture passes `check` without errors, so each broken case fails for its one reason."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / fixture, site)
    result = run_build_py("check", "--root", str(site), cwd=tmp_path)
    output = output_of(result)
    assert result.returncode == 0, output
    assert ": error: " not in output, output
    assert "Traceback" not in output, output


# --------------------------------------------------------------------------- hostile markup

# A real start tag in raw text (escaped text such as `&lt;img ...` is not one), and its attributes.
START_TAG = re.compile(
    r"""<([A-Za-z][\w:.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# Files a browser or feed reader interprets as markup or code (not .txt, not .json data).
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".xhtml", ".svg", ".js", ".css"}
JSON_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


def live_in_text(text: str) -> list[str]:
    """Live markup in raw file text: real tags with onerror=, href="javascript:..", or a script that alerts.

    Markup that was escaped (`&lt;script&gt;`, or inside a quoted attribute value) is not live.
    """
    problems = []
    for tag in START_TAG.finditer(text):
        name = tag.group(1).lower()
        attributes = {key.lower(): value.strip("\"'").strip()
                      for key, value in ATTRIBUTE.findall(tag.group(2))}
        if "onerror" in attributes:
            problems.append(f"live onerror= in {tag.group(0)[:80]!r}")
        if attributes.get("href", "").lower().startswith("javascript:"):
            problems.append(f"live href=javascript: in {tag.group(0)[:80]!r}")
        if name == "script" and attributes.get("type", "").lower() not in JSON_SCRIPT_TYPES:
            body = text[tag.end():].split("</script", 1)[0]
            if "alert" in body:
                problems.append(f"live <script>alert: {body[:80]!r}")
    return problems


def live_markup_problems(root) -> list[str]:
    """What is live in an lxml tree: on* attributes, javascript: URLs, scripts that alert."""
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            kind = (element.get("type") or "").strip().lower()
            text = element.text or ""
            if kind in JSON_SCRIPT_TYPES:
                try:
                    json.loads(text)  # a title that broke out of the script would break the JSON
                except ValueError:
                    problems.append(f"<script type={kind}> holds invalid JSON: {text[:80]!r}")
            elif "alert" in text:
                problems.append(f"<script> running {text[:80]!r}")
    return problems


def html_fragment_problems(markup: str) -> list[str]:
    """live_markup_problems for a piece of HTML carried as text (feed descriptions)."""
    import lxml.html

    if not markup.strip():
        return []
    return live_markup_problems(lxml.html.fragment_fromstring(markup, create_parent="div"))


def feed_problems(path: Path) -> list[str]:
    """Well-formed XML, a feed feedparser accepts without complaint, and no live HTML inside."""
    import feedparser

    data = path.read_bytes()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"{path.name} is not well-formed XML: {error}"]
    parsed = feedparser.parse(data)
    problems = []
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.get('bozo_exception')!r}")
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        kind = element.get("type", "")
        if local in {"description", "encoded"} or kind == "html":  # RSS / content:encoded / Atom html
            problems += html_fragment_problems(element.text or "")
        elif kind == "xhtml":
            problems += live_markup_problems(element)
    return [f"{path.name}: {p}" for p in problems]


def test_hostile_markup_builds_escaped(tmp_path: Path) -> None:
    """Markup in every text field builds fine (exit 0) and comes out as text, never live."""
    import lxml.html

    site = tmp_path / "site"
    shutil.copytree(HOSTILE, site)
    out = tmp_path / "out"
    result = run_build_py("build", "--root", str(site), "--out", str(out), cwd=tmp_path)
    output = output_of(result)
    assert result.returncode == 0, output
    assert "Traceback" not in output, output

    problems = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if path.suffix.lower() in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{rel}: {p}" for p in live_in_text(text)]
        if path.suffix.lower() == ".html":
            document = lxml.html.document_fromstring(path.read_bytes())
            problems += [f"{rel}: {p}" for p in live_markup_problems(document)]
    for name in ("feed.xml", "atom.xml"):
        assert (out / name).is_file(), f"{name} was not written"
        problems += feed_problems(out / name)
    assert not problems, "live markup in the output:\n" + "\n".join(problems)

    # Escaped, not dropped: the event page shows the editor's text as text.
    event_page = lxml.html.document_fromstring((out / "events" / "first-event" / "index.html").read_bytes())
    shown = event_page.text_content()
    assert "<script>alert(1)</script>" in shown
    assert "]]>" in shown
