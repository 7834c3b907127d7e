"""`base_url` (in content/site.yaml, or `--base-url`) -> why it cannot be where the site lives.

Stricter than another URL the site publishes: every page's links, the feeds, the sitemap and
`serve`'s sub-path are made from it, so its path must name folders that can be written and
served as the links say.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from chronicle.model.origins import web_origin
from chronicle.source.load import shown
from chronicle.source.validate import text_problem, url_problem

_NOT_AN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_UNSERVABLE_ESCAPE = re.compile(r"%(?:[01][0-9A-Fa-f]|7[Ff]|2[Ff])")
"""The escape of a control character or of "/": no server serves the folder as the pages'
links name it (a path holding NUL is refused; %2F is one folder name in a link, two folders
once a server decodes it, as `serve` does)."""


def base_url_problem(text: str) -> tuple[str, str | None] | None:
    """Why `text` cannot be where the site lives, as (what is wrong, hint), or None: the one
    rule for `base_url` in content/site.yaml and for `--base-url`, which replaces it."""
    hidden = text_problem(text)
    if hidden is not None:
        return f"contains {hidden[0]}", hidden[1]
    problem = url_problem(text)
    if problem is not None:
        return problem
    if "?" in text or "#" in text:
        return "is where the site lives: it cannot have a query (?...) or a fragment (#...)", None
    bad = _NOT_AN_ESCAPE.search(text)
    if bad is not None:
        return f"has '{shown(text[bad.start() : bad.start() + 3])}', which is no percent-escape", (
            "write a percent sign as %25"
        )
    return _escape_problem(text) or _dot_segment_problem(text) or _page_problem(text)


_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".php", ".asp", ".aspx", ".jsp")


def _page_problem(text: str) -> tuple[str, str | None] | None:
    """An address of a page (`.../REPO/index.html`): every link would be made below the page,
    `.../index.html/events/...`, which no server serves."""
    path = urlsplit(text).path
    last = path.rsplit("/", 1)[-1]
    if last.lower().endswith(_PAGE_SUFFIXES):
        folder = text[: len(text) - len(last)] if text.endswith(last) else text
        return (
            f"ends with the page '{shown(last)}': base_url is the folder the site is published in",
            f"write {shown(folder)}",
        )
    return None


def _escape_problem(text: str) -> tuple[str, str | None] | None:
    """A percent-escape in `base_url` that no folder of the published site can be named with."""
    escape = _UNSERVABLE_ESCAPE.search(text)
    if escape is not None and escape[0][1:].upper() == "2F":
        return (
            f"has '{escape[0]}', an escaped '/': one folder name in links, two once a server decodes it",
            "write / for a folder inside a folder, or leave it out",
        )
    if escape is not None:
        return f"has '{escape[0]}', the escape of a control character, which no address may hold", (
            "leave it out"
        )
    try:
        decoded = unquote(urlsplit(text).path, errors="strict")
    except UnicodeDecodeError:
        return (
            "has percent-escapes that are not UTF-8 text",
            "write é as %C3%A9, the escapes of its UTF-8 bytes",
        )
    hidden = text_problem(decoded)  # as typed, it is refused above: escaped, the same
    if hidden is not None:
        return f"has the percent-escapes of {hidden[0]}", hidden[1]
    return None


def _dot_segment_problem(text: str) -> tuple[str, str | None] | None:
    """A folder named `.` or `..`, written so or escaped (`%2e%2e`, `.%2E`): browsers resolve
    it (the URL Standard), so every link made from `base_url` would lead to another folder
    than the one the site is published in (`/news/%2e%2e/events/` is `/events/`)."""
    for segment in urlsplit(text).path.split("/"):
        read = unquote(segment).lower()
        if read in (".", ".."):
            above = "the folder above" if read == ".." else "the folder itself"
            return (
                f"has the folder '{shown(segment)}', which browsers read as '{read}' ({above}): "
                "the links made from it would lead out of the folder the site is published in",
                "leave it out, or give the folder's own name",
            )
    return None


def not_as_browsers_write_it(text: str) -> tuple[str, str] | None:
    """(what, hint) when the address's scheme, host or port is not written as browsers write
    them (`HTTPS://News.Example.org:443/`): canonical links and the feeds' entry ids are made
    from `base_url` as written, so the day someone tidies it, every entry would reach
    subscribers again as a new one."""
    written = "/".join(text.split("/", 3)[:3])  # as typed: urlsplit lower-cases the scheme
    browsers = web_origin(text)
    path = text[len(written) :]
    # A path's letters beyond ASCII are sent percent-escaped (the URL Standard), and the
    # sitemap protocol and RSS ask for URLs, not IRIs.
    escaped = quote(path, safe=_PATH_KEPT)
    if written == browsers and path == escaped:
        return None
    if written != browsers:
        what = f"is written {shown(written)}, which browsers write {shown(browsers)}"
    else:
        what = f"has the path {shown(path)}, which browsers send as {shown(escaped)}"
    return (
        what,
        f"write it `{shown(browsers + escaped)}` now: the feeds' entry ids are made "
        "from base_url as written, and changing it later shows every entry to subscribers as new",
    )


# Printable ASCII but what the URL Standard's path percent-encode set escapes (" # < > ? ` { }
# and the space).
_PATH_KEPT = "".join(chr(code) for code in range(0x21, 0x7F) if chr(code) not in '"#<>?`{}')


def holds_user_placeholder(base_url: str) -> bool:
    """Whether the address is the README's `https://USER.github.io/...`, USER not yet replaced
    by a GitHub user or organisation name."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host == "user.github.io"
