"""Citations and what their URLs answered -> located diagnostics, one per place a problem shows.

Severity, for a CI that should go red only when readers meet a dead link:
- error: a link readers follow is gone (404 or 410): an original not marked `url_status:
  dead` or `unfit`, a remote media, or the archived copy of an original marked so;
- warning: what may pass or needs a look (timeouts, DNS, TLS, refused connections, 5xx, other
  4xx, too many redirects), a permanent redirect (cite the new address), a redirect to a
  site's front page (the page is probably gone), an archived copy gone while its original lives;
- notice: a host that asked us to slow down (429), an original marked dead that answers again.
Temporary redirects (302, 303, 307) ending in an answer are not reported: the address cited
is still the one to use. A URL marked `url_status: dead` or `unfit` is not reported otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from chronicle.links.addresses import PRIVATE_ADDRESS
from chronicle.links.fetch import PERMANENT_REDIRECTS, TOO_MANY_REQUESTS, Outcome
from chronicle.links.urls import Citation
from chronicle.model.diagnostics import Diagnostic, Severity

GONE = frozenset({404, 410})
WEB_ARCHIVE = "https://web.archive.org/"


def verdicts(citations: Sequence[Citation], outcomes: Mapping[str, Outcome]) -> list[Diagnostic]:
    """A diagnostic at each citation whose URL has a problem, sorted by file and position."""
    found = []
    for citation in citations:
        verdict = _verdict(citation, outcomes[citation.url], outcomes)
        if verdict is not None:
            found.append(Diagnostic(citation.mark, *verdict))
    return sorted(found, key=lambda diagnostic: diagnostic.sort_key)


Verdict = tuple[Severity, str, str | None]


def _verdict(citation: Citation, outcome: Outcome, outcomes: Mapping[str, Outcome]) -> Verdict | None:
    if citation.role == "original" and citation.url_status in ("dead", "unfit"):
        return _marked_gone(citation, outcome)
    url = citation.url
    if outcome.failure is not None:
        return "warning", f"{url} {outcome.failure}{_via(outcome)}", _failure_hint(outcome.failure)
    assert outcome.status is not None
    said = f"{outcome.status} {outcome.reason}".strip()
    if outcome.status in GONE:
        return _gone(citation, outcome, outcomes)
    if outcome.status == TOO_MANY_REQUESTS:
        host = urlsplit(outcome.final_url).netloc
        return "notice", f"{url} was not checked: {host} answered {said}", "run `links` again later"
    if outcome.status >= 400:
        return "warning", f"{url} returned {said}{_via(outcome)}", _status_hint(outcome.status)
    if not outcome.ok:
        return "warning", f"{url} answered {said}{_via(outcome)}", None
    return _redirected(citation, outcome)


def _marked_gone(citation: Citation, outcome: Outcome) -> Verdict | None:
    """An original the site no longer links to: only news that it is back."""
    if citation.url_status == "dead" and outcome.ok and not _to_front_page(citation.url, outcome):
        return (
            "notice",
            f"{citation.url} is marked `url_status: dead` but answers {outcome.status} {outcome.reason}",
            "if the page is back as it was cited, set `url_status: live`",
        )
    return None


def _gone(citation: Citation, outcome: Outcome, outcomes: Mapping[str, Outcome]) -> Verdict:
    message = f"{citation.url} returned {outcome.status} {outcome.reason}{_via(outcome)}"
    if citation.role == "archive":
        severity: Severity = "error" if citation.url_status in ("dead", "unfit") else "warning"
        return severity, message, "find another archived copy (or make one) and give its address here"
    if citation.kind == "media":
        return "error", message, "remove the entry, or give the address of a copy"
    if citation.archive_url is None:
        hint = (
            f"add `archive_url` (a copy in a web archive such as {WEB_ARCHIVE}) and set "
            "`url_status: dead`, or cite another source"
        )
    elif outcomes[citation.archive_url].ok:
        hint = "its archived copy answers: set `url_status: dead`, and the site links to the copy"
    else:
        hint = "its archived copy fails too (reported there): find another one, then set `url_status: dead`"
    return "error", message, hint


def _redirected(citation: Citation, outcome: Outcome) -> Verdict | None:
    """A URL that answers at another address: a permanent move, or a page gone to the front page."""
    if not outcome.redirects:
        return None
    codes = ", ".join(str(hop.status) for hop in outcome.redirects)
    message = f"{citation.url} redirects to {outcome.final_url} ({codes})"
    if _to_front_page(citation.url, outcome):
        return "warning", message, "a page sent to its site's front page is usually gone: treat it as dead"
    if outcome.redirects[0].status not in PERMANENT_REDIRECTS:
        return None
    hops = outcome.redirects
    permanent = next((i for i, hop in enumerate(hops) if hop.status not in PERMANENT_REDIRECTS), len(hops))
    moved = hops[permanent].url if permanent < len(hops) else outcome.final_url  # where the moves ended
    return "warning", message, f"the address moved permanently: cite {moved}"


def _to_front_page(url: str, outcome: Outcome) -> bool:
    """Whether a deeper page was redirected to the front page of a site."""
    if not outcome.redirects:
        return False
    start, end = urlsplit(url), urlsplit(outcome.final_url)
    return start.path.strip("/") != "" and end.path.strip("/") == "" and not end.query


def _via(outcome: Outcome) -> str:
    if not outcome.redirects:
        return ""
    codes = ", ".join(str(hop.status) for hop in outcome.redirects)
    return f" (redirected to {outcome.final_url}: {codes})"


def _failure_hint(failure: str) -> str | None:
    if failure.startswith(PRIVATE_ADDRESS):
        return (
            "readers on the web cannot reach it either; `--allow-private` asks it, for a site on your machine"
        )
    return None


def _status_hint(status: int) -> str | None:
    if status in (401, 403):
        return "the site may refuse automated requests: open the link in a browser to see"
    if status >= 500:
        return "a server error, possibly passing: check again later"
    return None
