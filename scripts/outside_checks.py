"""Outside checks of a built site: the Nu Html Checker and Lighthouse (issue 21).

    python scripts/outside_checks.py nu SITE_OUT_DIR...
    python scripts/outside_checks.py lighthouse SITE_OUT_DIR [--pages "" "events/x/" ...]
                                     [--base /REPO/] [--report FILE]

`nu` runs the Nu Html Checker (tests/outside/node_modules/vnu-jar/build/dist/vnu.jar) with
`--errors-only --skip-non-html` over the folders in one Java process, prints each error as
`path:line:col: error: message` and exits 1 when there is any, 0 when there is none.

`lighthouse` serves SITE_OUT_DIR on 127.0.0.1 under the sub-path the site was built for
(`--base`; by default the path of the first URL in its sitemap.xml, else `/`), as GitHub Pages
would (404.html for a missing page, gzip, `Cache-Control: max-age=600`), runs Lighthouse
(tests/outside/node_modules/.bin/lighthouse, mobile form factor with its default emulation and
simulated throttling) in Debian's Chromium (/usr/bin/chromium) on each page of `--pages`
(site paths: "" is the home page), and prints a table of the scores, CLS, TBT, LCP and bytes.
It exits 1 when a page scores under performance 95, under 100 in accessibility, best practices
or SEO, or has a CLS above 0. `--report FILE` writes the table as Markdown.

Without Java (apt-get install -y default-jre-headless), node, Chromium (apt-get install -y
chromium) or the checkers ((cd tests/outside && npm ci)) a command prints why it cannot run
and exits 0, or 2 when CI=true, where a missing tool is a failure. Exit status 2 also means the
checker itself failed. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
OUTSIDE = REPO / "tests" / "outside"
VNU_JAR = OUTSIDE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = OUTSIDE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
INSTALL_JAVA = "install Java: apt-get install -y default-jre-headless"
INSTALL_CHROMIUM = "install Chromium: apt-get install -y chromium"
INSTALL_CHECKERS = "install the checkers: (cd tests/outside && npm ci)"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml")


def missing(reason: str) -> int:
    """A tool is not installed: a skip for a developer, a failure under CI=true."""
    under_ci = os.environ.get("CI") == "true"
    print(f"{'FAILED (CI=true)' if under_ci else 'skipped'}: {reason}", file=sys.stderr)
    return 2 if under_ci else 0


# --------------------------------------------------------------------------- nu


@dataclass(frozen=True)
class NuError:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"


def nu_errors(folders: Sequence[Path]) -> list[NuError]:
    """Every error the Nu Html Checker finds in the HTML files under the folders.

    Raises FileNotFoundError when Java or the jar is missing, RuntimeError when the checker fails.
    """
    java = shutil.which("java")
    if java is None:
        raise FileNotFoundError(f"java is not on PATH: {INSTALL_JAVA}; {INSTALL_CHECKERS}")
    if not VNU_JAR.is_file():
        raise FileNotFoundError(f"{VNU_JAR} is missing: {INSTALL_JAVA}; {INSTALL_CHECKERS}")
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json"]
    result = subprocess.run(
        [*command, *map(str, folders)], capture_output=True, text=True, timeout=1800, check=False
    )
    try:  # vnu writes its report to stderr
        report: dict[str, Any] = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"the Nu checker failed (exit {result.returncode}):\n{result.stderr}") from None
    return [
        NuError(
            path=unquote(urlsplit(message.get("url", "")).path) or "?",
            line=message.get("lastLine", message.get("firstLine", 0)),
            column=message.get("firstColumn", message.get("lastColumn", 0)),
            message=message.get("message", ""),
        )
        for message in report.get("messages", [])
        if message.get("type") in ("error", "non-document-error")
    ]


def run_nu(folders: Sequence[Path]) -> int:
    try:
        errors = nu_errors(folders)
    except FileNotFoundError as absent:
        return missing(str(absent))
    except RuntimeError as failure:
        print(failure, file=sys.stderr)
        return 2
    for error in errors:
        print(error)
    print(f"nu: {len(errors)} error(s) in {', '.join(map(str, folders))}", file=sys.stderr)
    return 1 if errors else 0


# --------------------------------------------------------------------------- the served site


class _SiteHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD of the output folder under the sub-path, as GitHub Pages serves a site."""

    folder: Path
    base: str

    def _file(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.base) or "\x00" in path:
            return None
        file = (self.folder / path[len(self.base) :]).resolve()
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() and file.is_relative_to(self.folder) else None

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        file = self._file()
        if file is not None and file.name == "index.html" and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, file = (200, file) if file is not None else (404, self.folder / "404.html")
        body = file.read_bytes() if file.is_file() else b"not found"
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Cache-Control", "max-age=600")
        if kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path, base: str) -> Iterator[str]:
    """The folder served on 127.0.0.1 under `base` by a thread; yields the URL of its home page."""
    handler = type("Handler", (_SiteHandler,), {"folder": folder.resolve(), "base": base})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def site_base(folder: Path) -> str:
    """The sub-path the site was built for: the path of the first URL of its sitemap, else /."""
    sitemap = folder / "sitemap.xml"
    found = (
        re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else None
    )
    path = urlsplit(found.group(1)).path if found else "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


