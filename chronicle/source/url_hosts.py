"""Whether an address's host is one a browser can reach: labels of letters, digits and
hyphens (any script), none empty, none over 63 characters, punycode that decodes; or an IP
address. `https://%zz/`, `https://xn--/` or `https://a..example/` are published as links no
reader can follow."""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")


def host_problem(netloc: str, hostname: str | None) -> str | None:
    """What is wrong with the host of an address (its `netloc` and `hostname` as urlsplit
    gives them), or None."""
    if netloc.split("@")[-1].startswith("["):
        try:
            ipaddress.IPv6Address(hostname or "")
        except ValueError:
            return f"has no valid IPv6 address in brackets ('{hostname}')"
        zoned = "%" in (hostname or "")
        return f"has an IPv6 host with a zone ('{hostname}'), which no browser takes" if zoned else None
    host = urllib.parse.unquote(hostname or "").removesuffix(".")  # browsers decode %41 to "A"
    if not host:
        return "has no host name"
    if len(host) > MAX_HOST_LENGTH:
        return f"has a host name of {len(host)} characters; a host name has at most {MAX_HOST_LENGTH}"
    labels = host.split(".")
    if labels[-1].isdigit():  # a name ending in a number is an IPv4 address to a browser
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return f"has no valid host name or IPv4 address ('{hostname}')"
        return None
    for label in labels:
        if not _LABEL.fullmatch(label) and not _international(label):
            return f"has no valid host name ('{hostname}'): its parts between dots are letters, digits, -"
        if label.lower().startswith("xn--"):
            try:
                label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                return f"has no valid host name ('{hostname}'): '{label}' is no internationalised name"
    return None


MAX_HOST_LENGTH = 253


def _international(label: str) -> bool:
    """A label of characters beyond letters and digits that browsers still take (an emoji,
    "💩.la"), as its punycode form (xn--ls8h) shows."""
    if label.isascii():
        return False
    try:
        encoded = label.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return False
    return bool(_LABEL.fullmatch(encoded))


def has_unsafe_url_characters(text: str) -> bool:
    """Spaces, control characters, quotes or angle brackets: never raw in a URL the site writes."""
    return any(char.isspace() or char in "\"'<>\\`" or ord(char) < 32 or ord(char) == 127 for char in text)
