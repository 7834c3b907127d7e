"""links, piece by piece: which URLs a site cites (urls), how each is asked (fetch, against
local servers only), and what is reported for each outcome (verdict)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import httpx
import pytest
from link_servers import LocalHost, Route, local_hosts

from chronicle.cli import main
from chronicle.links.fetch import Hop, Outcome, Settings, check_urls, retry_after
from chronicle.links.urls import Citation, collect
from chronicle.links.verdict import verdicts
from chronicle.model.diagnostics import Diagnostics, Mark

QUICK = Settings(concurrency=4, timeout=2.0, delay=0.0, allow_private=True)  # servers on 127.0.0.1

# --------------------------------------------------------------------------- urls

EVENT = """\
title: T
date: 2025
summary: S
sources:
  - article: one
    quote: "words"
  - url: https://example.org/report
    title: Report
    archive_url: https://web.archive.org/web/2025/https://example.org/report
    url_status: dead
  - url: ftp://example.org/file
    title: Not a web address
claims:
  - about: A figure
    values:
      - value: "1"
        according_to: Someone
        source: {url: "https://example.org/figure", title: F}
media:
  - file: media/a.jpg
    alt: A
    credit: C
  - url: https://video.example/watch
    title: Footage
    credit: C
    thumbnail: https://video.example/thumb.jpg
