"""A URL's host -> the network addresses a request to it may go to: only public ones.

A contributor's URL, or a redirect a cited server sends, could otherwise make `links` probe
the network of the machine it runs on (a CI runner, an editor's laptop): its loopback, its
private network, a cloud's metadata address at 169.254.169.254; and print each answer's status
in the log. A name is looked up once and every address it gives is checked; the request then
goes to a checked address (see `fetch`), so a second lookup cannot send it elsewhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
PRIVATE_ADDRESS = "not asked: it leads to a private address"


class PrivateAddress(Exception):
    """A URL leads to an address that is not public; the message completes "URL ..."."""


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


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet (not this machine, nor a private network)."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address inside (::ffff:a.b.c.d, 6to4's 2002:a.b.c.d::) is where it leads.
        inside = address.ipv4_mapped or address.sixtofour
        if inside is not None:
            return is_public(inside)
        if address.is_site_local:  # fec0::/10: deprecated, but still a local network's
            return False
    local = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )
    return address.is_global and not local  # is_global: also shared (100.64/10) and other ranges


async def addresses(host: str, port: int) -> list[str]:
    """The addresses of `host` (a name or an address), in the order to try them; raises
    PrivateAddress where any of them is not public, socket.gaierror where the name is unknown."""
    try:
        found: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        found = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
    for address in found:  # every one: a name may give a public address and a private one
        if not is_public(address):
            raise PrivateAddress(f"{PRIVATE_ADDRESS} ({address})")
    return [str(address) for address in found]
