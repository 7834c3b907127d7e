"""The reader's budgets at any size: every HTML page at most 150 KB and 3,000 elements, and
one search at most 300 KB (script included).

    python bench/budgets.py                     # 2,000 and 20,000 events (about 2 minutes)
    python bench/budgets.py --events 2000 --report budgets.md

Generates each site with bench/generate.py (seed 1), builds it cold with build.py into
bench/out/budgets-N/, and prints, per page kind, the number of pages and the largest page in
bytes, gzipped bytes and elements, and the heaviest searches (bench/search_weight.py). Exits 1
when a page or a search is over a budget (and names it).
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from search_weight import heaviest

HERE = Path(__file__).resolve().parent
MAX_BYTES = 150_000
MAX_ELEMENTS = 3_000
MAX_SEARCH_BYTES = 300_000


@dataclass
class Kind:
    pages: int = 0
    most_bytes: int = 0
    most_gzipped: int = 0
    most_elements: int = 0
    over: list[str] = field(default_factory=list)


def kind_of(relative: str) -> str:
    if relative.startswith("embed/"):  # pages made for another site's frame: "embed home", ...
        return "embed " + kind_of(relative.removeprefix("embed/"))
    if relative == "index.html":
        return "home"
    if re.match(r"\d{4}/", relative):
        return "periods"
    return relative.split("/", 1)[0].removesuffix(".html")


def measure(out: Path) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for path in sorted(out.rglob("*.html")):
        relative = path.relative_to(out).as_posix()
        data = path.read_bytes()
        elements = sum(1 for _ in lxml.html.fromstring(data).iter())
        kind = kinds.setdefault(kind_of(relative), Kind())
        kind.pages += 1
        kind.most_bytes = max(kind.most_bytes, len(data))
        kind.most_gzipped = max(kind.most_gzipped, len(gzip.compress(data, 9)))
        kind.most_elements = max(kind.most_elements, elements)
        if len(data) > MAX_BYTES or elements > MAX_ELEMENTS:
            kind.over.append(f"{relative} ({len(data):,} bytes, {elements:,} elements)")
    return kinds


def build(events: int, seed: int) -> Path:
    folder = HERE / "out" / f"budgets-{events}"
    site, out = folder / "site", folder / "output"
    generate = [sys.executable, str(HERE / "generate.py"), "--events", str(events), "--seed", str(seed)]
    subprocess.run([*generate, "--out", str(site)], check=True, capture_output=True)
    command = [sys.executable, str(HERE.parent / "build.py"), "build", "--root", str(site), "--out", str(out)]
    subprocess.run([*command, "--no-cache"], check=True, capture_output=True)
    return out


def table(events: int, kinds: dict[str, Kind]) -> list[str]:
    lines = [
        f"{events:,} events:",
        "",
        "| page kind | pages | most bytes | most gzipped | most elements |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, kind in sorted(kinds.items()):
        figures = (kind.pages, kind.most_bytes, kind.most_gzipped, kind.most_elements)
        lines.append(f"| {name} | " + " | ".join(f"{figure:,}" for figure in figures) + " |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    report, over = [], []
    for events in args.events:
        out = build(events, args.seed)
        kinds = measure(out)
        report += table(events, kinds)
        over += [page for kind in kinds.values() for page in kind.over]
        for weight in heaviest(out):
            shards = f"{weight.shards} shards, {weight.bytes:,} bytes at most"
            report.append(f"- one search, {weight.what}: {shards}")
            if weight.bytes > MAX_SEARCH_BYTES:
                over.append(f"the search for {weight.what} ({weight.bytes:,} bytes)")
        report.append("")
    print("\n".join(report))
    if args.report:
        args.report.write_text("\n".join(report) + "\n", encoding="utf-8")
    for page in over:
        budgets = f"{MAX_BYTES:,} bytes, {MAX_ELEMENTS:,} elements, a search {MAX_SEARCH_BYTES:,} bytes"
        print(f"over budget ({budgets}): {page}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
