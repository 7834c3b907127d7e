"""Run one command and report its wall time, CPU time and peak memory as JSON.

    python bench/measure.py --json RESULT.json [--timeout S] [--log LOG] [--cwd DIR] -- COMMAND ...

bench/run.py starts this script as a fresh child process for every timed command, so that
`getrusage(RUSAGE_CHILDREN)` here covers that command's process tree alone: its `ru_maxrss`
is the peak resident set of the largest process of the tree (Linux reports KiB). A sampler
thread also adds up the memory of the whole tree every 0.1 s (proportional set sizes, so
pages that forked workers share with their parent count once), for commands that start
worker processes; the reported peak is the larger of the two. For large trees it samples
less often, so that its own work stays small (see SAMPLER_REST). The wall time is measured here,
around the command only (this script's own start-up is not in it).

The JSON also tells how busy the machine was with other work while the command ran
(`other_cpu_share`: CPU time of everything else, as a share of both cores' capacity), so a
noisy run can be recognised.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
# Reading a process's smaps_rollup walks its page tables (about 20 ms per GiB resident) and
# holds its memory-map lock meanwhile. Sampling a 1.3 GiB tree every 0.1 s took a third of a
# core from the command measured; resting 40 times as long as the last sample took keeps the
# sampler under 2.5% of one core at any size.
SAMPLER_REST = 40.0


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])  # guest time is already counted in user
    return total - idle, total


def _tree_memory(root: int) -> int:
    """Memory of `root` and all its descendants (one scan of /proc)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                data = stat.read()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: split after the last ')'
        rest = data[data.rfind(b")") + 2 :].split()
        parents[int(entry.name)] = int(rest[1])
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    total = 0
    for pid in tree:
        total += _memory(pid)
    return total


def _memory(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), else RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--log", type=Path, help="file for the command's stdout and stderr")
    parser.add_argument("--cwd", type=Path)
    parser.add_argument("--interval", type=float, default=0.1, help="tree sampling interval (s)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")

    log = open(args.log, "wb") if args.log else None  # noqa: SIM115
    peak_tree = 0
    done = threading.Event()

    busy0, total0 = _cpu_ticks()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        cwd=args.cwd,
        start_new_session=True,
    )

    def sample() -> None:
        nonlocal peak_tree
        rest = args.interval
        while not done.wait(rest):
            began = time.perf_counter()
            peak_tree = max(peak_tree, _tree_memory(process.pid))
            rest = max(args.interval, SAMPLER_REST * (time.perf_counter() - began))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):  # it ended just as the limit came
            os.killpg(process.pid, signal.SIGKILL)

    # A blocking wait returns the moment the command ends; Popen.wait(timeout=...) polls,
    # sleeping up to 50 ms between looks, which added 0-50 ms to every wall time.
    killer = threading.Timer(args.timeout, kill)
    killer.start()
    returncode = process.wait()
    wall = time.perf_counter() - started
    killer.cancel()
    done.set()
    sampler.join()
    busy1, total1 = _cpu_ticks()
    if log is not None:
        log.close()

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_cpu = usage.ru_utime + usage.ru_stime
    cpus = len(os.sched_getaffinity(0))
    other = max(0.0, (busy1 - busy0) / TICK - own_cpu)
    capacity = max(1e-9, (total1 - total0) / TICK) if total1 > total0 else wall * cpus
    result = {
        "command": command,
        "returncode": returncode,
        "timed_out": timed_out.is_set(),
        "wall_s": wall,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,
        "tree_peak_kib": peak_tree // 1024,
        "peak_kib": max(usage.ru_maxrss, peak_tree // 1024),
        "other_cpu_share": min(1.0, other / capacity),
    }
    args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
