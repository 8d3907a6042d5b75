"""The PDF quick-reply sheets and the whole build against the site alone, on a generated library.

    .venv/bin/python bench/bench_sheets.py [--entries 10000] [--rounds 1] [--tree DIR ...]

Each figure is a ratio to the site-alone build of the same round (the machine is shared and noisy):
- site alone: `handbook build` with the sheets' PDFs and the exports left out (`bench_site.leave_out_products`);
- sheets cold: `handbook sheets` with an empty sheet cache;
- sheets after a one-entry edit: `handbook sheets` again after one reply of the first entry changed;
- full build cold, and the full build again after another one-entry edit;
- the site alone once more after those builds ("site warm"): what the user's cache folder keeps
  between builds (the pinyin memo) speeds it up too, so the edited build is also shown against it;
- peak RSS of each step's whole process tree (the browser, if one is started, included), each
  process's RSS summed; with `--pss` also the tree's peak PSS, which counts a page shared by two
  processes (a forked one and its parent) once instead of twice. Reading PSS walks every
  process's page tables, so the walls of a `--pss` run are less exact.
Targets at 10,000 entries: full build ≤ 2× the site alone with peak RSS ≤ 1 GB; the build after a
one-entry edit ≤ 1.2× the site alone.

`--tree DIR` (repeatable) measures another checkout of the project (e.g. the main branch) in the
same round, steps interleaved, so before and after come from the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from bench_site import SITE_ALONE  # noqa: E402
from processes import PeakSampler  # noqa: E402

WORK = BENCH / "_work" / "sheets"
STEPS = ("site", "sheets cold", "sheets edited", "build cold", "build edited", "site warm")

HANDBOOK = "import sys\nfrom generator.cli import main\nsys.exit(main(sys.argv[1:]))\n"


@dataclass
class Run:
    wall: float
    peak_rss: int
    peak_pss: int = 0


def measured(tree: Path, script: str, args: list[str], cache: Path, pss: bool = False) -> Run:
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script, *args], cwd=tree, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = PeakSampler(child.pid, every=0.05, pss=pss)
    output = child.communicate()[0]
    wall = time.perf_counter() - start
    peak = sampler.stop()
    if child.returncode:
        sys.exit(f"{' '.join(args)} failed in {tree}:\n{output[-3000:]}")
    return Run(wall, *peak)


def edit_one_entry(src: Path, round_no: int, tree_no: int) -> None:
    """Change one reply of the library's first entry (it is on its category's sheet, a channel
    sheet and a one-page sheet: the most an edit can touch)."""
    part = src / "greeting" / "part-000.yaml"
    text = part.read_text("utf-8")
    marker = "（编号 0）"
    start = text.index(marker)
    end = text.index("\n", start)
    part.write_text(text[:start] + f"{marker}（改 {round_no}.{tree_no}.{time.time_ns()}）" + text[end:], "utf-8")


def round_of(tree: Path, tree_no: int, src: Path, round_no: int, pss: bool = False) -> dict[str, Run]:
    cache = WORK / f"cache-{tree_no}"
    out = WORK / f"out-{tree_no}"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    build = ["build", "--src", str(src), "--out", str(out / "site")]
    sheets = ["sheets", "--src", str(src), "--out", str(out / "pdf")]
    runs = {"site": measured(tree, SITE_ALONE, build, cache, pss)}
    runs["sheets cold"] = measured(tree, HANDBOOK, sheets, cache, pss)
    edit_one_entry(src, round_no, tree_no)
    runs["sheets edited"] = measured(tree, HANDBOOK, sheets, cache, pss)
    shutil.rmtree(cache, ignore_errors=True)
    runs["build cold"] = measured(tree, HANDBOOK, build, cache, pss)
    edit_one_entry(src, round_no, tree_no)
    runs["build edited"] = measured(tree, HANDBOOK, build, cache, pss)
    runs["site warm"] = measured(tree, SITE_ALONE, build, cache, pss)
    return runs


def report(name: str, rounds: list[dict[str, Run]]) -> None:
    print(f"\n{name}  (median of {len(rounds)} round(s); ratio = the step's wall / the site alone of its round)")
    for step in STEPS:
        walls = [r[step].wall for r in rounds]
        ratios = [r[step].wall / r["site"].wall for r in rounds]
        rss = [r[step].peak_rss / 2**20 for r in rounds]
        pss = [r[step].peak_pss / 2**20 for r in rounds]
        shared = f"  PSS {statistics.median(pss):6.0f} MB" if any(pss) else ""
        print(f"  {step:<14} {statistics.median(walls):7.1f} s  {statistics.median(ratios):5.2f}× site   "
              f"peak RSS {statistics.median(rss):6.0f} MB (tree){shared}   rounds: "
              + ", ".join(f"{r:.2f}×" for r in ratios), flush=True)
    warm = [r["build edited"].wall / r["site warm"].wall for r in rounds]
    print(f"  build edited against the site warm: {statistics.median(warm):.2f}×   rounds: "
          + ", ".join(f"{r:.2f}×" for r in warm), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--pss", action="store_true", help="also the process tree's peak PSS")
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="another checkout to measure in the same rounds (e.g. main)")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    from genlib import generate_library

    trees = [ROOT, *(t.resolve() for t in args.tree)]
    WORK.mkdir(parents=True, exist_ok=True)
    results: list[list[dict[str, Run]]] = [[] for _ in trees]
    print(f"library: {args.entries} generated entries", flush=True)
    for round_no in range(args.rounds):
        for tree_no, tree in enumerate(trees):
            src = WORK / f"lib{args.entries}-{tree_no}"
            shutil.rmtree(src, ignore_errors=True)
            generate_library(src, args.entries)
            results[tree_no].append(round_of(tree, tree_no, src, round_no, args.pss))
            report(f"{tree}, round {round_no + 1}", results[tree_no][-1:])
    for tree, rounds in zip(trees, results, strict=True):
        report(str(tree), rounds)


if __name__ == "__main__":
    main()
