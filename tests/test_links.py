"""`links`: every external URL the site cites, asked of local servers that answer each way a
link fails (200, 301 chains, 404, 410, timeouts, HEAD refused, a busy host); each problem
reported at the URL's value, exit 1 only for a gone link readers follow. Nothing is asked of
any other machine: a guard refuses every name lookup and connection beyond 127.0.0.1."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO
from link_servers import LocalHost, Request, Route, closed_port, local_hosts
from test_github_format import annotations

from chronicle.cli import main
from chronicle.links.fetch import USER_AGENT

EVENT = "content/events/sources-of-every-kind.yaml"
BUSY_EVENT = "content/events/one-busy-host.yaml"
ARTICLE = "content/articles/kept-copy.yaml"
TIMEOUT = 2.0  # seconds; a local server answers in milliseconds, even on a busy machine
STALL = 5.0  # seconds the stalled host waits before answering
ALLOW = ("--allow-private",)  # the local servers are on 127.0.0.1, which links otherwise never asks

ROUTES: dict[str, dict[str, Route]] = {
    "ok": {"/report": Route(200), "/back": Route(200), "/video": Route(200)},
    "moved": {
        "/old": Route(301, "/interim"),
        "/interim": Route(301, "/new"),
        "/new": Route(200),
        "/for-now": Route(302, "/new"),
        "/story": Route(301, "/"),
        "/": Route(200),
        "/loop": Route(302, "/loop"),
    },
    "gone": {
        "/missing": Route(404),
        "/removed": Route(410),
        "/marked-dead": Route(404),
        "/lost-too": Route(404),
    },
    "archive": {"/web/fine": Route(200), "/web/lost": Route(404), "/web/lost-copy": Route(404)},
    "headless": {"/page": Route(200, head_status=405)},
    "stalled": {"/page": Route(200, sleep=STALL)},
    "failing": {"/page": Route(503)},
    "busy": {path: Route(200, sleep=0.05) for path in ("/one", "/two", "/three")},
}


@dataclass
class Guard:
    """Names looked up and addresses connected to beyond loopback (all refused)."""

    names: list[str]
    addresses: list[Any]


def guard_loopback(monkeypatch: pytest.MonkeyPatch) -> Guard:
    """Every name lookup and connection beyond 127.0.0.1 refused (as no such host) and recorded."""
    guard = Guard([], [])
    lookup, connect = socket.getaddrinfo, socket.socket.connect

    def guarded_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1", b"localhost"):
            guard.names.append(host.decode() if isinstance(host, bytes) else str(host))
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return lookup(host, *args, **kwargs)

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address[0] != "127.0.0.1":
            guard.addresses.append(address)
            raise ConnectionRefusedError("the tests reach nothing beyond 127.0.0.1")
        return connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    return guard


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Guard:
    return guard_loopback(monkeypatch)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def write_site(tmp_path: Path, bases: dict[str, str]) -> Path:
    """The fixture site with each {name} replaced by the address of that local server."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "links", root)
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\{(\w+)\}", lambda match: bases[match[1]], text), encoding="utf-8")
    return root


def links(root: Path, *options: str) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(
            ["links", "--root", str(root), "--timeout", str(TIMEOUT), "--delay", "0", *ALLOW, *options]
        )
    return Run(code, stdout.getvalue(), stderr.getvalue())


def addresses(servers: dict[str, LocalHost]) -> dict[str, str]:
    return {name: host.base for name, host in servers.items()} | {
        "refused": f"http://127.0.0.1:{closed_port()}"
    }


@dataclass
class Checked:
    """The fixture site checked once in each format against its servers."""

    site: Path
    text: Run
    github: Run
    requests: dict[str, list[Request]]
    """What each server was asked during the text run."""
    guard: Guard
    servers: dict[str, LocalHost]

    def shown(self, text: str) -> str:
        """Output with each server's address written back as its {name} (the closed port as {refused})."""
        for name, host in self.servers.items():
            text = text.replace(host.base, "{" + name + "}")
        return re.sub(r"http://127\.0\.0\.1:\d+", "{refused}", text)

    def asked(self, name: str) -> list[tuple[str, str]]:
        """(method, path) of each request to a server, in the order they started."""
        ordered = sorted(self.requests[name], key=lambda request: request.started)
        return [(request.method, request.path) for request in ordered]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    with pytest.MonkeyPatch.context() as monkeypatch, local_hosts(**ROUTES) as servers:
        guard = guard_loopback(monkeypatch)
        site = write_site(tmp_path_factory.mktemp("links"), addresses(servers))
        text = links(site, "--delay", "0.2")
        requests = {name: list(host.requests) for name, host in servers.items()}
        monkeypatch.chdir(site)  # as the workflow runs it: annotation paths relative to the repository
        github = links(Path("."), "--format", "github")
        yield Checked(site, text, github, requests, guard, servers)


