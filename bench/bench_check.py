"""Benchmark `handbook check` on a generated library against the bare C-YAML parse of the same files,
and the near-duplicate search (W004) against the exact all-pairs answer.

    python bench/bench_check.py [--entries 10000] [--repeat 5] [--near-copies 50] [--sample 2000]

Prints the figures of several interleaved rounds (the machine's speed varies between them);
targets: the check within 3x the bare parse of the same round (median), W004 recall >= 95 %.
--near-copies makes every reply one of that many base replies with another product (the dense
case); above 20,000 entries the exact answer is taken for a random sample of replies (--sample),
each against every earlier reply.
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

import numpy as np
import yaml
from rapidfuzz.distance import Indel

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "checker"))  # the exact W004 answer
from genlib import generate_library
from near_duplicate_support import exact_pairs

from generator.lint.checks.similarity import MIN_LENGTH, near_duplicates
from generator.lint.engine import CheckResult, check_source


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def check_in_fresh_process(src: Path, today: dt.date) -> float:
    """Seconds of `check_source` in a new interpreter, as every real run starts."""
    code = ("import datetime as dt, sys, time; from pathlib import Path; "
            "from generator.lint.engine import check_source; t = time.perf_counter(); "
            f"check_source(Path(sys.argv[1]), dt.date.fromisoformat('{today.isoformat()}')); "
            "print(time.perf_counter() - t)")
    run = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, check=True)
    return float(run.stdout)


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.compose(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def near_duplicate_recall(result: CheckResult, sample: int | None = None) -> str:
    """W004 as the checker reported it, against the exact answer over the same folded replies (for
    `sample` replies drawn at random, or for all)."""
    replies = [(owner, reply.normalized.text) for owner, entry in enumerate(result.library.entries)
               for reply in entry.approved if len(reply.normalized.text) >= MIN_LENGTH]
    texts, owners = [text for _, text in replies], [owner for owner, _ in replies]
    threshold = result.library.settings.near_duplicate / 100
    rows = None if sample is None else np.sort(np.random.default_rng(7).choice(len(texts), sample, replace=False))
    found, exact = near_duplicates(texts, owners, threshold), exact_pairs(texts, owners, threshold, rows)
    reported = sum(f.code == "W004" for f in result.findings)
    assert reported == len(found), (reported, len(found))
    for i, j, score in found:  # every reported pair is a true one
        assert j < i and owners[i] != owners[j]
        assert score == Indel.normalized_similarity(texts[i], texts[j]) >= threshold
    reported = {i for i, _, _ in found}
    hits = sum(i in reported for i, _, _ in exact)
    same = len(set(found) & set(exact))
    among = "" if rows is None else f" among {len(rows)} replies drawn at random"
    return (f"W004: {hits} of the {len(exact)} replies the exact all-pairs comparison flags{among} "
            f"({100 * hits / max(1, len(exact)):.1f} %), {same} with the same match and score, no false ones")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--near-copies", type=int, default=0, metavar="N", help="replies are N base replies varied")
    parser.add_argument("--sample", type=int, default=2000, help="replies checked exactly above 20,000 entries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = generate_library(Path(tmp) / "lib", args.entries, near_copies=args.near_copies)
        files = sorted(src.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        today = dt.date(2026, 11, 22)
        command = [sys.executable, "-m", "generator.cli", "check", str(src), "--format", "line",
                   "--today", today.isoformat()]
        # Interleaved, so that each round's figures see the machine at the same speed.
        rounds = [(timed(lambda: bare_parse(files)), check_in_fresh_process(src, today),
                   timed(lambda: subprocess.run(command, capture_output=True))) for _ in range(args.repeat)]
        result = check_source(src, today)
    parse, check, cli = (sorted(column) for column in zip(*rounds, strict=True))
    ratios = sorted(c / p for p, c, _ in rounds)
    kind = f", near copies of {args.near_copies} base replies" if args.near_copies else ""
    print(f"library: {args.entries} entries{kind}, {len(files)} files, {size / 1e6:.1f} MB")
    print(f"findings: {result.errors} errors, {result.warnings} warnings")
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"bare C-YAML parse (CSafeLoader compose): best {parse[0]:.2f} s, median {statistics.median(parse):.2f} s")
    print(f"check_source (load + validate + all rules, fresh process): best {check[0]:.2f} s, "
          f"median {statistics.median(check):.2f} s; "
          f"{ratios[0]:.1f}–{ratios[-1]:.1f}x the bare parse of the same round")
    print(f"`handbook check` as a command (with interpreter start-up): best {cli[0]:.2f} s, "
          f"median {statistics.median(cli):.2f} s")
    median_ratio = statistics.median(ratios)
    print(f"over {args.repeat} rounds: check_source is {median_ratio:.2f}x the bare parse of its round (median); "
          f"target ≤ 3x → {'met' if median_ratio <= 3 else 'MISSED'}")
    print(near_duplicate_recall(result, args.sample if args.entries > 20_000 else None))


if __name__ == "__main__":
    main()