added: 2026-01-02
"""


def site_with(tmp_path: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text, encoding="utf-8")
    return tmp_path


def test_cited_urls_are_sources_claim_sources_media_and_archived_copies(tmp_path: Path) -> None:
    root = site_with(tmp_path, {"content/events/e.yaml": EVENT})
    diagnostics = Diagnostics()
    found = [(c.url, c.role, c.kind, c.mark.line, c.mark.col) for c in collect(root, diagnostics)]
    assert found == [
        ("https://example.org/report", "original", "source", 7, 10),
        ("https://web.archive.org/web/2025/https://example.org/report", "archive", "source", 9, 18),
        ("https://example.org/figure", "original", "source", 18, 23),  # at the quote
        ("https://video.example/watch", "original", "media", 23, 10),
    ]
    assert diagnostics.items == []


def test_an_original_carries_its_archived_copy_and_status(tmp_path: Path) -> None:
    root = site_with(tmp_path, {"content/events/e.yaml": EVENT})
    original = collect(root, Diagnostics())[0]
    assert original.archive_url == "https://web.archive.org/web/2025/https://example.org/report"
    assert (original.url_status, original.readers_follow_archive) == ("dead", True)


def test_article_metadata_cites_its_url_and_archived_copy(tmp_path: Path) -> None:
    article = "title: A\nurl: https://news.example/a\narchive_url: https://archive.example/a\n"
    root = site_with(tmp_path, {"content/articles/a.yaml": article, "content/articles/notes.txt": "x"})
    found = [(c.url, c.role, c.kind, str(c.mark)) for c in collect(root, Diagnostics())]
    assert found == [
        ("https://news.example/a", "original", "article", "content/articles/a.yaml:2:6"),
        ("https://archive.example/a", "archive", "article", "content/articles/a.yaml:3:14"),
    ]


def test_a_file_that_does_not_parse_is_reported_as_check_reports_it(tmp_path: Path) -> None:
    root = site_with(tmp_path, {"content/events/e.yaml": "title: [x\n"})
    diagnostics = Diagnostics()
    assert collect(root, diagnostics) == []
    [problem] = diagnostics.items
    assert (problem.mark, problem.severity) == (Mark("content/events/e.yaml", 1, 8), "error")


def test_a_folder_without_content_is_not_taken_for_an_empty_site(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    collect(tmp_path, diagnostics)
    assert [d.headline() for d in diagnostics.items] == [
        "content:1:1: error: there is no content/ folder here"
    ]


# --------------------------------------------------------------------------- verdict


def cite(url: str = "https://a.example/page", **fields: str | None) -> Citation:
    role = fields.pop("role", None) or "original"
    kind = fields.pop("kind", None) or "source"
    return Citation(url, Mark("content/events/e.yaml", 5, 10), role, kind, **fields)  # type: ignore[arg-type]


def answered(url: str, status: int, *hops: tuple[str, int], final: str | None = None) -> Outcome:
    return Outcome(
        url, final or url, status, {200: "OK", 404: "Not Found"}.get(status, ""), tuple(Hop(*h) for h in hops)
    )


def verdict_of(citation: Citation, *outcomes: Outcome) -> list[tuple[str, str, str | None]]:
    found = verdicts([citation], {outcome.url: outcome for outcome in outcomes})
    return [(d.severity, d.message, d.hint) for d in found]


def test_a_temporary_redirect_that_answers_is_not_reported() -> None:
    url = "https://a.example/page"
    outcome = answered(url, 200, (url, 302), final="https://a.example/login?next=page")
    assert verdict_of(cite(url), outcome) == []


def test_a_permanent_move_cites_where_the_permanent_hops_end() -> None:
    url = "http://a.example/page"
    outcome = answered(url, 200, (url, 301), ("https://a.example/page", 302), final="https://a.example/login")
    [(severity, message, hint)] = verdict_of(cite(url), outcome)
    assert (severity, message) == ("warning", f"{url} redirects to https://a.example/login (301, 302)")
    assert hint == "the address moved permanently: cite https://a.example/page"


def test_a_gone_archived_copy_is_an_error_where_readers_are_sent_to_it() -> None:
    copy = "https://archive.example/a"
    followed = cite(copy, role="archive", url_status="dead")
    beside_live = cite(copy, role="archive", url_status="live")
    assert verdict_of(followed, answered(copy, 404))[0][0] == "error"
    assert verdict_of(beside_live, answered(copy, 404))[0][0] == "warning"


def test_an_original_marked_unfit_is_not_reported_whatever_it_answers() -> None:
    url = "https://a.example/page"
    marked = cite(url, url_status="unfit", archive_url="https://archive.example/a")
    assert verdict_of(marked, answered(url, 200)) == []
    assert verdict_of(marked, answered(url, 404)) == []


def test_an_original_marked_dead_that_redirects_to_the_front_page_is_still_dead() -> None:
    url = "https://a.example/page"
    marked = cite(url, url_status="dead", archive_url="https://archive.example/a")
    assert verdict_of(marked, answered(url, 200, (url, 301), final="https://a.example/")) == []


def test_a_host_asking_to_slow_down_is_a_notice_not_a_failure() -> None:
    url = "https://a.example/page"
    outcome = Outcome(url, url, 429, "Too Many Requests")
    assert verdict_of(cite(url), outcome) == [
        (
            "notice",
            f"{url} was not checked: a.example answered 429 Too Many Requests",
            "run `links` again later",
        )
    ]


def test_forbidden_is_a_warning_that_the_site_may_refuse_robots() -> None:
    url = "https://a.example/page"
    [(severity, message, hint)] = verdict_of(cite(url), Outcome(url, url, 403, "Forbidden"))
    assert (severity, message) == ("warning", f"{url} returned 403 Forbidden")
    assert hint is not None and "refuse automated requests" in hint


def test_gone_remote_media_is_an_error_with_its_own_hint() -> None:
    url = "https://video.example/watch"
    [(severity, _message, hint)] = verdict_of(cite(url, kind="media"), answered(url, 404))
    assert (severity, hint) == ("error", "remove the entry, or give the address of a copy")


# --------------------------------------------------------------------------- fetch (local servers)


def ask(host: LocalHost, *paths: str, settings: Settings = QUICK) -> list[Outcome]:
    urls = [host.base + path for path in paths]
    outcomes = check_urls(urls, settings)
    return [outcomes[url] for url in urls]


def test_a_chain_longer_than_the_limit_is_a_failure() -> None:
    chain = {f"/{n}": Route(301, f"/{n + 1}") for n in range(4)}
    with local_hosts(web=chain) as hosts:
        [outcome] = ask(
            hosts["web"], "/0", settings=Settings(timeout=2.0, delay=0.0, max_redirects=2, allow_private=True)
        )
    assert outcome.failure == "redirects more than 2 times"
    assert [hop.status for hop in outcome.redirects] == [301, 301, 301]


def test_a_redirect_to_another_scheme_is_a_failure() -> None:
    with local_hosts(web={"/page": Route(302, "ftp://files.example/page")}) as hosts:
        [outcome] = ask(hosts["web"], "/page")
    assert outcome.failure == "redirects to 'ftp://files.example/page', which is not a web address"


@pytest.mark.parametrize(
    ("location", "failure"),
    [
        (
            "http://127.0.0.1:99999/x",
            "redirects to 'http://127.0.0.1:99999/x', which has a port out of range",
        ),
        ("http://:8080/x", "redirects to 'http://:8080/x', which names no host"),
    ],
)
def test_a_redirect_is_checked_as_a_url_written_in_content(location: str, failure: str) -> None:
    with local_hosts(web={"/page": Route(301, location)}) as hosts:
        [outcome] = ask(hosts["web"], "/page")
    assert outcome.failure == failure


@pytest.mark.parametrize("location", ["http://[::1", "http://127.0.0.1/\x01"])
def test_a_redirect_to_an_unreadable_address_says_so(location: str) -> None:
    with local_hosts(web={"/page": Route(301, location)}) as hosts:
        [outcome] = ask(hosts["web"], "/page")
    assert outcome.failure == "answered with a redirect to an address that cannot be read"


def test_whatever_one_request_raises_is_that_urls_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """anyio wraps a connection's OverflowError in an ExceptionGroup: one URL, not the run."""
    send = httpx.AsyncClient.send

    async def raising(client: httpx.AsyncClient, request: httpx.Request, **options: Any) -> httpx.Response:
        if request.url.path == "/odd":
            raise ExceptionGroup("unhandled errors in a TaskGroup", [OverflowError("port must be 0-65535.")])
        return await send(client, request, **options)

    monkeypatch.setattr(httpx.AsyncClient, "send", raising)
    with local_hosts(web={"/odd": Route(200), "/fine": Route(200)}) as hosts:
        odd, fine = ask(hosts["web"], "/odd", "/fine")
    assert odd.failure == "could not be asked (OverflowError: port must be 0-65535.)"
    assert (fine.status, fine.failure) == (200, None)