@pytest.fixture
def servers() -> Iterator[dict[str, LocalHost]]:
    with local_hosts(**ROUTES) as hosts:
        yield hosts


def headlines(checked: Checked, run: Run | None = None) -> list[str]:
    """The first line of each reported problem (text format)."""
    return [
        line
        for line in checked.shown((run or checked.text).stderr).splitlines()
        if re.match(r"content/\S+:\d+:\d+: (error|warning|notice): ", line)
    ]


# --------------------------------------------------------------------------- what is reported


def test_each_kind_of_failure_is_reported_at_the_url_value(checked: Checked) -> None:
    assert headlines(checked) == [
        f"{ARTICLE}:4:14: warning: {{archive}}/web/lost-copy returned 404 Not Found",
        f"{BUSY_EVENT}:9:10: error: {{gone}}/missing returned 404 Not Found",
        f"{EVENT}:7:10: warning: {{moved}}/old redirects to {{moved}}/new (301, 301)",
        f"{EVENT}:11:10: warning: {{moved}}/story redirects to {{moved}}/ (301)",
        f"{EVENT}:13:10: warning: {{moved}}/loop redirects in a loop (redirected to {{moved}}/loop: 302)",
        f"{EVENT}:15:10: error: {{gone}}/missing returned 404 Not Found",
        f"{EVENT}:17:10: error: {{gone}}/removed returned 410 Gone",
        f"{EVENT}:24:10: notice: {{ok}}/back is marked `url_status: dead` but answers 200 OK",
        f"{EVENT}:28:10: error: {{gone}}/lost-too returned 404 Not Found",
        f"{EVENT}:30:18: warning: {{archive}}/web/lost returned 404 Not Found",
        f"{EVENT}:33:10: warning: {{stalled}}/page timed out after 2 s",
        f"{EVENT}:35:10: warning: {{failing}}/page returned 503 Service Unavailable",
        f"{EVENT}:37:10: warning: {{refused}}/page could not be reached: connection refused",
        f"{EVENT}:39:10: warning: http://no-such-host.invalid/page could not be reached: "
        "DNS lookup failed (Name or service not known)",
        f"{EVENT}:47:16: error: {{gone}}/missing returned 404 Not Found",
    ]


def test_each_position_is_where_the_url_is_written(checked: Checked) -> None:
    for line in headlines(checked):
        path, number, column = re.match(r"(\S+?):(\d+):(\d+):", line).groups()  # type: ignore[union-attr]
        url = re.search(r": (?:error|warning|notice): (\S+)", line)[1]  # type: ignore[index]
        written = (checked.site / path).read_text(encoding="utf-8").splitlines()[int(number) - 1]
        assert checked.shown(written)[int(column) - 1 :] == url, line


def test_the_source_line_and_a_hint_follow_each_problem(checked: Checked) -> None:
    text = checked.shown(checked.text.stderr)
    assert (
        f"{EVENT}:17:10: error: {{gone}}/removed returned 410 Gone\n"
        "    - url: {gone}/removed\n"
        "           ^\n"
        "  hint: its archived copy answers: set `url_status: dead`, and the site links to the copy\n"
    ) in text
    assert "  hint: add `archive_url` (a copy in a web archive such as https://web.archive.org/)" in text
    assert "  hint: the address moved permanently: cite {moved}/new\n" in text
    assert "  hint: its archived copy fails too (reported there)" in text


def test_what_answers_is_not_reported(checked: Checked) -> None:
    """200, a temporary redirect, HEAD refused but GET answering, a gone URL marked dead."""
    reported = "\n".join(headlines(checked))
    for quiet in ("/report", "/for-now", "{headless}/page", "/marked-dead", "/video", "{busy}", "/web/fine"):
        assert quiet not in reported


def test_summary_counts_urls_hosts_and_problems(checked: Checked) -> None:
    assert (
        checked.text.stderr.splitlines()[-1] == "checked 22 URLs on 10 hosts: 5 errors, 9 warnings, 1 notice"
    )
    assert checked.text.stdout == ""


# --------------------------------------------------------------------------- exit status


def test_a_gone_link_readers_follow_exits_1(checked: Checked) -> None:
    assert (checked.text.code, checked.github.code) == (1, 1)


def test_warnings_alone_exit_0(tmp_path: Path, servers: dict[str, LocalHost]) -> None:
    site = write_site(tmp_path, addresses(servers))
    for path in (site / EVENT, site / BUSY_EVENT):
        path.unlink()
    run = links(site)
    assert run.code == 0
    [problem] = [line for line in run.stderr.splitlines() if ": warning: " in line]
    assert problem.startswith(
        f"{ARTICLE}:4:14: warning: {servers['archive'].base}/web/lost-copy returned 404"
    )


