"""Index loading at scale without building the site: the index of a generated library with its
documents repeated (10,000 entries × 10 = 100,000 documents by default), loaded in headless
Chromium from file:// the way the site loads it. Prints, from one run: the size of each index
script; navigation to first results for 退款 when the first script alone is waited for (as the
site does) against waiting for all three (what one whole index costs); then the query latencies.
With `--stock`, stock Material in the same run: its site for the same library (built by
bench_site.py's stock configuration) with its search_index.json documents repeated as many times,
searched from its own page (first results for 退款 and the query latencies, as bench_site.py does).

Usage: .venv/bin/python bench/bench_index_load.py [--entries 10000] [--repeat 10] [--stock]
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


def write_stock_site(entries: int, repeat: int) -> Path:
    """Stock Material's site of the same library, its index's documents repeated `repeat` times
    (each copy's locations kept apart by a query string, so its pages still open)."""
    import shutil

    from bench_site import STOCK_YML, timed_build, write_stock_docs

    src = BENCH / "_work" / "site" / f"lib{entries}"
    built = WORK / f"stock-site-{entries}"
    if not (built / "search" / "search_index.json").exists():
        pages, config = WORK / "stock-docs", WORK / "stock.yml"
        write_stock_docs(src, pages)
        config.write_text(STOCK_YML.format(docs=pages, site=built))
        print(f"stock Material site of {entries} entries built in {timed_build(config):.1f} s")
    site = WORK / "stock-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(built, site)
    index = json.loads((built / "search" / "search_index.json").read_text("utf-8"))
    docs = index["docs"]
    index["docs"] = [{**d, "location": f"{d['location']}?copy={k}" if k else d["location"]}
                     for k in range(repeat) for d in docs]
    text = json.dumps(index, ensure_ascii=False)
    (site / "search" / "search_index.json").write_text(text, "utf-8")
    print(f"  stock search/search_index.json     {len(text.encode()) / 1e6:7.2f} MB ({len(index['docs'])} documents)")
    return site


def measure_stock(site: Path) -> None:
    from bench_site import CHROMIUM_ARGS, STOCK_PATIENCE_MS, first_stock, latency_summary, serve
    from bench_site import measure_stock as stock_latencies
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, serve(site) as url:
        browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page()
        try:
            loaded, results = first_stock(tab, url + "index.html")
            print(f"stock Material: load {loaded:6.0f} ms, first results {results:6.0f} ms after navigation")
            print(f"stock Material {latency_summary(stock_latencies(tab, url))}")
        except PlaywrightTimeout:
            print(f"stock Material: no results within {STOCK_PATIENCE_MS / 1000:.0f} s after load")
        browser.close()


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
    parser.add_argument("--stock", action="store_true", help="stock Material's search on the same documents too")
    args = parser.parse_args()
    measure(write_index(args.entries, args.repeat))
    if args.stock:
        measure_stock(write_stock_site(args.entries, args.repeat))


if __name__ == "__main__":
    main()
