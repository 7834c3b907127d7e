"""A URL -> whether a request can be sent to it: an http(s) address with a host and a port.

The same rule for a URL written in content and for each redirect a cited server sends.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def web_address_fault(url: str) -> str | None:
    """Why a URL is not an http(s) address a request can be sent to (None where it is one),
    worded to follow "which": "has a port out of range"."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken host, such as an unclosed [
        return "cannot be read as a web address"
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        return "has a port out of range"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not a web address"
    if not parts.hostname:
        return "names no host"
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return "holds a space or a control character"
    return None