def test_a_site_whose_links_all_answer_says_so(tmp_path: Path, servers: dict[str, LocalHost]) -> None:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / ARTICLE).write_text(f"title: T\nurl: {servers['ok'].base}/report\n", encoding="utf-8")
    run = links(tmp_path)
    assert (run.code, run.stdout, run.stderr) == (0, "checked 1 URL on 1 host: every one answered\n", "")


def test_a_file_that_does_not_parse_is_reported_and_no_link_is_asked(
    tmp_path: Path, servers: dict[str, LocalHost]
) -> None:
    site = write_site(tmp_path, addresses(servers))
    (site / BUSY_EVENT).write_text("title: [unclosed\n", encoding="utf-8")
    run = links(site)
    assert run.code == 1
    assert run.stderr.startswith(f"{BUSY_EVENT}:1:8: error: YAML syntax error")
    assert run.stderr.endswith("links not checked: fix the problems above first\n")
    assert all(host.requests == [] for host in servers.values())


# --------------------------------------------------------------------------- how it asks


def test_a_url_cited_in_several_places_is_asked_once(checked: Checked) -> None:
    assert checked.asked("gone").count(("HEAD", "/missing")) == 1  # cited three times
    assert checked.asked("gone").count(("GET", "/missing")) == 1  # a 404 to HEAD is confirmed with GET
    assert checked.asked("archive").count(("HEAD", "/web/fine")) == 1  # the copy of three sources


def test_a_host_that_refuses_head_is_asked_with_get(checked: Checked) -> None:
    assert checked.asked("headless") == [("HEAD", "/page"), ("GET", "/page")]


def test_redirects_are_followed_one_hop_at_a_time(checked: Checked) -> None:
    asked = checked.asked("moved")
    assert asked.index(("HEAD", "/old")) < asked.index(("HEAD", "/interim"))
    assert asked.count(("HEAD", "/loop")) == 1  # sent back to itself: a loop, not asked again


def test_requests_to_one_host_go_one_at_a_time_with_the_delay(checked: Checked) -> None:
    busy = sorted(checked.requests["busy"], key=lambda request: request.started)
    assert sorted(request.path for request in busy) == ["/one", "/three", "/two"]
    for before, after in itertools.pairwise(busy):
        assert after.started - before.ended >= 0.19  # the delay of 0.2 s, and never overlapping


def test_requests_name_the_tool_in_the_user_agent(checked: Checked) -> None:
    agents = {request.user_agent for requests in checked.requests.values() for request in requests}
    assert agents == {USER_AGENT}
    assert re.fullmatch(
        r"chronicle-links/\S+ \(\+https://github\.com/\S+; link checker for a sourced timeline\)", USER_AGENT
    )


def test_nothing_is_asked_beyond_this_machine(checked: Checked) -> None:
    assert set(checked.guard.names) == {"no-such-host.invalid"}  # refused: read as no such host
    assert checked.guard.addresses == []


# --------------------------------------------------------------------------- formats and entry points


def test_github_format_prints_an_annotation_at_each_url(checked: Checked) -> None:
    found = annotations(checked.shown(checked.github.stdout))
    located = [(severity, p["file"], p["line"], p["col"]) for severity, p, _message in found]
    expected = [
        (severity, path, line, col)
        for path, line, col, severity in (
            re.match(r"(\S+?):(\d+):(\d+): (\w+):", headline).groups()  # type: ignore[union-attr]
            for headline in headlines(checked)
        )
    ]
    assert located == expected
    [removed] = [message for _severity, _p, message in found if message.startswith("{gone}/removed")]
    assert removed == (
        "{gone}/removed returned 410 Gone\n"
        "its archived copy answers: set `url_status: dead`, and the site links to the copy"
    )
    assert checked.github.stderr == "checked 22 URLs on 10 hosts: 5 errors, 9 warnings, 1 notice\n"


def test_build_py_runs_links(tmp_path: Path, servers: dict[str, LocalHost]) -> None:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / ARTICLE).write_text(f"title: T\nurl: {servers['gone'].base}/missing\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "links", "--format", "github", "--delay", "0", *ALLOW],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    [(severity, properties, message)] = annotations(run.stdout)
    assert (severity, properties) == ("error", {"file": ARTICLE, "line": "2", "col": "6"})
    assert message.startswith(f"{servers['gone'].base}/missing returned 404 Not Found\nadd `archive_url`")


def test_the_repositorys_own_site_cites_one_external_url_the_disclosed_outside_fact(
    loopback_only: Guard,
) -> None:
    """The five documents are files; the one URL is the inauguration date's source (Methodology).
    Here it is refused as no such host: a warning, never a failure, and nothing leaves the machine."""
    run = links(REPO)
    assert run.code == 0
    assert loopback_only.names == ["koreajoongangdaily.joins.com"]
    assert loopback_only.addresses == []
    assert "content/events/2025-06-04-lee-jae-myung-inauguration.yaml:" in run.stderr
    assert run.stderr.rstrip().endswith("checked 1 URL on 1 host: 0 errors, 1 warning")
