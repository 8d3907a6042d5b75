"""Big category page benchmark: one category of 3,000 entries in headless Chromium.

It generates a library whose entries all sit in one category, builds its site (site pages only)
with this checkout and, with `--baseline PATH`, with another checkout (e.g. the main branch), then
for each site opens the category page in a fresh tab and measures:
- first search results: ms after navigation start until the first result of 退款 is shown
  (target ≤ 1,000 ms);
- scrolling: frame times while the page scrolls 200 px a frame for 3 s (median and p95;
  60 fps is 16.7 ms a frame);
- the table of contents: how many links it holds;
- an old link to the category's last entry (`index.html#<id>`, as links were before big categories
  were split into pages): ms from navigation until that entry's card is on screen.
Each figure is the median of `--rounds` fresh tabs, the sites measured in turn in each round.

Usage: .venv/bin/python bench/bench_bigpage.py [--entries 3000] [--baseline ../main]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_site import CHROMIUM_ARGS, OURS_FIRST, serve

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work" / "bigpage"
CATEGORY = "aftersale"
CONFIG = """site_name: bench
docs_dir: {root}/handbook
site_dir: {site}
use_directory_urls: false
theme: {{name: material, custom_dir: {root}/overrides, language: zh, font: false,
         features: [navigation.indexes, navigation.top, navigation.footer, toc.follow]}}
plugins:
  - handbook: {{src: {src}}}
markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
"""
SCROLL = """() => new Promise(resolve => {
  const frames = [];
  let last = performance.now();
  const end = last + 3000;
  const step = now => {
    frames.push(now - last);
    last = now;
    window.scrollBy(0, 200);
    if (now < end) requestAnimationFrame(step); else resolve(frames.slice(1));
  };
  requestAnimationFrame(step);
})"""
TOC_LINKS = "() => document.querySelectorAll('.md-sidebar--secondary .md-nav__link').length"


def one_category_library(dest: Path, entries: int) -> Path:
    """A generated library with every entry moved into one category's folder."""
    sys.path.insert(0, str(BENCH))
    from genlib import generate_library

    shutil.rmtree(dest, ignore_errors=True)
    generate_library(dest, entries)
    target = dest / CATEGORY
    for folder in sorted(p for p in dest.iterdir() if p.is_dir() and p.name != CATEGORY):
        for path in folder.glob("*.yaml"):
            path.rename(target / f"{folder.name}-{path.name}")
        folder.rmdir()
    return dest


def build_site(code: Path, src: Path, label: str) -> Path:
    site = WORK / f"site-{label}"
    config = WORK / f"{label}.yml"
    config.write_text(CONFIG.format(root=code, site=site, src=src), "utf-8")
    script = ("from generator.site.sections.exports import ExportsSection\n"
              "from generator.site.sections.sheets import SheetsSection\n"
              "ExportsSection.downloads = SheetsSection.downloads = lambda self: []\n"
              "from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
              f"build(load_config({str(config)!r}))\n")
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, cwd=WORK,  # not this checkout
                   env={**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"})
    return site


ON_SCREEN = ("id => { const card = document.getElementById(id); if (!card) return false;"
             " const r = card.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }")


def measure(browser: object, url: str, last: str) -> tuple[float, list[float], int, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    first = page.evaluate(OURS_FIRST, "退款")
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    frames = page.evaluate(SCROLL)
    links = page.evaluate(TOC_LINKS)
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    start = time.perf_counter()
    page.goto(f"{url}#{last}", wait_until="commit")
    page.wait_for_function(ON_SCREEN, arg=last, polling=5)
    landed = (time.perf_counter() - start) * 1000
    page.close()
    return first, frames, links, landed


def last_entry(site: Path) -> str:
    """The id of the category's last card (on its last page, if it is split)."""
    pages = sorted((site / CATEGORY).glob("*.html"), key=lambda p: int(p.stem) if p.stem.isdigit() else 1)
    return re.findall(r'<section class="hb-entry[^"]*" id="([^"]+)"', pages[-1].read_text("utf-8"))[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure as well (before)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    WORK.mkdir(parents=True, exist_ok=True)
    src = one_category_library(WORK / f"lib{args.entries}", args.entries)
    codes = ([("before", args.baseline.resolve())] if args.baseline else []) + [("after", ROOT)]
    sites = {label: build_site(code, src, label) for label, code in codes}
    last = last_entry(sites["after"])
    figures: dict[str, list[tuple[float, list[float], int, float]]] = {label: [] for label in sites}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        for _ in range(args.rounds):
            for label, site in sites.items():
                with serve(site) as url:
                    figures[label].append(measure(browser, f"{url}{CATEGORY}/index.html", last))
        browser.close()
    print(f"one category of {args.entries} entries, {args.rounds} rounds (medians)")
    for label, rounds in figures.items():
        first = statistics.median(r[0] for r in rounds)
        frames = [f for r in rounds for f in r[1]]
        p95 = statistics.quantiles(frames, n=20)[-1]
        print(f"[{label}] first results {first:6.0f} ms after navigation (target ≤ 1000 ms); "
              f"scrolling: median frame {statistics.median(frames):5.1f} ms, p95 {p95:5.1f} ms "
              f"(60 fps = 16.7 ms); table of contents: {rounds[0][2]} links; an old link to the last entry "
              f"on screen after {statistics.median(r[3] for r in rounds):.0f} ms")


if __name__ == "__main__":
    main()
