"""Index loading at scale without building the site: the index of a generated library with its
documents repeated (10,000 entries × 10 = 100,000 documents by default), loaded in headless
Chromium from file:// the way the site loads it. Prints, from one run: the size of each index
script; navigation to first results for 退款 when the first script alone is waited for (as the
site does) against waiting for all three (what one whole index costs); then the query latencies.

Usage: .venv/bin/python bench/bench_index_load.py [--entries 10000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work" / "index-load"
ENGINE = ROOT / "overrides" / "assets" / "handbook-search.js"
PAGE = """<!doctype html><meta charset="utf-8"><script>window.Handbook = {config: %s};</script>
<script src="%s"></script><script>
window.run = all => new Promise(done => {
  const config = Handbook.config;
  const load = (path, then) => { const s = document.createElement("script"); s.src = path; s.onload = then;
                                 document.head.appendChild(s); };
  const answer = () => { Handbook.search.query(window.prepared, "退款", {max: 30}); done(performance.now()); };
  load(config.index, () => {
    window.prepared = Handbook.search.prepare(window.__handbookIndex);
    const parts = config.indexParts.slice();
    const next = () => {
      if (!parts.length) { window.loaded = true; if (all) answer(); return; }
      load(parts.shift(), () => { Handbook.search.addPart(window.prepared, window.__handbookIndexPart); next(); });
    };
    if (!all) answer();
    next();
  });
});
window.latency = q => { const t = performance.now(); Handbook.search.query(window.prepared, q, {max: 30});
                        return performance.now() - t; };
</script>"""


def write_index(entries: int, repeat: int) -> Path:
    sys.path.insert(0, str(BENCH))
    from genlib import generate_library

    from generator.model import load_library
    from generator.site import search

    src = BENCH / "_work" / "site" / f"lib{entries}"
    if not (src / "handbook.yaml").exists():
        generate_library(src, entries)
    library, _ = load_library(src)
    documents = search._documents
    search._documents = lambda lib, label: documents(lib, label) * repeat  # the same texts, many more documents
    start = time.perf_counter()
    scripts = search.index_scripts(library, search.search_fold(library, None))
    print(f"index of {len(library.entries) * repeat} entries built in {time.perf_counter() - start:.1f} s")
    for path, text in scripts.items():
        (WORK / path).parent.mkdir(parents=True, exist_ok=True)
        (WORK / path).write_text(text, "utf-8")
        print(f"  {path:<34} {len(text.encode()) / 1e6:7.2f} MB")
    page = WORK / "page.html"
    page.write_text(PAGE % (json.dumps(search.page_config()), ENGINE.as_uri()), "utf-8")
    return page


def measure(page: Path) -> None:
    from bench_site import CHROMIUM_ARGS, QUERIES, latency_summary
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        for _ in range(2):
            for wait_for_all, label in ((False, "the first script"), (True, "all three scripts")):
                tab = browser.new_page()
                tab.goto(page.as_uri(), wait_until="domcontentloaded")
                print(f"waiting for {label:<17}: first results {tab.evaluate('a => run(a)', wait_for_all):6.0f} ms "
                      "after navigation")
                tab.close()
        tab = browser.new_page()
        tab.goto(page.as_uri(), wait_until="domcontentloaded")
        tab.evaluate("() => run(true)")
        latencies = [tab.evaluate("q => latency(q)", q) for q in QUERIES for _ in range(3)]
        print(latency_summary(latencies))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    measure(write_index(args.entries, args.repeat))


if __name__ == "__main__":
    main()
