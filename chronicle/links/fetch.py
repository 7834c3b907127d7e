"""URLs -> what each answers: its final status after the redirects it took, or why none came.

A URL is asked with HEAD, and again with GET where HEAD fails (405, 403, 501 and the like:
many servers refuse or mishandle HEAD) or the connection drops; a GET reads the status and
headers, never the body. Redirects are followed one by one (at most `max_redirects`), so
that each hop is known. Requests to one host (name and port) go one at a time, each starting
`delay` seconds after the previous one there ended; at most `concurrency` run at once in all.
Only public addresses are asked (`addresses`), at each hop; any error one request meets is
that URL's answer, never the end of the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from chronicle import __version__
from chronicle.links.addresses import PrivateAddress, addresses, web_address_fault

PROJECT_URL = "https://github.com/chronicle-timeline/chronicle"
USER_AGENT = f"chronicle-links/{__version__} (+{PROJECT_URL}; link checker for a sourced timeline)"
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = PERMANENT_REDIRECTS | {302, 303, 307}
TOO_MANY_REQUESTS = 429
UNREADABLE_REDIRECT = "answered with a redirect to an address that cannot be read"


@dataclass(frozen=True)
class Settings:
    concurrency: int = 8
    """Requests in flight at once, over all hosts."""
    timeout: float = 10.0
    """Seconds one request may take, from connecting to the last header."""
    delay: float = 1.0
    """Seconds between the end of one request to a host and the start of the next there."""
    max_redirects: int = 10
    user_agent: str = USER_AGENT
    allow_private: bool = False
    """Whether loopback and private addresses may be asked (a site served on this machine)."""


@dataclass(frozen=True)
class Hop:
    """A redirect on the way: the URL asked and the status that sent the request on."""

    url: str
    status: int


@dataclass(frozen=True)
class Outcome:
    """What a URL answered in the end: a status, or a failure (then `status` is None)."""

    url: str
    final_url: str
    status: int | None = None
    reason: str = ""
    """The reason phrase of `status` (Not Found)."""
    redirects: tuple[Hop, ...] = ()
    failure: str | None = None
    """Why no answer came, worded to follow the URL: "timed out after 10 s"."""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _Failure(Exception):
    """A request that got no answer; the message completes "URL ...". `dropped`: the server
    let the request hang or closed the connection, which a GET may get past."""

    def __init__(self, message: str, dropped: bool = False) -> None:
        super().__init__(message)
        self.dropped = dropped


class HostGate:
    """One request at a time to each host, each starting `delay` seconds after the previous ended."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.locks: dict[str, asyncio.Lock] = {}
        self.free_at: dict[str, float] = {}

    @contextlib.asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        async with self.locks.setdefault(host, asyncio.Lock()):  # first come, first served
            wait = self.free_at.get(host, 0.0) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self.free_at[host] = max(self.free_at.get(host, 0.0), time.monotonic() + self.delay)

    def hold(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` (a 429's Retry-After)."""
        self.free_at[host] = max(self.free_at.get(host, 0.0), time.monotonic() + seconds)


def check_urls(urls: Sequence[str], settings: Settings) -> dict[str, Outcome]:
    """Each URL's outcome; the requests run concurrently within the settings' limits."""
    return asyncio.run(check_all(urls, settings))


async def check_all(urls: Sequence[str], settings: Settings) -> dict[str, Outcome]:
    headers = {"User-Agent": settings.user_agent}
    # No connection is kept for a later request: each is made to the address checked for its
    # own host, and a TLS connection is verified for that host's name alone.
    limits = httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=0)
    async with httpx.AsyncClient(
        headers=headers, timeout=settings.timeout, follow_redirects=False, limits=limits
    ) as client:
        asker = _Asker(client, settings)
        outcomes = await asyncio.gather(*(asker.follow(url) for url in urls))
    return dict(zip(urls, outcomes, strict=True))


class _Asker:
    """Asks URLs through one client, within the host gate and the global number of slots."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.gate = HostGate(settings.delay)
        self.slots = asyncio.Semaphore(settings.concurrency)

    async def follow(self, url: str) -> Outcome:
        """The URL's answer after every redirect, each hop recorded."""
        hops: list[Hop] = []
        current, seen = url, {url}
        while True:
            try:
                status, reason, location = await self.ask(current)
            except _Failure as problem:
                return Outcome(url, current, redirects=tuple(hops), failure=str(problem))
            if status not in REDIRECTS or not location:
                return Outcome(url, current, status, reason, tuple(hops))
            hops.append(Hop(current, status))
            try:
                current = urljoin(current, location.strip())
            except ValueError:  # a broken host, such as an unclosed [
                return Outcome(url, current, redirects=tuple(hops), failure=UNREADABLE_REDIRECT)
            failure = self._bad_redirect(current, seen, len(hops))
            if failure is not None:
                return Outcome(url, current, redirects=tuple(hops), failure=failure)
            seen.add(current)

    def _bad_redirect(self, target: str, seen: set[str], count: int) -> str | None:
        fault = web_address_fault(target)  # as a URL written in content is checked
        if fault is not None:
            return f"redirects to '{target[:80]}', which {fault}"
        if target in seen:
            return "redirects in a loop"
        if count > self.settings.max_redirects:
            return f"redirects more than {self.settings.max_redirects} times"
        return None

    async def ask(self, url: str) -> tuple[int, str, str | None]:
        """(status, reason, Location) for HEAD; for GET where HEAD fails or is refused."""
        try:
            status, reason, location = await self.request("HEAD", url)
        except _Failure as failure:
            if not failure.dropped:
                raise
            return await self.request("GET", url)  # the server dropped a HEAD, or let it hang
        if status >= 400 and status != TOO_MANY_REQUESTS:
            return await self.request("GET", url)
        return status, reason, location

    async def request(self, method: str, url: str) -> tuple[int, str, str | None]:
        host = urlsplit(url).netloc.lower()
        async with self.gate.turn(host), self.slots:
            try:
                async with asyncio.timeout(self.settings.timeout):
                    response = await self.send(method, url)
            except (TimeoutError, httpx.TimeoutException) as exc:
                raise _Failure(f"timed out after {self.settings.timeout:g} s", dropped=True) from exc
            except PrivateAddress as exc:
                raise _Failure(str(exc)) from exc
            except Exception as exc:
                # Whatever one answer raises (an OverflowError inside anyio's ExceptionGroup,
                # say) is that URL's warning: one server must not end the run for every URL.
                message = describe(exc)
                dropped = isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError)
                raise _Failure(message, dropped=dropped and message != UNREADABLE_REDIRECT) from exc
            if response.status_code == TOO_MANY_REQUESTS:
                self.gate.hold(host, retry_after(response.headers.get("retry-after")))
        return response.status_code, response.reason_phrase, response.headers.get("location")

    async def send(self, method: str, url: str) -> httpx.Response:
        """The answer of the URL's host, asked at an address checked to be public; the next
        address where one cannot be reached (a runner without IPv6)."""
        target = httpx.URL(url)
        if self.settings.allow_private:  # any address will do: asked as named (NO_PROXY applies)
            return await self._send_to(method, target, None)
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        checked = await addresses(host, port)
        for address in checked[:-1]:
            with contextlib.suppress(httpx.ConnectError):
                return await self._send_to(method, target, address)
        return await self._send_to(method, target, checked[-1])

    async def _send_to(self, method: str, target: httpx.URL, address: str | None) -> httpx.Response:
        """Asked of `address` as of the URL's host: its name in Host and in TLS (SNI and the
        certificate's check), so that no second lookup can lead the request elsewhere (of
        whatever address the name leads to, where `address` is None)."""
        request = self.client.build_request(method, target)
        if address is not None:
            request = self.client.build_request(
                method,
                target.copy_with(host=address),
                headers={"Host": target.netloc.decode("ascii")},
                extensions={"sni_hostname": target.raw_host.decode("ascii")},
            )
        response = await self.client.send(request, stream=True)
        await response.aclose()  # the status and headers are all it takes
        return response


MAX_RETRY_AFTER = 120.0
"""The longest a host's Retry-After holds its next request back (a run must end)."""


def retry_after(value: str | None) -> float:
    """Seconds a 429's Retry-After asks for (a number of seconds; a date counts as a minute)."""
    if value is None:
        return 0.0
    try:
        seconds = float(value.strip())
    except ValueError:
        return 60.0
    return min(max(seconds, 0.0), MAX_RETRY_AFTER) if seconds == seconds else 0.0


def describe(exc: BaseException) -> str:
    """Why a request got no answer, from the exception and what caused it."""
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return f"could not be reached: DNS lookup failed ({cause.strerror or cause})"
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"could not be reached: TLS error ({cause.verify_message or cause.reason})"
        if isinstance(cause, ssl.SSLError):
            return f"could not be reached: TLS error ({cause.reason or cause})"
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "could not be reached: connection refused"
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc).lower():
        return UNREADABLE_REDIRECT  # httpx reads the Location of every redirect, and could not
    if isinstance(exc, httpx.InvalidURL | ValueError):
        return f"is not a URL the client can ask ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "closed the connection without an answer"
    if isinstance(exc, httpx.ConnectError):
        return f"could not be reached ({exc})"
    leaf = next((cause for cause in causes if not isinstance(cause, BaseExceptionGroup)), exc)
    shown = leaf if isinstance(exc, BaseExceptionGroup) else exc  # what went wrong, not the group
    return f"could not be asked ({type(shown).__name__}: {shown})"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what caused it, and so on, into exception groups."""
    pending, seen = [exc], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend(cause for cause in (current.__cause__, current.__context__) if cause is not None)
