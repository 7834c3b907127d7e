"""An address whose host no browser can reach is refused where it is written (a source's or a
medium's `url`, an archived copy's), as `base_url` is: the site would publish a dead link."""

from __future__ import annotations

import pytest

from chronicle.source.validate import url_problem


@pytest.mark.parametrize(
    "address",
    [
        "https://%zz/",
        "https://xn--/",
        "https://a..example/",
        "https://-a.example/",
        "https://999.1.1.1/",
        "https://example.123/",
        "https://" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".org/",
        "https://[fe80::1%25eth0]/",
    ],
)
def test_an_address_with_no_valid_host_is_refused(address: str) -> None:
    problem = url_problem(address)
    assert problem is not None and "host" in problem[0]


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/",
        "https://example.org./x",
        "https://bücher.de/",
        "https://xn--bcher-kva.de/",
        "http://127.0.0.1:8000/",
        "https://[::1]:8000/",
        "http://localhost/",
        "https://web.archive.org/web/2020/https://example.org/",
        "https://💩.la/",
        "https://EXAMPLE.ORG:8443/x",
    ],
)
def test_an_address_with_a_valid_host_is_accepted(address: str) -> None:
    assert url_problem(address) is None