# --------------------------------------------------------------------------- lighthouse


@dataclass(frozen=True)
class PageScore:
    page: str
    scores: dict[str, int | None]
    cls: float
    tbt_ms: float
    lcp_ms: float
    total_bytes: int
    error: str | None = None

    def failures(self) -> list[str]:
        found = [f"{self.page or '/'}: {self.error}"] if self.error else []
        for category, threshold in THRESHOLDS.items():
            score = self.scores.get(category)
            if score is None or score < threshold:
                found.append(f"{self.page or '/'}: {category} {score} < {threshold}")
        if self.cls > 0:
            found.append(f"{self.page or '/'}: CLS {self.cls:.4f} > 0")
        return found

    def row(self) -> str:
        scores = [str(self.scores.get(category)) for category in CATEGORIES]
        figures = [
            f"{self.cls:.3f}",
            f"{self.tbt_ms:.0f} ms",
            f"{self.lcp_ms:.0f} ms",
            f"{self.total_bytes:,}",
        ]
        return "| " + " | ".join([f"`{self.page or '/'}`", *scores, *figures]) + " |"


def score_page(lighthouse: Path, url: str, page: str) -> tuple[PageScore, dict[str, Any]]:
    """Lighthouse's mobile run of one URL: the scores and the whole report (lhr)."""
    command = [
        str(lighthouse), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}",
        "--output=json", "--quiet", "--form-factor=mobile",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        lhr: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        error = f"lighthouse failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}"
        return PageScore(page, {}, 0.0, 0.0, 0.0, 0, error), {}
    audits = lhr.get("audits", {})

    def number(audit: str) -> float:
        return float(audits.get(audit, {}).get("numericValue") or 0.0)

    def score(category: str) -> int | None:
        value = lhr["categories"].get(category, {}).get("score")
        return None if value is None else round(value * 100)

    return PageScore(
        page=page,
        scores={category: score(category) for category in CATEGORIES},
        cls=number("cumulative-layout-shift"),
        tbt_ms=number("total-blocking-time"),
        lcp_ms=number("largest-contentful-paint"),
        total_bytes=int(number("total-byte-weight")),
        error=(lhr.get("runtimeError") or {}).get("message"),
    ), lhr


def table(results: Sequence[PageScore], about: str) -> str:
    head = ["page", *CATEGORIES, "CLS", "TBT", "LCP", "total bytes"]
    lines = [about, "", "| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    lines += [result.row() for result in results]
    failures = [failure for result in results for failure in result.failures()]
    lines += ["", *(f"- under the threshold: {failure}" for failure in failures)] if failures else []
    return "\n".join(lines) + "\n"


def run_lighthouse(folder: Path, pages: Sequence[str], base: str | None, report: Path | None) -> int:
    if shutil.which("node") is None:
        return missing(f"node is not on PATH: apt-get install -y nodejs npm; {INSTALL_CHECKERS}")
    if not CHROMIUM.exists():
        return missing(f"{CHROMIUM} is missing: {INSTALL_CHROMIUM}")
    if not LIGHTHOUSE.exists():
        return missing(f"{LIGHTHOUSE} is missing: {INSTALL_CHECKERS}")
    base = base or site_base(folder)
    results: list[PageScore] = []
    about = "Lighthouse"
    with served(folder, base) as home:
        for page in pages:
            result, lhr = score_page(LIGHTHOUSE, home + page.lstrip("/"), page)
            results.append(result)
            if lhr:
                agent = lhr.get("environment", {}).get("hostUserAgent", "")
                browser = found.group(0) if (found := re.search(r"Chrome/[\d.]+", agent)) else agent
                about = f"Lighthouse {lhr.get('lighthouseVersion')}, {browser}, mobile"
            print(f"{page or '/'}: {result.scores} CLS {result.cls:.3f}", file=sys.stderr)
    text = table(results, f"{about}; {folder} served under {base}")
    print(text, end="")
    if report is not None:
        report.write_text(text, encoding="utf-8")
    return 1 if any(result.failures() for result in results) else 0


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    nu = commands.add_parser("nu", help="the Nu Html Checker over built sites: 0 errors expected")
    nu.add_argument("folders", nargs="+", type=Path, metavar="SITE_OUT_DIR")
    lighthouse = commands.add_parser("lighthouse", help="Lighthouse (mobile) on pages of a built site")
    lighthouse.add_argument("folder", type=Path, metavar="SITE_OUT_DIR")
    lighthouse.add_argument("--pages", nargs="+", default=[""], help='site paths ("" is the home page)')
    lighthouse.add_argument("--base", help="the sub-path the site was built for (default: from sitemap.xml)")
    lighthouse.add_argument("--report", type=Path, help="write the table as Markdown to this file")
    args = parser.parse_args(argv)
    folders: list[Path] = args.folders if args.command == "nu" else [args.folder]
    for folder in folders:
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder")
    if args.command == "nu":
        return run_nu(folders)
    base = None if args.base is None else "/" + "".join(f"{part}/" for part in args.base.split("/") if part)
    return run_lighthouse(args.folder, args.pages, base, args.report)


if __name__ == "__main__":
    sys.exit(main())
