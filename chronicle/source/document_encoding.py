"""A source document's bytes -> its text, in the encoding it is stored in.

Documents are kept as received, so they are not always UTF-8: a page saved from a Russian
news site may be windows-1251, a text exported on Windows UTF-16. The encoding is found as a
browser finds it: a byte order mark first; then UTF-8, which bytes of another encoding are
almost never valid as; then, for HTML, the charset its first 1,024 bytes declare (`<meta
charset=...>`, or `http-equiv` Content-Type), as the WHATWG prescan reads it. Anything else
is an error at the document, whose hint is to save it as UTF-8 (its words stay the same)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.load import read_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PRESCAN_BYTES = 1024
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_META = re.compile(rb"<meta\b([^>]*)>?", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"';]+)""", re.IGNORECASE)


def _labels(codec: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), codec)


# The WHATWG Encoding Standard's labels whose encoding is not Python's codec of that name: a
# browser reads a page declared ISO-8859-1 as windows-1252, GB2312 as GBK (gb18030), and so on.
_AS_BROWSERS_READ = {
    **_labels("cp1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
              "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"),
    **_labels("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"),
    **_labels("cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
              "ksc5601 ksc_5601 windows-949"),
    **_labels("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    **_labels("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    **_labels("cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
              "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    **_labels("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    **_labels("utf-8", "utf-16 utf-16le utf-16be unicodefffe unicodefeff csunicode iso-10646-ucs-2 ucs-2"),
}  # fmt: skip


def read_document(
    root: Path, relpath: str, diagnostics: Diagnostics, limit: int, data: bytes | None = None
) -> str | None:
    """The document's text (see the module's doc); a located error for a file that cannot be
    read or decoded. `data`: its bytes, already read (see source.load.read_bytes)."""
    if (data := read_bytes(root, relpath, diagnostics, limit, data)) is None:
        return None
    marked = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    declared = _declared(data[:_PRESCAN_BYTES]) if marked is None and relpath.endswith(".html") else None
    for codec in (marked,) if marked else ("utf-8", declared[1] if declared else None):
        if codec is not None:
            try:
                return _decoded(data, codec)
            except UnicodeDecodeError:
                continue
    diagnostics.error(Mark(relpath), *_undecoded(data, marked or (declared[0] if declared else None)))
    return None


def _decoded(data: bytes, codec: str) -> str:
    if not codec.startswith("cp12") and codec != "cp874":
        return data.decode(codec)
    # The bytes the windows-125x encodings leave out are, to a browser, the C1 controls of
    # their value (WHATWG); Python refuses them.
    return _LEFT_OUT.sub(lambda byte: chr(ord(byte.group()) - 0xDC00), data.decode(codec, "surrogateescape"))


_LEFT_OUT = re.compile("[\udc80-\udcff]")


def declared_charset(head: bytes) -> str | None:
    """Python's codec for the charset an HTML document's head declares, if it knows one."""
    found = _declared(head)
    return found[1] if found else None


def _declared(head: bytes) -> tuple[str, str] | None:
    """(the label as written, Python's codec) of the first declaration the WHATWG prescan
    takes: a <meta charset>, or a <meta http-equiv="Content-Type"> whose content names one;
    none inside a comment."""
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        attributes = {name.lower(): value.strip(b"\"'") for name, value in _ATTRIBUTE.findall(meta.group(1))}
        label = attributes.get(b"charset")
        if label is None and attributes.get(b"http-equiv", b"").lower() == b"content-type":
            named = _CHARSET_IN_CONTENT.search(attributes.get(b"content", b""))
            label = named.group(1) if named else None
        if label:
            written = label.decode("ascii", "replace").strip()
            codec = _codec(written.lower())
            if codec:  # a label no browser knows: the prescan goes on
                return written, codec
    return None


def _codec(label: str) -> str | None:
    mapped = _AS_BROWSERS_READ.get(label)
    if mapped:
        return mapped
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    # Python's codecs include transforms of bytes (base64, zlib), which decode() refuses,
    # and encodings no browser reads a page in (UTF-7, which the WHATWG standard lists as
    # "replacement", and Python's own idna and punycode).
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_FOR_PAGES:
        return None
    return codec.name


_NOT_FOR_PAGES = frozenset({"utf-7", "idna", "punycode", "raw-unicode-escape", "unicode-escape"})


def _undecoded(data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding not in (None, "utf-8"):
        return (
            f"file is not valid {encoding}, the encoding it declares",
            "save the document as UTF-8 (its words stay the same)",
        )
    try:
        data.decode("utf-8")
        position = 0
    except UnicodeDecodeError as error:
        position = error.start
    line = data.count(b"\n", 0, position) + 1
    return (
        f"file is not valid UTF-8 (byte 0x{data[position]:02x} at line {line})",
        "save the document as UTF-8 (its words stay the same); an HTML document in another "
        'encoding may declare it instead, in its head: <meta charset="windows-1251">',
    )
