"""Characters that hide or reorder text are refused by what a text means, not only by what is
typed: a character reference (`&#x202E;`, `&#8203;`, `&ZeroWidthSpace;`) that markdown or HTML
turns into one is the error the character itself is, located at the reference (red team R5).
Nothing the build writes holds one, whatever the editors wrote (`&amp;#x202E;` stays text)."""

from __future__ import annotations

import html.entities
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from unit_helpers import EVENT_YAML, reported, run_build, write_site

from chronicle.model.hidden_text import hidden_characters, refused, without_hidden
from chronicle.source.validate import text_problem
from chronicle.timeline.markdown import make_markdown, render_inline, render_markdown

EVENT = "content/events/first-event.yaml"
HINT = "remove it: it hides or reorders what readers see (often pasted from another program)"
RLO = "U+202E (RIGHT-TO-LEFT OVERRIDE)"
# What the content rule refuses: bidi embeddings, overrides and isolates, zero-width spaces,
# word joiners and byte order marks.
REFUSED = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x2060, 0xFEFF]


def event_with(summary: str = "Officials agree.", title: str = "Alpha officials meet", more: str = "") -> str:
    return (
        f"title: {title}\ndate: 2025-06-03\nsummary: |\n  First line.\n  {summary}\n"
        'sources:\n  - article: one\n    quote: "agreed to share river data every week"\n'
        f"added: 2026-01-02\n{more}"
    )


def errors_of(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("error")]


# --------------------------------------------------------------------------- each form of reference


@pytest.mark.parametrize(
    ("reference", "named"),
    [
        ("&#x202E;", RLO),
        ("&#X202e;", RLO),
        ("&#8238;", RLO),
        ("&#x000202E;", RLO),  # zero-padded: HTML decodes any number of digits
        ("&#x202E", RLO),  # HTML decodes a numeric reference without its `;` too
        ("&#8203;", "U+200B (ZERO WIDTH SPACE)"),
        ("&ZeroWidthSpace;", "U+200B (ZERO WIDTH SPACE)"),
        ("&NegativeThinSpace;", "U+200B (ZERO WIDTH SPACE)"),
        ("&NoBreak;", "U+2060 (WORD JOINER)"),
        ("&#xFEFF;", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ("&#x2066;", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ],
)
def test_a_reference_to_an_invisible_character_in_a_summary_is_an_error_at_the_reference(
    tmp_path: Path, reference: str, named: str
) -> None:
    root = write_site(tmp_path, {EVENT: event_with(f"It lasted {reference} 57 seconds.")})
    # summary: | is line 3; its second line is line 5, indented 2: "It lasted " is 10 more.
    assert errors_of(root) == [
        (
            f"{EVENT}:5:13",
            f"error: 'summary' contains the invisible character {named}, written as the character "
            f"reference {reference}",
            HINT,
        )
    ]


def test_the_character_typed_is_located_where_it_is_and_gets_the_same_hint(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: event_with("It lasted \u202e57 seconds.")})
    message = f"error: 'summary' contains the invisible character {RLO}"
    assert errors_of(root) == [(f"{EVENT}:5:13", message, HINT)]


def test_a_reference_to_a_control_character_is_refused_as_the_character_is(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: event_with("Page&#12;break.")})
    ((where, message, hint),) = errors_of(root)
    assert (where, message) == (
        f"{EVENT}:5:7",
        "error: 'summary' contains a control character, written as the character reference &#12;",
    )
    assert hint == text_problem("\x0c")[1]  # type: ignore[index]


# --------------------------------------------------------------------------- every field, every file


def test_every_text_field_is_checked_after_references_are_decoded(tmp_path: Path) -> None:
    """Titles, captions, claims, entity names, article titles, site settings, correction notes,
    a free page's front matter and body: each reported at its reference."""
    media = (
        "media:\n  - url: https://example.org/clip\n    title: Clip\n    credit: C\n"
        '    caption: "a &#x202E;reversed caption"\n'
        "claims:\n  - about: Dead\n    values:\n"
        "      - {value: '12 &#8203;dead', according_to: A, source: {url: https://example.org/a, title: A}}\n"
        "      - {value: '15 dead', according_to: B, source: {url: https://example.org/b, title: B}}\n"
    )
    root = write_site(
        tmp_path,
        {
            EVENT: event_with(title="Alpha &#x202E;officials", more=media),
            "content/entities.yaml": "actors:\n  alpha: {name: 'Al&#x2067;pha', kind: country}\n"
            "  bravo: {name: Bravo, kind: country}\nplaces:\n  capital: {name: Capital, country: Alpha}\n",
            "content/articles/one.yaml": "title: Alpha &ZeroWidthSpace;officials\npublisher: W\n"
            "published: 2025-06-03\n",
            "content/site.yaml": "title: T\ndescription: Our &#xFEFF;timeline\nbase_url: https://example.org/\n"
            'correction_notes:\n  abc1234: "Fixed &#x202d;this"\n',
            "content/pages/about.md": "---\ntitle: About &#x202E;us\n---\nFirst.\n\nBody &#x2068;text\n",
        },
    )
    found = {(where, message.split(" contains ")[0]) for where, message, _ in errors_of(root)}
    assert found == {
        (f"{EVENT}:1:14", "error: 'title'"),
        (f"{EVENT}:14:17", "error: 'caption'"),
        (f"{EVENT}:18:21", "error: 'value'"),
        ("content/entities.yaml:2:20", "error: 'name'"),
        ("content/articles/one.yaml:1:14", "error: 'title'"),
        ("content/site.yaml:2:18", "error: 'description'"),
        ("content/site.yaml:5:19", "error: 'correction_notes: abc1234'"),
        ("content/pages/about.md:2:14", "error: 'title'"),
        ("content/pages/about.md:6:6", "error: the page's text"),
    }


