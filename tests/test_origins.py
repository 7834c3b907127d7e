"""The site's origin as browsers give it (red team R7): the embed snippet takes a height only
from a message whose `event.origin` is the site's, and a browser serialises that origin with
the scheme and host in lower case, the host in its IDNA form and no default port. A `base_url`
typed otherwise (`https://News.Example.org/`, `https://exämple.org/`, `https://example.org:443/`)
is the same site: the snippet must expect what the browser sends, or frames never resize."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from unit_helpers import run_build, write_site

from chronicle.model.origins import browser_host, web_origin
from chronicle.preview.server import host_allowed, own_hosts

# base_url -> the origin browsers give (node's WHATWG URL gives the same: see below).
ORIGINS = {
    "https://News.Example.org/timeline/": "https://news.example.org",
    "https://exämple.org/timeline/": "https://xn--exmple-cua.org",
    "https://EXÄMPLE.ORG/": "https://xn--exmple-cua.org",
    "https://example.org:443/timeline/": "https://example.org",
    "http://example.org:80/": "http://example.org",
    "https://example.org:0443/": "https://example.org",
    "http://example.org:443/": "http://example.org:443",
    "HTTPS://Example.ORG:8443/t/": "https://example.org:8443",
    "https://straße.de/": "https://xn--strae-oqa.de",  # UTS #46 without the transitional mapping
    "https://العربية.example/": "https://xn--mgbcd4a2b0d2b.example",
    "http://[2001:DB8:0:0::1]:80/": "http://[2001:db8::1]",
    "http://127.1:8000/": "http://127.0.0.1:8000",
    "https://a_b.example/": "https://a_b.example",
    "https://EXAMPLE.org./": "https://example.org.",
    "https://example.github.io/site/": "https://example.github.io",
}


@pytest.mark.parametrize(("base_url", "origin"), ORIGINS.items())
def test_the_origin_is_the_one_a_browser_gives(base_url: str, origin: str) -> None:
    assert web_origin(base_url) == origin


@pytest.mark.skipif(shutil.which("node") is None, reason="node gives a browser's reading (WHATWG URL)")
def test_the_origins_are_those_of_the_url_standard_as_node_reads_it() -> None:
    script = "for (const url of JSON.parse(process.argv[1])) console.log(new URL(url).origin)"
    done = subprocess.run(
        ["node", "-e", script, json.dumps(list(ORIGINS))],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.splitlines() == [web_origin(url) for url in ORIGINS]


@pytest.mark.parametrize(
    "base_url",
    [
        "https://News.Example.org/timeline/",  # capitals in the host
        "https://exämple.org/timeline/",  # a host that is not ASCII
        "https://example.org:443/timeline/",  # the default port of https
        "http://example.org:80/",  # the default port of http
    ],
)
def test_the_embed_snippet_expects_the_origin_the_browser_sends(tmp_path: Path, base_url: str) -> None:
    root = write_site(tmp_path / "site")
    out = tmp_path / "out"
    built = run_build("build", "--root", str(root), "--out", str(out), "--base-url", base_url)
    assert built.returncode == 0, built.stdout + built.stderr
    expected = f"event.origin !== {json.dumps(ORIGINS[base_url])}"
    oembed = json.loads((out / "embed/events/first-event/oembed.json").read_text(encoding="utf-8"))
    assert expected in oembed["html"]
    timeline = json.loads((out / "embed/oembed.json").read_text(encoding="utf-8"))
    assert expected in timeline["html"]
    page = html.unescape((out / "events/first-event/index.html").read_text(encoding="utf-8"))
    assert expected in page  # the Embed section's code, as readers copy it


def test_the_preview_server_knows_its_host_as_a_browser_writes_it() -> None:
    own = own_hosts("exämple.local")
    assert host_allowed("xn--exmple-cua.local:8000", own)
    assert host_allowed("EXAMPLE.org", own_hosts("Example.ORG"))
    assert not host_allowed("evil.example", own)
    assert browser_host("[2001:DB8::1]") == "[2001:db8::1]"


def test_an_escaped_host_is_decoded_as_browsers_decode_it() -> None:
    assert web_origin("https://ex%41mple.org/timeline/") == "https://example.org"
    assert web_origin("https://%E4%BE%8B.jp/") == "https://xn--fsq.jp"
