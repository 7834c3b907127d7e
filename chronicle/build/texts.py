"""A table whose values carry one long text each (a card's HTML, a summary's text) <-> bytes.

Written as a JSON index, a line break, then the texts' UTF-8 bytes one after another: the
index holds each value with its text (element 1) replaced by the text's length in bytes.
HTML is full of quotes, which JSON escapes and its parser then unescapes character by
character; sliced out of the bytes and decoded, the texts of a table read in half the time.
A value without such a text is kept whole in the index, as a list of one element.
"""

from __future__ import annotations

import json
from typing import Any

from chronicle.build.codec import CodecError


def pack(table: dict[str, Any]) -> bytes:
    index: dict[str, Any] = {}
    texts: list[bytes] = []
    for key, value in table.items():
        if isinstance(value, list) and len(value) > 1 and isinstance(value[1], str):
            text = value[1].encode("utf-8", "surrogatepass")
            texts.append(text)
            index[key] = [value[0], len(text), *value[2:]]
        else:
            index[key] = [value]
    head = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return head + b"\n" + b"".join(texts)


def unpack(data: bytes) -> dict[str, Any]:
    """The table `pack` wrote (its seal already checked: a mismatch is the cache's own bug,
    and reads as a cache to make anew)."""
    head, _, blob = data.partition(b"\n")
    try:
        index = json.loads(head)
        at = 0
        for key, entry in index.items():
            if len(entry) == 1:
                index[key] = entry[0]
                continue
            size = entry[1]
            entry[1] = blob[at : at + size].decode("utf-8", "surrogatepass")
            at += size
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise CodecError(str(error)) from None
    if at != len(blob):
        raise CodecError("a table's index does not match its texts")
    return index  # type: ignore[no-any-return]
