"""Benchmark `handbook check` on a generated library against the bare C-YAML parse of the same files.

    python bench/bench_check.py [--entries 10000] [--repeat 5]

Prints the figures of several interleaved rounds (the machine's speed varies between them);
targets: check < 3 s for 10,000 entries and ≤ 4× the bare parse of the same round.
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

from generator.lint.engine import check_source


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def check_in_fresh_process(src: Path, today: dt.date) -> float:
    """Seconds of `check_source` in a new interpreter, as every real run starts."""
    code = ("import datetime as dt, sys, time; from pathlib import Path; "
            "from generator.checks import check_source; t = time.perf_counter(); "
            f"check_source(Path(sys.argv[1]), dt.date.fromisoformat('{today.isoformat()}')); "
            "print(time.perf_counter() - t)")
    run = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, check=True)
    return float(run.stdout)


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.compose(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = generate_library(Path(tmp) / "lib", args.entries)
        files = sorted(src.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        today = dt.date(2026, 11, 22)
        result = check_source(src, today)
        command = [sys.executable, "-m", "generator.cli", "check", str(src), "--format", "line",
                   "--today", today.isoformat()]
        # Interleaved, so that each round's figures see the machine at the same speed.
        rounds = [(timed(lambda: bare_parse(files)), check_in_fresh_process(src, today),
                   timed(lambda: subprocess.run(command, capture_output=True))) for _ in range(args.repeat)]
    parse, check, cli = (sorted(column) for column in zip(*rounds, strict=True))
    ratios = sorted(c / p for p, c, _ in rounds)
    print(f"library: {args.entries} entries, {len(files)} files, {size / 1e6:.1f} MB")
    print(f"findings: {result.errors} errors, {result.warnings} warnings")
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"bare C-YAML parse (CSafeLoader compose): best {parse[0]:.2f} s, median {statistics.median(parse):.2f} s")
    print(f"check_source (load + validate + all rules, fresh process): best {check[0]:.2f} s, "
          f"median {statistics.median(check):.2f} s; "
          f"{ratios[0]:.1f}–{ratios[-1]:.1f}x the bare parse of the same round")
    print(f"`handbook check` as a command (with interpreter start-up): best {cli[0]:.2f} s, "
          f"median {statistics.median(cli):.2f} s")
    print(f"over {args.repeat} rounds; targets: < 3 s → {'met' if statistics.median(cli) < 3 else 'MISSED'} "
          f"(median of the command); ≤ 4x → {'met' if ratios[-1] <= 4 else 'MISSED'} (every round)")


if __name__ == "__main__":
    main()
