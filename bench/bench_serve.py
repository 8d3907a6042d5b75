"""Preview benchmark: `handbook serve` on a generated library, edited again and again.

For a generated library (10,000 entries by default) it starts `handbook serve` on a free port,
then saves one entry file after another (each edit renames one entry's title, cycling through the
categories) and, after each save, times how long until the category page served by the preview
shows the new title (save → page served), and reads the server's resident memory (VmRSS).
It prints the RSS trace, how far it strays from its first figure after the first rebuild
(target: within 10 %), and the median save → served time (target ≤ 5 s at 10,000 entries) with
its ratio to a full site build (`mkdocs build`, site pages only) measured in the same run.

`--baseline PATH` runs the same edits (`--baseline-edits` of them) against the code of another
checkout first (e.g. the main branch), so before and after come from one run; each run edits a
library of its own, freshly generated (with `--edits 0` only the baseline runs), and a cache folder
of its own (`$XDG_CACHE_HOME`: what an earlier run kept, such as the pinyin of its edits, is not there).

Usage: .venv/bin/python bench/bench_serve.py [--entries 10000] [--edits 30] [--baseline ../main]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work" / "serve"
CONFIG = """site_name: bench
docs_dir: {root}/handbook
use_directory_urls: false
theme: {{name: material, custom_dir: {root}/overrides, language: zh, font: false}}
plugins:
  - handbook: {{src: {src}}}
watch: [{src}]
markdown_extensions: [admonition, attr_list, md_in_html, tables, {{toc: {{permalink: true}}}}]
"""
TITLE = re.compile(r"^( +title: )(.*)$", re.M)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8", "replace")
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def wait_for(url: str, text: str, seconds: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > seconds:
            sys.exit(f"{url} did not show {text!r} within {seconds:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def edit(src: Path, number: int) -> tuple[str, str]:
    """Renames the first entry of one category's first file; returns (category, new title)."""
    categories = sorted(p.name for p in src.iterdir() if p.is_dir() and not p.name.startswith("."))
    category = categories[number % len(categories)]
    path = src / category / "part-000.yaml"
    title = f"预览编辑第{number}次"
    text, done = TITLE.subn(lambda m: m.group(1) + title, path.read_text("utf-8"), count=1)
    if not done:
        sys.exit(f"no entry title to edit in {path}")
    path.write_text(text, "utf-8")
    return category, title


def session(code: Path, src: Path, edits: int, label: str) -> tuple[list[float], list[float]]:
    """(save → served seconds, RSS after each page served) for one `handbook serve` of `code`."""
    project = WORK / label
    project.mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text(CONFIG.format(root=code, src=src), "utf-8")
    cache = project / "cache"  # a cache folder of its own: nothing kept from an earlier run
    shutil.rmtree(cache, ignore_errors=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(cache)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    times: list[float] = []
    trace: list[float] = []
    try:
        first = wait_for(base + "index.html", "</html>", 900)
        print(f"[{label}] first build served after {first:.1f} s, RSS {rss_mb(server.pid):.0f} MB", flush=True)
        for number in range(1, edits + 1):
            category, title = edit(src, number)
            times.append(wait_for(f"{base}{category}/index.html", title, 900))
            time.sleep(1)  # let the rebuild's last writes and frees settle before reading RSS
            trace.append(rss_mb(server.pid))
            print(f"[{label}] edit {number:2d}: served after {times[-1]:5.1f} s, RSS {trace[-1]:6.0f} MB", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return times, trace


def site_build(code: Path, src: Path) -> float:
    """A full `mkdocs build` of the same library (site pages only: no sheets, no exports)."""
    config = WORK / "site.yml"
    config.write_text(CONFIG.format(root=code, src=src) + f"site_dir: {WORK / 'site'}\n", "utf-8")
    script = ("from generator.site.sections.exports import ExportsSection\n"
              "from generator.site.sections.sheets import SheetsSection\n"
              "ExportsSection.downloads = SheetsSection.downloads = lambda self: []\n"
              "from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
              f"build(load_config({str(config)!r}))\n")
    cache = WORK / "site-cache"
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(cache)}
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def summary(label: str, times: list[float], trace: list[float], site: float | None) -> None:
    settled = trace[1:] or trace  # the first rebuild still allocates the preview's working set
    spread = (max(settled) - min(settled)) / min(settled)
    ratio = f"{statistics.median(times) / site:.2f}× the site build of {site:.1f} s; " if site else ""
    print(f"[{label}] save → served: median {statistics.median(times):.1f} s, max {max(times):.1f} s "
          f"({ratio}target ≤ 5 s)")
    print(f"[{label}] RSS trace (MB): {' '.join(f'{v:.0f}' for v in trace)}")
    print(f"[{label}] RSS after edit 2 … {len(trace)}: {min(settled):.0f}–{max(settled):.0f} MB, "
          f"spread {spread:.1%} (target ≤ 10 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure first (before)")
    parser.add_argument("--baseline-edits", type=int, default=5)
    parser.add_argument("--no-site-build", action="store_true", help="skip the site build the times are compared with")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    from genlib import generate_library

    WORK.mkdir(parents=True, exist_ok=True)

    def fresh(label: str) -> Path:
        """A library of its own for each run, as generated: an earlier run's edits would otherwise be
        there already (its titles found before the rebuild, its new characters no longer new)."""
        return generate_library(WORK / f"lib-{label}{args.entries}", args.entries)

    print(f"library: {args.entries} entries ({WORK}/lib-*{args.entries})", flush=True)
    site = None if args.no_site_build else site_build(ROOT, fresh("site"))
    if site:
        print(f"site build (mkdocs build, site pages only): {site:.1f} s", flush=True)
    results = []
    if args.baseline:
        results.append(("before", *session(args.baseline.resolve(), fresh("before"), args.baseline_edits, "before")))
    if args.edits:
        results.append(("after", *session(ROOT, fresh("after"), args.edits, "after")))
    for label, times, trace in results:
        summary(label, times, trace, site)


if __name__ == "__main__":
    main()
