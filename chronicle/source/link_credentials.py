"""Addresses in markdown that carry a user name or a password (`https://user:secret@host/`):
refused where they are written, as in every address field (source.validate.url_problem),
since every page, feed and export showing the text would publish them."""

from __future__ import annotations

import re
from typing import NamedTuple

from chronicle.source.load import shown

# A scheme, `//`, then user information up to an `@` before the host ends (no `/`, `?`, `#`,
# space or bracket on the way): links, autolinks, reference definitions and bare addresses
# alike. An `@` in the path (`https://host/@name`) is not user information. The scheme is
# bounded: unbounded, a long `a.a.a...` was scanned to its end from every dot (quadratic).
_WITH_USER = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s/?#@<>()\[\]\"'`]*@")


class Credentials(NamedTuple):
    line: int
    """The line of the address in the text, from 0."""
    column: int
    """Its first character in that line, from 0."""
    message: str
    hint: str


def credentials_problem(source: str, what: str) -> Credentials | None:
    """The first address in `source` (markdown) with a user name or password, in editors' words
    (`what`: "the summary"), or None."""
    if "@" not in source or "://" not in source:  # what every match holds: most texts, unsearched
        return None
    found = _WITH_USER.search(source)
    if found is None:
        return None
    end = re.search(r"[\s<>()\[\]\"'`]|$", source[found.end() :])
    address = source[found.start() : found.end() + (end.start() if end else 0)]
    return Credentials(
        source.count("\n", 0, found.start()),
        found.start() - (source.rfind("\n", 0, found.start()) + 1),
        f"an address in {what} carries a user name or password (before '@'): "
        f"'{shown(address, 60)}'; the site would publish it",
        "write the address without them: https://host/path",
    )
