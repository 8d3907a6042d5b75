"""Site benchmark: the handbook site against stock Material for MkDocs on the same content.

For a generated library (10,000 entries by default) it measures, in one run:
- build time: `mkdocs build` with the handbook plugin (site pages only, and with every product)
  against stock Material building the same content written as Markdown pages with stock search;
- search index size: ours (search/handbook-index*.js, and the first of them, all a Chinese query
  waits for) against stock (search/search_index.json);
- page load to first results in headless Chromium, and median query latency, for both.
Targets: build ≤ 1.2× stock, index ≤ 1.5× stock, first results ≤ 1 s, median query ≤ 50 ms (also at
100,000 entries: `--entries 100000`).

Usage: .venv/bin/python bench/bench_site.py [--entries 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work" / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
QUERIES = ["退款", "物流信息不更新", "连衣裙尺码不合适", "tuikuan", "tk", "kdd", "q1f4", "7天 退货", "220v", "退款差评",
           "怎么还没发货", "fapiao", "保温杯有异味", "优惠券", "换货", "单号", "zhongliang", "空气炸锅", "dianfanbao",
           "赠品没收到怎么办", "你好我买的电饭煲收到以后开不了机了怎么办呢", "退宽", "tuikuna", "亲 羽绒服有异味能退吗"]

OURS_YML = """site_name: bench
docs_dir: {docs}
site_dir: {site}
use_directory_urls: false
theme: {{name: material, custom_dir: {overrides}, language: zh, font: false}}
plugins:
  - handbook: {{src: {src}}}
markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
"""
STOCK_YML = """site_name: bench
docs_dir: {docs}
site_dir: {site}
use_directory_urls: false
theme: {{name: material, language: zh, font: false}}
plugins: [search]
markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
"""


# ---------- stock content: the same library written as hand-made Markdown ----------

def write_stock_docs(src: Path, docs: Path) -> None:
    from generator.model import load_library

    library, _ = load_library(src)
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "policies").mkdir(parents=True)
    (docs / "index.md").write_text(f"# {library.title}\n\n使用说明。\n", "utf-8")
    for category in library.categories:
        lines = [f"# {category.title}", "", category.description, ""]
        for entry in library.entries_in(category.id):
            lines += _entry_markdown(entry)
        (docs / f"{category.id}.md").write_text("\n".join(lines), "utf-8")
    for policy in library.policies:
        (docs / "policies" / f"{policy.id}.md").write_text(f"# {policy.title}\n\n{policy.summary}\n", "utf-8")


def _entry_markdown(entry: object) -> list[str]:
    lines = [f"## {entry.title} {{#{entry.id}}}", "", f"**使用场景** {entry.scenario}", "", "**顾客常问**", ""]
    lines += [f"- {q}" for q in entry.questions] + ["", "**推荐回复**", ""]
    lines += [f"1. {r.text}" + (f" 快捷编码 `{r.shortcut}`" if r.shortcut else "") for r in entry.approved]
    lines += ["", "**不要这样说**", ""]
    lines += [f"- 不要说：~~{f.text}~~ → 改说：{f.instead}（{f.reason}）" for f in entry.forbidden]
    links = [f"[{p}](policies/{p}.md)" for p in entry.policy] + [f"#{t}" for t in entry.tags]
    lines += ["", " ".join(links), "", entry.notes, "", f"负责：{entry.owner} 更新：{entry.updated}", ""]
    return lines


# ---------- builds, each in a fresh process ----------

def leave_out_products() -> None:
    """The site alone: no sheet PDFs and no quick-phrase files, in this process. Works on checkouts
    from before the PDFs were typeset in the background too (there the print pages stay; in later
    ones a build without PDFs has none, as in the preview)."""
    import generator.site.sections.exports as exports
    import generator.site.sections.sheets as sheets
    from generator.site.sections.exports import ExportsSection

    if hasattr(sheets, "render_sheets"):  # its caller passes pdfs= itself, which a partial would not override
        render = sheets.render_sheets
        sheets.render_sheets = lambda *args, **options: render(*args, **{**options, "pdfs": False})
    else:
        sheets.SheetRenderer.start_pdfs = lambda self, *args, **options: None
    ExportsSection.downloads = ExportsSection.notes = lambda self: []  # notes: what the files leave out
    if hasattr(exports, "start_exports"):  # nor a helper process making them in the background
        exports.start_exports = lambda *args: None


# `handbook build` without the products, for any checkout: run by its interpreter in its folder.
SITE_ALONE = f"""
import sys
sys.path.insert(0, {str(BENCH)!r})
from bench_site import leave_out_products
leave_out_products()
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def child_build(config: Path, products: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if not products:
        leave_out_products()
    start = time.perf_counter()
    build(load_config(str(config)))
    print(f"{time.perf_counter() - start:.3f}")


def timed_build(config: Path, products: bool = True) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", str(config), *([] if products else ["--site-only"])],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


# ---------- browser measurements ----------

@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


OURS_FIRST = """q => new Promise(resolve => {
  const box = document.querySelector('[data-hb-query]');
  box.focus(); box.value = q; box.dispatchEvent(new Event('input'));
  const poll = () => document.querySelector('[data-hb-results] li') ? resolve(performance.now()) : setTimeout(poll, 5);
  poll();
})"""
OURS_QUERY = """q => {
  const box = document.querySelector('[data-hb-query]');
  const start = performance.now();
  box.value = q; box.dispatchEvent(new Event('input'));
  return performance.now() - start;
}"""
STOCK_RESULTS = "() => document.querySelectorAll('.md-search-result__item').length > 0"
STOCK_CHANGED = "blank => document.querySelector('.md-search-result__meta').textContent.trim() !== blank"


LOAD_END = "performance.getEntriesByType('navigation')[0].loadEventEnd"


def first_ours(page: object, url: str) -> tuple[float, float]:
    page.goto(url, wait_until="load")
    return page.evaluate(LOAD_END), page.evaluate(OURS_FIRST, "退款")


STOCK_PATIENCE_MS = 60000  # stock search that has shown nothing by then is reported as not finishing


def first_stock(page: object, url: str) -> tuple[float, float]:
    page.goto(url, wait_until="load")
    page.fill(".md-search__input", "退款")
    page.wait_for_function(STOCK_RESULTS, timeout=STOCK_PATIENCE_MS, polling=5)
    return page.evaluate(LOAD_END), page.evaluate("performance.now()")


def measure_ours(page: object, url: str) -> list[float]:
    page.goto(url + "index.html", wait_until="load")
    page.evaluate(OURS_FIRST, "退款")
    return [page.evaluate(OURS_QUERY, q) for q in QUERIES for _ in range(3)]


def measure_stock(page: object, url: str) -> list[float]:
    """Stock search reacts to key events (not to `input`), so each query ends with a key press."""
    box = ".md-search__input"
    first_stock(page, url + "index.html")
    latencies = []
    for q in QUERIES:
        page.fill(box, "")
        page.press(box, "End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')", polling=5)
        blank = page.inner_text(".md-search-result__meta").strip()
        start = page.evaluate("performance.now()")
        page.fill(box, q)
        page.press(box, "End")
        page.wait_for_function(STOCK_CHANGED, arg=blank, polling=5, timeout=STOCK_PATIENCE_MS)
        latencies.append(page.evaluate("performance.now()") - start)
    return latencies


def latency_summary(latencies: list[float]) -> str:
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return (f"query latency: median {statistics.median(latencies):6.1f} ms, p95 {p95:6.1f} ms, "
            f"max {max(latencies):6.1f} ms over {len(latencies)} queries")


PAGES = {"handbook": ("index.html", "refund/index.html"), "stock": ("index.html", "refund.html")}


def browser_figures(ours: Path, stock: Path) -> None:
    """Prints, per site: load event and first results (ms after navigation start) on the home page
    and on a 500-entry category page, each in a fresh tab; then the query latencies."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    sites = (("handbook", ours, first_ours, measure_ours), ("stock", stock, first_stock, measure_stock))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        for name, site, first, measure in sites:
            with serve(site) as url:
                for path in PAGES[name]:
                    page = browser.new_page()
                    try:
                        loaded, results = first(page, url + path)
                    except PlaywrightTimeout:
                        print(f"{name:>8} {path:<18} no results within {STOCK_PATIENCE_MS / 1000:.0f} s after load")
                        continue
                    finally:
                        page.close()
                    print(f"{name:>8} {path:<18} load {loaded:6.0f} ms, first results {results:6.0f} ms "
                          f"after navigation = {results - loaded:6.0f} ms after load (target ≤ 1000 ms)")
                page = browser.new_page()
                try:
                    latencies = measure(page, url)
                except PlaywrightTimeout:
                    print(f"{name:>8} query latency: not measured (a query showed nothing within "
                          f"{STOCK_PATIENCE_MS / 1000:.0f} s)")
                    continue
                finally:
                    page.close()
                print(f"{name:>8} {latency_summary(latencies)} (target median ≤ 50 ms)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--with-products", action="store_true", help="also time a build with every product")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--site-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--browser-only", action="store_true", help="reuse the sites of the last run")
    args = parser.parse_args()
    if args.child:
        child_build(Path(args.child), products=not args.site_only)
        return

    sys.path.insert(0, str(BENCH))
    from genlib import generate_library

    from generator.site.search import INDEX_PARTS, INDEX_PATH

    WORK.mkdir(parents=True, exist_ok=True)
    src = WORK / f"lib{args.entries}"
    if not (src / "handbook.yaml").exists():
        generate_library(src, args.entries)
    stock_docs = WORK / "stock-docs"
    write_stock_docs(src, stock_docs)
    ours_site, stock_site = WORK / "ours-site", WORK / "stock-site"
    ours_yml, stock_yml = WORK / "ours.yml", WORK / "stock.yml"
    ours_yml.write_text(OURS_YML.format(docs=ROOT / "handbook", site=ours_site, overrides=ROOT / "overrides", src=src))
    stock_yml.write_text(STOCK_YML.format(docs=stock_docs, site=stock_site))

    print(f"library: {args.entries} entries ({src})")
    if args.browser_only:
        browser_figures(ours_site, stock_site)
        return
    stock_time = timed_build(stock_yml)
    site_time = timed_build(ours_yml, products=False)
    print(f"build, stock Material + search:        {stock_time:7.1f} s")
    print(f"build, handbook site pages + search:   {site_time:7.1f} s  "
          f"({site_time / stock_time:.2f}× stock; target ≤ 1.2×)")
    if args.with_products:
        full_time = timed_build(ours_yml, products=True)
        print(f"build, handbook with every product:    {full_time:7.1f} s  ({full_time / stock_time:.2f}× stock)")

    first_part = (ours_site / INDEX_PATH).stat().st_size
    ours_index = first_part + sum((ours_site / path).stat().st_size for path in INDEX_PARTS)
    stock_index = (stock_site / "search" / "search_index.json").stat().st_size
    print(f"search index, stock:                   {stock_index / 1e6:7.2f} MB")
    print(f"search index, handbook:                {ours_index / 1e6:7.2f} MB  "
          f"({ours_index / stock_index:.2f}× stock; target ≤ 1.5×), of which a Chinese query waits for "
          f"{first_part / 1e6:.2f} MB")

    browser_figures(ours_site, stock_site)


if __name__ == "__main__":
    main()
