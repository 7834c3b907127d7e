"""A source document is third party: characters that reorder text or take no space, which the
editors' own fields refuse, do not stop it being published; its page shows each as a visible
marker naming it instead of the character itself, so that none reorders or hides what readers
see, and quotes are still matched with them ignored."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from unit_helpers import reported, run_build, write_site

from chronicle.timeline.source_pages import highlight

# The override sits inside the quoted passage ("agreed to share river data every week"); the
# others in the text around it.
DOCUMENT = (
    "Officials of Alpha met in the \u200bcapital on Tuesday.\n"
    "They agreed to share \u202eriver data\u202c every week.\n"
    "The meeting lasted \u2066three\u2069 hours.\ufeff\n"
)
INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    root = write_site(tmp_path_factory.mktemp("site"), {"seeds/one.txt": DOCUMENT})
    out = root.parent / "out"
    result = run_build("build", "--root", str(root), "--out", str(out))
    return result.returncode, result.stderr, out


def source_page(out: Path) -> str:
    return (out / "sources" / "one" / "index.html").read_text(encoding="utf-8")


def test_a_document_holding_a_right_to_left_override_builds(built: tuple[int, str, Path]) -> None:
    returncode, stderr, _ = built
    assert returncode == 0, stderr


def test_the_source_page_holds_no_raw_invisible_character(built: tuple[int, str, Path]) -> None:
    page = source_page(built[2])
    assert [char for char in INVISIBLE if char in page] == []


def test_each_invisible_character_is_a_marker_naming_it(built: tuple[int, str, Path]) -> None:
    document = lxml.html.fromstring(source_page(built[2])).find_class("document")[0]
    markers = [(span.text_content(), span.get("title")) for span in document.find_class("invisible-char")]
    assert markers == [
        ("[U+200B]", "U+200B (ZERO WIDTH SPACE)"),
        ("[U+202E]", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("[U+202C]", "U+202C (POP DIRECTIONAL FORMATTING)"),
        ("[U+2066]", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("[U+2069]", "U+2069 (POP DIRECTIONAL ISOLATE)"),
        ("[U+FEFF]", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ]


def test_a_quote_across_invisible_characters_is_still_highlighted(built: tuple[int, str, Path]) -> None:
    document = lxml.html.fromstring(source_page(built[2])).find_class("document")[0]
    (mark,) = document.iter("mark")
    assert mark.text_content() == "agreed to share [U+202E]river data[U+202C] every week"


def test_check_warns_at_the_first_invisible_character_of_a_document(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/one.txt": DOCUMENT})
    column = DOCUMENT.index("\u200b") + 1
    assert reported(root) == [
        (
            f"seeds/one.txt:1:{column}",
            "warning: the document holds the invisible character U+200B (ZERO WIDTH SPACE)",
            "its source page shows it as [U+200B] (only the first is named here); "
            "remove it only if it is not the document's own",
        )
    ]


def test_a_character_reference_is_warned_about_in_html_where_it_decodes(tmp_path: Path) -> None:
    html = "<p>Officials met on Tuesday.</p>\n<p>They &#x202E;agreed to share river data every week.</p>\n"
    root = write_site(tmp_path, {"seeds/one.txt": None, "seeds/one.html": html})
    ((where, message, _),) = reported(root)
    assert (where, message) == (
        f"seeds/one.html:2:{len('<p>They ') + 1}",
        "warning: the document holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE), "
        "written as the character reference &#x202E;",
    )


def test_a_character_reference_in_plain_text_is_shown_as_written_and_not_warned_about(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/one.txt": "They &#x202E;agreed to share river data every week.\n"})
    assert reported(root) == []


def test_a_segments_plain_text_shows_the_markers_too() -> None:
    ((segment,),) = highlight("one\u202etwo", [])
    assert segment.text == "one[U+202E]two"


def test_the_joiners_and_direction_marks_scripts_need_are_kept() -> None:
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb \u200e\u200f"
    ((segment,),) = highlight(text, [])
    assert segment.text == text