def test_a_free_pages_body_refuses_the_character_typed_too(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/pages/about.md": "---\ntitle: About\n---\nBody \u200btext\n"})
    assert errors_of(root) == [
        (
            "content/pages/about.md:4:6",
            "error: the page's text contains the invisible character U+200B (ZERO WIDTH SPACE)",
            HINT,
        )
    ]


def test_joiners_direction_marks_and_other_references_stay_allowed(tmp_path: Path) -> None:
    """The characters the rule allows typed are allowed as references (Persian needs the
    zero-width non-joiner, Arabic and Hebrew the direction marks); `&amp;#x202E;` is text."""
    summary = "Fish &amp; chips, &#x41;, &zwnj;&zwj;&lrm;&rlm;, AT&T, &amp;#x202E; and &notanentity;."
    root = write_site(tmp_path, {EVENT: event_with(summary, title="Fish &amp;#x202E; chips")})
    assert errors_of(root) == []


# --------------------------------------------------------------------------- nothing published holds one


def test_nothing_the_build_writes_holds_one_where_the_text_says_it_as_text(tmp_path: Path) -> None:
    """`&amp;#x202E;` (the text "&#x202E;") in a title, a summary, a caption and a page: every
    page, feed, data file and the search index show it as text, never as U+202E (raw, or as a
    JSON escape a reader would decode)."""
    literal = "&amp;#x202E; &amp;#8203;"
    caption = "media:\n  - url: https://example.org/clip\n    title: Clip\n    credit: C\n"
    caption += f"    caption: '{literal}'\n"
    root = write_site(
        tmp_path,
        {
            EVENT: event_with(literal, title=f"Alpha {literal}", more=caption),
            "content/pages/about.md": f"---\ntitle: About\n---\nBody {literal}\n",
        },
    )
    out = tmp_path / "out"
    result = run_build("build", "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    escapes = re.compile(rb"\\u(?:202[a-eA-E]|206[6-9]|200[bB]|2060|[fF][eE][fF][fF])")
    held = []
    for path in sorted(out.rglob("*")):
        # (the theme's scripts name them, to leave them out of what a search matches)
        if path.is_file() and not path.relative_to(out).as_posix().startswith("assets/"):
            data = path.read_bytes()
            if any(chr(code).encode() in data for code in REFUSED) or escapes.search(data):
                held.append(path.relative_to(out).as_posix())
    assert held == []
    event_page = (out / "events/first-event/index.html").read_text(encoding="utf-8")
    assert "&amp;#x202E;" in event_page  # shown as the text it is


# --------------------------------------------------------------------------- the same rules as markdown-it


def markdown_made(source: str) -> str:
    md = MarkdownIt("commonmark", {"html": False})
    return md.render(source) + md.renderInline(source)


def test_every_named_reference_markdown_turns_into_a_refused_character_is_found() -> None:
    for name in html.entities.html5:
        if not name.endswith(";"):
            continue
        source = f"a &{name} b [l](https://x.example/ 't &{name}')"
        made = any(refused(char) for char in markdown_made(source))
        assert bool(list(hidden_characters(source))) == made, name


@pytest.mark.parametrize("code", [*REFUSED, 0x0C, 0x200C, 0x200D, 0x200E, 0x200F, 0x41, 0x92])
def test_every_numeric_form_markdown_decodes_is_found_exactly_when_it_makes_a_refused_character(
    code: int,
) -> None:
    forms = [f"&#{code};", f"&#x{code:x};", f"&#X{code:X};", f"&#{code:07d};", f"&#x{code:06x};"]
    for form in forms:
        for source in (
            f"a {form} b",
            f'[l](https://x.example/ "{form}")',
            f"![{form}](https://x.example/i.png)",
        ):
            made = any(refused(char, multiline=True) for char in markdown_made(source))
            if made:
                assert list(hidden_characters(source, multiline=True)), source
    assert bool(list(hidden_characters(f"&#{code};", multiline=True))) == (code in REFUSED or code == 0x0C)


def test_markdown_never_renders_one_even_from_a_text_no_check_has_seen() -> None:
    """What the build renders drops them, as a last guard (`check` refuses them first)."""
    md = make_markdown()
    for rendered in (
        render_markdown(md, "a &#x202E;b \u200bc [l](https://x.example/ 'x&#x2066;')", "events/e/"),
        render_inline(md, "a &#8203;b \ufeffc", "events/e/"),
    ):
        made = "".join(rendered.parts) + rendered.text
        assert not any(chr(code) in made for code in REFUSED), made


def test_without_hidden_says_what_it_removed_and_where() -> None:
    text, removed = without_hidden("a\u202eb &#8203;c &amp; &zwnj;d\n")
    assert text == "ab c &amp; &zwnj;d\n"
    assert [(hidden.start, hidden.written, hidden.char) for hidden in removed] == [
        (1, "\u202e", "\u202e"),
        (4, "&#8203;", "\u200b"),
    ]


def test_an_event_file_as_written_by_the_starter_is_untouched(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: EVENT_YAML})
    assert errors_of(root) == []
