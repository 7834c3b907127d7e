#!/usr/bin/env python3
"""Fuzz the content pipeline: the property-test mutations of the fixture site, run for longer.

    python scripts/fuzz_content.py --examples 5000 [--seed N] [--save-dir DIR] [--known-bugs]

Each example copies tests/fixtures/site/, damages one or two of its content files with the
mutations of tests/test_property_mutations.py (deleted, duplicated or re-indented lines,
inserted bytes and YAML syntax, replaced values, swapped keys, truncation, changed quotes),
then loads the site in process and, when it loads, renders it. An example passes when it
builds clean, or gives no site and only located errors; it fails when anything raises or a
property of `check_site` does not hold (see the test module), or when it takes longer than
--slow seconds. Every failure is saved, with the whole mutated site folder, under
SAVE_DIR/seed-N/failure-K/ so that `python build.py check --root .../site` reproduces it.

Examples come from Hypothesis (generation only: no shrinking, no example database), seeded,
so the same --seed and --examples run the same inputs. The checks that engine bugs already
reported fail (KNOWN_BUGS in the test module) are left out, as in the test suite, unless
--known-bugs is given.

Prints: examples run, how many built clean, how many gave located errors, the failures,
the wall time and the slowest example. Exit status 1 when any example failed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import test_property_mutations as props  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402


@dataclass
class Tally:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    slowest_steps: str = ""
    total: int = 0


def _signature(error: BaseException) -> str:
    """A failure kind: the exception type and the start of its first line, without numbers."""
    first = (str(error).strip().splitlines() or [""])[0]
    words = "".join("#" if char.isdigit() else char for char in first)[:90]
    return f"{type(error).__name__}: {words}"


def run(examples: int, seed_value: int, save_dir: Path, slow: float, known_bugs: bool) -> Tally:
    tally = Tally()
    failure_root = save_dir / f"seed-{seed_value}"
    if failure_root.exists():
        shutil.rmtree(failure_root)

    def record_failure(root: Path, mutant: props.Mutant, report: str) -> None:
        folder = failure_root / f"failure-{len(tally.failures) + 1}"
        shutil.copytree(root, folder / "site", symlinks=True)
        (folder / "mutation.txt").write_text(mutant.describe() + "\n\n" + report, encoding="utf-8")
        tally.failures.append((folder, report.strip().splitlines()[-1] if report.strip() else "?"))

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @seed(seed_value)
    @given(props.mutants())
    def one(mutant: props.Mutant) -> None:
        tally.total += 1
        started = time.perf_counter()
        with props.site_copy(mutant.files, mutant.links, mutant.commits) as root:
            try:
                outcome = props.check_site(root, strict=known_bugs)
            except Exception as error:  # AssertionError from a property, or the engine raising
                outcome = "failure"
                tally.kinds[_signature(error)] += 1
                record_failure(root, mutant, traceback.format_exc())
            elapsed = time.perf_counter() - started
            if elapsed > slow and outcome != "failure":
                outcome = "failure"
                tally.kinds[f"slow: more than {slow:g} s"] += 1
                record_failure(root, mutant, f"took {elapsed:.2f} s (limit {slow:g} s)")
        tally.outcomes[outcome] += 1
        if elapsed > tally.slowest:
            tally.slowest, tally.slowest_steps = elapsed, mutant.describe()
        if tally.total % 500 == 0:
            print(f"... {tally.total} examples, {tally.outcomes['failure']} failures", file=sys.stderr)

    one()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="how many mutated sites (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--save-dir", type=Path, default=Path("/tmp/chronicle-fuzz"), help="where failures are saved"
    )
    parser.add_argument("--slow", type=float, default=10.0, help="an example slower than this fails (s)")
    parser.add_argument(
        "--known-bugs", action="store_true", help="also run the checks that engine bugs already reported fail"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    tally = run(args.examples, args.seed, args.save_dir, args.slow, args.known_bugs)
    wall = time.perf_counter() - started

    print(f"examples run:         {tally.total} (seed {args.seed})")
    print(f"built clean:          {tally.outcomes['clean']}")
    print(f"located errors:       {tally.outcomes['errors']}")
    print(f"failures:             {tally.outcomes['failure']}")
    print(f"wall time:            {wall:.1f} s ({wall / max(tally.total, 1) * 1000:.0f} ms per example)")
    print(f"slowest example:      {tally.slowest:.2f} s")
    for line in tally.slowest_steps.splitlines()[:6]:
        print(f"    {line[:160]}")
    if tally.failures:
        print("failure kinds:")
        for kind, count in tally.kinds.most_common():
            print(f"  {count:5d}  {kind}")
        print("saved (first 20):")
        for folder, last_line in tally.failures[:20]:
            print(f"  {folder}: {last_line[:140]}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
