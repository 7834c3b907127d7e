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
            ipaddress.IPv6Address((hostname or "").split("%")[0])
        except ValueError:
            return f"has no valid IPv6 address in brackets ('{hostname}')"
        return None
    host = urllib.parse.unquote(hostname or "").removesuffix(".")  # browsers decode %41 to "A"
    if not host:
        return "has no host name"
    for label in host.split("."):
        if not _LABEL.fullmatch(label):
            return f"has no valid host name ('{hostname}'): its parts between dots are letters, digits, -"
        if label.lower().startswith("xn--"):
            try:
                label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                return f"has no valid host name ('{hostname}'): '{label}' is no internationalised name"
    return None
