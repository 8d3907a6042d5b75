"""Benchmark `handbook check` on a generated library against the bare C-YAML parse of the same files.

    python bench/bench_check.py [--entries 10000] [--repeat 3]

Prints the figures; targets: check < 3 s for 10,000 entries and ≤ 4× the bare parse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from genlib import generate_library

from generator.checks import check_source


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of this process (the check also keeps a second
    process busy, so its wall time can be below its CPU time)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.compose(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = generate_library(Path(tmp) / "lib", args.entries)
        files = sorted(src.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        today = dt.date(2026, 11, 22)
        result = check_source(src, today)
        parse = best_of(args.repeat, lambda: bare_parse(files))
        check = best_of(args.repeat, lambda: check_source(src, today))
        command = [sys.executable, "-m", "generator.cli", "check", str(src), "--format", "line",
                   "--today", today.isoformat()]
        cli_times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            cli = subprocess.run(command, capture_output=True, text=True)
            cli_times.append(time.perf_counter() - start)
    print(f"library: {args.entries} entries, {len(files)} files, {size / 1e6:.1f} MB")
    print(f"findings: {result.errors} errors, {result.warnings} warnings (exit {cli.returncode})")
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"bare C-YAML parse (CSafeLoader compose): {parse[0]:.2f} s wall, {parse[1]:.2f} s CPU")
    print(f"check_source (load + validate + all rules): {check[0]:.2f} s wall, {check[1]:.2f} s CPU"
          f"  = {check[0] / parse[0]:.1f}x the bare parse (CPU: {check[1] / parse[1]:.1f}x)")
    print(f"`handbook check` as a command (with interpreter start-up): best {min(cli_times):.2f} s, "
          f"median {statistics.median(cli_times):.2f} s wall over {len(cli_times)} runs")
    print(f"targets: < 3 s → {'met' if max(check[0], min(cli_times)) < 3 else 'MISSED'}; "
          f"≤ 4x → {'met' if check[0] <= 4 * parse[0] else 'MISSED'}")


if __name__ == "__main__":
    main()
