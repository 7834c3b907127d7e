"""Origins and hosts as browsers give them, for what the site compares with a browser's word.

A browser serialises an origin (`event.origin` of a message, the `Origin` header) and a host
(the `Host` header) in ASCII: the scheme and host lower-cased, a name that is not ASCII in
its IDNA form (`exämple.org` -> `xn--exmple-cua.org`, by UTS #46 without the transitional
mapping, as the URL Standard says: `straße.de` keeps its ß), an IPv6 address shortened, and
the scheme's default port left out. A `base_url` typed `https://News.Example.org:443/` is
the same site; only its origin in that form equals what a browser sends.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from urllib.parse import unquote, urlsplit

import idna

DEFAULT_PORTS = {"http": 80, "https": 443}


def web_origin(url: str) -> str:
    """ "https://news.example.org" for "HTTPS://News.Example.org:443/timeline/": the origin of an
    http(s) address as a browser serialises it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = browser_host(parts.hostname or "")
    port = parts.port
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    return f"{scheme}://{host}"


def browser_host(host: str) -> str:
    """A host name or address as a browser writes it (in an origin, a Host header): lower case,
    a name in its IDNA (punycode) form, an IPv6 address shortened and in brackets, an IPv4 one
    in its four numbers (`127.1` -> `127.0.0.1`)."""
    # The URL Standard decodes a host's percent-escapes first: `ex%41mple.org` is example.org.
    host = unquote(host.strip("[]"))
    with contextlib.suppress(ValueError):
        address = ipaddress.ip_address(host)
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    if host.isascii():
        last = host.rstrip(".").rsplit(".", 1)[-1].lower()
        if last and (last.isdigit() or (last.startswith("0x") and _hexadecimal(last[2:]))):
            with contextlib.suppress(OSError):  # the URL Standard's IPv4 forms, as inet_aton reads them
                return socket.inet_ntoa(socket.inet_aton(host.rstrip(".")))
        return host.lower()
    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    except idna.IDNAError:  # a character no name may hold: no browser opens it either
        return host.lower()
    return ".".join(_ascii_label(label) for label in mapped.split("."))


def _ascii_label(label: str) -> str:
    return label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")


def _hexadecimal(text: str) -> bool:
    return all(char in "0123456789abcdef" for char in text)