def test_a_dropped_head_is_asked_again_with_get() -> None:
    with local_hosts(web={"/page": Route(200, head_drops=True)}) as hosts:
        [outcome] = ask(hosts["web"], "/page")
        asked = [(request.method, request.path) for request in hosts["web"].requests]
    assert (outcome.status, outcome.failure) == (200, None)
    assert asked == [("HEAD", "/page"), ("GET", "/page")]


def test_a_hanging_head_is_asked_again_with_get() -> None:
    with local_hosts(web={"/page": Route(200, head_sleep=3.0)}) as hosts:
        [outcome] = ask(
            hosts["web"],
            "/page",
            settings=Settings(concurrency=2, timeout=1.0, delay=0.0, allow_private=True),
        )
        methods = [request.method for request in hosts["web"].requests]
    assert (outcome.status, outcome.failure) == (200, None)
    assert "GET" in methods


def test_a_host_asking_to_wait_is_not_asked_again_before_its_retry_after() -> None:
    routes = {"/busy": Route(429, retry_after="1.5"), "/other": Route(200)}
    with local_hosts(web=routes) as hosts:
        ask(
            hosts["web"],
            "/busy",
            "/other",
            settings=Settings(concurrency=1, timeout=5.0, delay=0.0, allow_private=True),
        )
        requests = sorted(hosts["web"].requests, key=lambda request: request.started)
    busy_end = max(request.ended for request in requests if request.path == "/busy")
    other_start = min(request.started for request in requests if request.path == "/other")
    assert other_start - busy_end >= 1.4


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(None, 0.0), ("30", 30.0), ("9999", 120.0), ("Wed, 21 Oct 2026 07:28:00 GMT", 60.0), ("-3", 0.0)],
)
def test_retry_after_is_read_in_seconds_within_a_bound(value: str | None, seconds: float) -> None:
    assert retry_after(value) == seconds


def test_a_tls_failure_is_named() -> None:
    with local_hosts(web={"/page": Route(200)}) as hosts:
        url = hosts["web"].base.replace("http://", "https://") + "/page"  # TLS to a plain HTTP server
        outcome = check_urls([url], QUICK)[url]
    assert outcome.failure is not None and outcome.failure.startswith("could not be reached: TLS error (")


def test_different_hosts_are_asked_at_once_within_the_concurrency() -> None:
    slow = {"/page": Route(200, sleep=0.5)}
    with local_hosts(a=slow, b=slow) as hosts:
        check_urls([hosts["a"].base + "/page", hosts["b"].base + "/page"], QUICK)
        first, second = sorted((h.requests[0] for h in hosts.values()), key=lambda r: r.started)
    assert second.started < first.ended  # overlapping


def test_a_concurrency_of_one_asks_one_url_at_a_time() -> None:
    slow = {"/page": Route(200, sleep=0.1)}
    with local_hosts(a=slow, b=slow, c=slow) as hosts:
        check_urls(
            [host.base + "/page" for host in hosts.values()],
            Settings(concurrency=1, delay=0.0, allow_private=True),
        )
        requests = sorted((h.requests[0] for h in hosts.values()), key=lambda r: r.started)
    assert all(before.ended <= after.started for before, after in itertools.pairwise(requests))


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    "option", [["--timeout", "0"], ["--timeout", "nan"], ["--concurrency", "0"], ["--delay", "-1"]]
)
def test_impossible_options_are_usage_errors(option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["links", *option])
    assert exit_info.value.code == 2
    assert f"argument {option[0]}" in capsys.readouterr().err
