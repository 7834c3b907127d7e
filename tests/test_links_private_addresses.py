"""`links` never asks an address that is not public (this machine, a private network, a
cloud's metadata address), whether a URL names it, a name leads to it, or a redirect sends
there; `--allow-private` asks them, for a site served on the editor's own machine. Nothing
leaves 127.0.0.1: the loopback guard of the links tests refuses every other connection."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import socket
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from link_servers import LocalHost, Route, local_hosts
from test_links import Guard, guard_loopback

from chronicle.cli import main
from chronicle.links import addresses as addresses_module
from chronicle.links.addresses import PrivateAddress, addresses, is_public
from chronicle.links.fetch import Settings, check_urls

ARTICLE = "content/articles/a.yaml"
QUICK = Settings(concurrency=2, timeout=2.0, delay=0.0)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Guard:
    return guard_loopback(monkeypatch)


@pytest.fixture
def web() -> Iterator[LocalHost]:
    with local_hosts(web={"/page": Route(200)}) as hosts:
        yield hosts["web"]


def links_of(root: Path, url: str, *options: str) -> tuple[int, str]:
    (root / ARTICLE).parent.mkdir(parents=True)
    (root / ARTICLE).write_text(f"title: T\nurl: {url}\n", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(["links", "--root", str(root), "--timeout", "2", "--delay", "0", *options])
    return code, stderr.getvalue() + stdout.getvalue()


def resolving(monkeypatch: pytest.MonkeyPatch, name: str, *found: str) -> None:
    """`name` looks up as the given addresses (and nothing else changes)."""
    lookup = socket.getaddrinfo

    def patched(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == name:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in found]
        return lookup(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", patched)


def test_a_url_naming_a_private_address_is_not_asked(tmp_path: Path, web: LocalHost) -> None:
    code, output = links_of(tmp_path, f"{web.base}/page")
    assert code == 0
    assert (
        f"{ARTICLE}:2:6: warning: {web.base}/page not asked: it leads to a private address (127.0.0.1)"
        in output
    )
    assert "  hint: readers on the web cannot reach it either; `--allow-private` asks it" in output
    assert web.requests == []


def test_allow_private_asks_a_site_served_on_this_machine(tmp_path: Path, web: LocalHost) -> None:
    code, output = links_of(tmp_path, f"{web.base}/page", "--allow-private")
    assert (code, output) == (0, "checked 1 URL on 1 host: every one answered\n")
    assert web.asked() == ["/page"]


def test_a_name_leading_to_a_private_address_is_not_asked(
    monkeypatch: pytest.MonkeyPatch, web: LocalHost
) -> None:
    resolving(monkeypatch, "intranet.example", "127.0.0.1")
    url = web.base.replace("127.0.0.1", "intranet.example") + "/page"
    outcome = check_urls([url], QUICK)[url]
    assert outcome.failure == "not asked: it leads to a private address (127.0.0.1)"
    assert web.requests == []


def test_a_name_is_refused_when_any_of_its_addresses_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    resolving(monkeypatch, "mixed.example", "8.8.8.8", "10.0.0.1")
    with pytest.raises(PrivateAddress, match=r"^not asked: it leads to a private address \(10\.0\.0\.1\)$"):
        asyncio.run(addresses("mixed.example", 80))


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first server stands for a public one (127.0.0.1 taken as public here); it sends the
    request on to 127.0.0.2, another address of this machine, which is not asked."""
    monkeypatch.setattr(addresses_module, "is_public", lambda address: str(address) == "127.0.0.1")
    with local_hosts(web={"/page": Route(302, "http://127.0.0.2:9/latest/meta-data/")}) as hosts:
        url = hosts["web"].base + "/page"
        outcome = check_urls([url], QUICK)[url]
    assert outcome.failure == "not asked: it leads to a private address (127.0.0.2)"
    assert [(hop.url, hop.status) for hop in outcome.redirects] == [(url, 302)]
    assert outcome.final_url == "http://127.0.0.2:9/latest/meta-data/"


def test_the_request_goes_to_the_address_checked_not_to_a_second_lookup(
    monkeypatch: pytest.MonkeyPatch, web: LocalHost
) -> None:
    """DNS rebinding: the name first looks up as a public address (127.0.0.1 taken as public
    here), then as a private one (127.0.0.2); the request reaches the first."""
    monkeypatch.setattr(addresses_module, "is_public", lambda address: str(address) == "127.0.0.1")
    lookups = iter(["127.0.0.1"])
    lookup = socket.getaddrinfo

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebinding.example":
            address = next(lookups, "127.0.0.2")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return lookup(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = web.base.replace("127.0.0.1", "rebinding.example") + "/page"
    outcome = check_urls([url], QUICK)[url]
    assert (outcome.status, outcome.failure) == (200, None)
    assert web.asked() == ["/page"]


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "fec0::1",  # site-local
        "::",
    ],
)
def test_addresses_of_this_machine_and_private_networks_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111", "2002:808:808::1"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))
