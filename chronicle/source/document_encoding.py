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
from chronicle.source.load import UnreadableFile, read_bounded

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PRESCAN_BYTES = 1024
_DECLARED = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Labels the WHATWG Encoding Standard reads as another encoding than Python's codec of the name.
_AS_BROWSERS_READ = {"iso-8859-1": "windows-1252", "latin1": "windows-1252", "ascii": "windows-1252",
                     "us-ascii": "windows-1252", "iso-8859-9": "windows-1254", "tis-620": "windows-874",
                     "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}  # fmt: skip


def read_document(
    root: Path, relpath: str, diagnostics: Diagnostics, limit: int, data: bytes | None = None
) -> str | None:
    """The document's text (see the module's doc); a located error for a file that cannot be
    read or decoded. `data`: its bytes, already read (see source.load.read_text_file)."""
    try:
        if data is None:
            data = read_bounded(root, relpath, limit)
        elif len(data) > limit:
            raise UnreadableFile(f"file is too large ({len(data):,} bytes; the limit is {limit:,})")
    except UnreadableFile as problem:
        diagnostics.error(Mark(relpath), problem.message, problem.hint)
        return None
    encoding = declared = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None and relpath.endswith(".html"):
        declared = declared_charset(data[:_PRESCAN_BYTES])
    for candidate in (encoding,) if encoding else ("utf-8", declared):
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    diagnostics.error(Mark(relpath), *_undecoded(data, encoding or declared))
    return None


def declared_charset(head: bytes) -> str | None:
    """Python's codec for the charset an HTML document's head declares, if it knows one."""
    match = _DECLARED.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _AS_BROWSERS_READ.get(label, label)
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
