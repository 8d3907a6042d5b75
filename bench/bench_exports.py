"""Quick-phrase export speed on a generated library (default 10,000 entries): prints figures.

    .venv/bin/python bench/bench_exports.py [--entries 10000] [--keep DIR]

Wall time depends on what else runs on the machine; CPU time is printed next to it.
Target: every export target for 10,000 entries in at most 5 s (after the source is loaded and
checked, which `handbook check` measures on its own). Also prints the per-target split, the
codes step (pinyin of titles without a shortcut) and importing the generic sheet back.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.genlib import generate_library
from generator.exports.phrases import ExportOptions, LibraryIndex
from generator.exports.run import export_targets, targets
from generator.importer.convert import Existing, plan_import
from generator.importer.read import read_rows
from generator.lint.engine import check_source
from generator.text.pinyin import words


def _timed(label: str, func, *args):
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    print(f"{label:<34} {time.perf_counter() - start:7.2f} s wall {time.process_time() - cpu:7.2f} s cpu")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the library and the files here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        src = _timed(f"generate {args.entries} entries", generate_library, root / "src", args.entries)
        _timed("warm up jieba (once per process)", words, "预热分词")
        result = _timed("load + check (handbook check)", check_source, src)
        library = result.library
        replies = sum(len(e.approved) for e in library.entries)
        print(f"entries {len(library.entries)}, replies {replies}, check ok: {result.ok}")
        profiles = list(targets(None).values())
        options = ExportOptions(blanks=True, skip_invalid=True)  # Rime refuses codes with digits
        start, cpu = time.perf_counter(), time.process_time()
        index = LibraryIndex(library)
        _timed("  of which: codes (titles → pinyin)", index.codes, profiles[0].code)
        outputs = []
        for profile in profiles:
            outputs += _timed(f"  {profile.id}", export_targets, library, [profile], options, index)
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        print(f"{'ALL ' + str(len(profiles)) + ' targets':<34} {wall:7.2f} s wall {used:7.2f} s cpu   (target ≤ 5 s)")
        size = sum(len(o.content) for o in outputs)
        print(f"files written: {len(outputs)}, {size / 1e6:.1f} MB in total")
        sheet = root / "quick-phrases.csv"
        sheet.write_bytes(next(o.content for o in outputs if o.profile.id == "sheet-csv"))
        rows = _timed("import: read generic sheet", read_rows, sheet)
        plan = _timed("import: plan entries", plan_import, rows, Existing(), None)
        print(f"imported entries {len(plan.entries)}")
        if args.keep:
            for output in outputs:
                (root / output.filename).write_bytes(output.content)


if __name__ == "__main__":
    main()
