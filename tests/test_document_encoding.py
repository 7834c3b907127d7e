"""Documents are kept as received: one stored in another encoding than UTF-8 is read in it
where it says which (a byte order mark; an HTML document's `<meta charset>`), and is an error
at the document, with the way to fix it, where it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import ARTICLE_YAML, EVENT_YAML, reported, write_site

from chronicle.build.load import load_site
from chronicle.source.document_encoding import declared_charset

WORDS = "Официальные лица согласились обмениваться данными о реке каждую неделю."
QUOTE = "согласились обмениваться данными о реке"
EVENT = EVENT_YAML.replace('quote: "agreed to share river data every week"', f'quote: "{QUOTE}"')


def site_with_document(root: Path, name: str, data: bytes) -> Path:
    return write_site(
        root,
        {
            "seeds/one.txt": None,
            f"seeds/{name}": data,
            "content/articles/one.yaml": ARTICLE_YAML + "language: ru\n",
            "content/events/first-event.yaml": EVENT,
        },
    )


def quoted_text(root: Path) -> str:
    site = load_site(root).site
    assert site is not None, reported(root)
    return site.articles["one"].text


def test_an_html_document_declaring_windows_1251_is_read_in_it(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{WORDS}</p></body></html>'
    root = site_with_document(tmp_path, "one.html", page.encode("cp1251"))
    assert QUOTE in quoted_text(root)


def test_a_document_with_a_utf_16_byte_order_mark_is_read_as_utf_16(tmp_path: Path) -> None:
    root = site_with_document(tmp_path, "one.txt", WORDS.encode("utf-16"))
    assert QUOTE in quoted_text(root)


def test_a_text_document_in_another_encoding_without_a_mark_is_an_error_saying_how_to_fix_it(
    tmp_path: Path,
) -> None:
    root = site_with_document(tmp_path, "one.txt", WORDS.encode("cp1251"))
    where, message, hint = reported(root)[0]
    assert (where, message) == ("seeds/one.txt:1:1", "error: file is not valid UTF-8 (byte 0xce at line 1)")
    assert hint is not None and "save the document as UTF-8 (its words stay the same)" in hint


def test_a_latin_1_declaration_is_read_as_browsers_read_it() -> None:
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert declared_charset(head) == "cp1252"
    assert declared_charset(b"<p>no declaration</p>") is None


@pytest.mark.parametrize("label", ["base64", "zlib", "rot13", "utf-7", "idna", "no-such-charset"])
def test_a_declared_charset_that_is_no_encoding_of_pages_is_not_read_in(label: str) -> None:
    assert declared_charset(f'<meta charset="{label}">'.encode()) is None


def test_a_page_declaring_a_transform_is_an_error_not_a_crash(tmp_path: Path) -> None:
    page = '<meta charset="base64"><p>' + WORDS + "</p>"
    root = site_with_document(tmp_path, "one.html", page.encode("cp1251"))
    assert reported(root)[0][1].startswith("error: file is not valid UTF-8")


def test_a_declaration_inside_a_comment_or_outside_http_equiv_is_not_taken() -> None:
    assert declared_charset(b'<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">') == "cp1251"
    assert declared_charset(b'<meta name="x" content="charset=koi8-r">') is None


@pytest.mark.parametrize(
    ("label", "codec"), [("gb2312", "gb18030"), ("EUC-KR", "cp949"), ("shift_jis", "cp932"), ("l1", "cp1252")]
)
def test_a_label_is_read_as_the_encoding_browsers_read_it_as(label: str, codec: str) -> None:
    assert declared_charset(f"<meta charset={label}>".encode()) == codec


def test_the_bytes_windows_1252_leaves_out_are_read_not_refused(tmp_path: Path) -> None:
    page = b'<meta charset="windows-1252"><p>\x81 They \x93agreed to share river data every week\x94.</p>'
    root = write_site(tmp_path, {"seeds/one.txt": None, "seeds/one.html": page})
    assert "\u201cagreed to share" in quoted_text(root)


def test_the_bytes_windows_1250_leaves_out_are_read_too(tmp_path: Path) -> None:
    page = b'<meta charset="windows-1250"><p>\x81 They agreed to share river data every week.</p>'
    root = write_site(tmp_path, {"seeds/one.txt": None, "seeds/one.html": page})
    assert "agreed to share river data every week" in quoted_text(root)
