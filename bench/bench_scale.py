"""The whole job at scale: every row of the scale table (check, site, sheets, exports, build, serve,
a 3,000-entry category page, search at 100,000 entries), for any checkout.

    .venv/bin/python bench/bench_scale.py [--tree DIR] [--steps check10k,site,...] [--edits 5]

Every step runs the checkout's own interpreter (DIR/.venv/bin/python, DIR/mkdocs.yml) on the same
generated libraries (bench/_work/scale/, made once by genlib), so a worktree of an older commit
gives the "before" row with this very script. Wall time, and peak RSS of the whole process tree
(the RSS of every process summed, sampled every 0.1 s; shared pages count once per process).
Each row shows its ratio to the site-alone build (`handbook build` without the sheet PDFs and the
quick-phrase files: `bench_site.leave_out_products`) and to the bare C-YAML parse of the same
library, both measured in this run (`site` is added first when a selected row needs it). Every run
has an empty sheet cache of its own, so builds and `handbook sheets` are cold.
Steps: check10k check100k site sheets export build serve category search100k build100k
(all but build100k by default).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from bench_check import bare_parse, timed  # noqa: E402
from bench_site import CHROMIUM_ARGS, SITE_ALONE, first_ours, measure_ours, serve  # noqa: E402
from genlib import generate_library  # noqa: E402
from processes import PeakSampler, tree_rss  # noqa: E402

WORK = BENCH / "_work" / "scale"
TODAY = "2026-11-22"
LIBRARIES = {"10k": (10_000, 20), "100k": (100_000, 20), "category3000": (9_000, 3)}  # entries, categories
BIG_CATEGORY = "order"  # the third category: 3,000 of the 9,000 entries
STEPS = ("check10k", "check100k", "site", "sheets", "export", "build", "serve", "category", "search100k",
         "build100k")
DEFAULT_STEPS = STEPS[:-1]
NEEDS_SITE = {"sheets", "export", "build", "serve", "build100k"}
SCROLL = """async () => {
  const frames = []; let last = performance.now();
  for (let i = 0; i < 240; i++) {
    window.scrollBy(0, 300);
    await new Promise(resolve => requestAnimationFrame(resolve));
    const now = performance.now(); frames.push(now - last); last = now;
  }
  frames.sort((a, b) => a - b);
  return frames[frames.length >> 1];
}"""


@dataclass
class Run:
    wall: float
    peak: int  # bytes
    code: int
    stderr: str = ""
    cpu: float = 0.0  # user + system seconds of the whole tree (less sensitive to a busy machine than wall)


def library(name: str) -> Path:
    entries, categories = LIBRARIES[name]
    src = WORK / f"lib-{name}"
    if not (src / "handbook.yaml").exists():
        shutil.rmtree(src, ignore_errors=True)
        generate_library(src, entries, categories=categories)
    return src


# ---------- one run ----------

def measured(command: list[str], cwd: Path) -> Run:
    """One run, with an empty sheet cache of its own: every build and every `handbook sheets` is cold."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": cache}
        used, start = _children_cpu(), time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        sampler = PeakSampler(process.pid)
        _, stderr = process.communicate()
        wall = time.perf_counter() - start
    return Run(wall, sampler.stop()[0], process.returncode, stderr[-2000:], _children_cpu() - used)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------- the steps ----------

class Bench:
    def __init__(self, tree: Path, edits: int) -> None:
        self.tree, self.python, self.edits = tree, str(tree / ".venv" / "bin" / "python"), edits
        self.work = WORK / re.sub(r"\W", "_", str(tree.resolve()).strip("/"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.parse: dict[str, float] = {}
        self.site: float | None = None

    def handbook(self, *args: str) -> list[str]:
        return [self.python, "-m", "generator.cli", *args]

    def bare_parse(self, name: str) -> float:
        if name not in self.parse:
            files = sorted(library(name).rglob("*.yaml"))
            self.parse[name] = timed(lambda: bare_parse(files))
            print(f"bare C-YAML parse, {name}: {self.parse[name]:.1f} s", flush=True)
        return self.parse[name]

    def row(self, step: str, run: Run, name: str, note: str = "") -> None:
        ratios = f"{run.wall / self.site:5.2f}× site" if self.site else "   – × site"
        status = "" if run.code == 0 else f" [退出码 {run.code}: {_last_line(run.stderr)}]"
        print(f"| {step} | {run.wall:.1f} s (CPU {run.cpu:.0f} s) | {run.peak / 2**20:.0f} MB | {ratios} | "
              f"{run.wall / self.bare_parse(name):5.2f}× parse {name} | {note}{status} |", flush=True)

    def site_alone(self, name: str) -> tuple[Run, Path]:
        site = self.work / f"site-{name}"
        run = measured([self.python, "-c", SITE_ALONE, "build", "--src", str(library(name)), "--out", str(site)],
                       self.tree)
        return run, site

    def step_site(self) -> None:
        run, _ = self.site_alone("10k")
        self.site = run.wall
        self.row("site alone (mkdocs build)", run, "10k")

    def step_check10k(self) -> None:
        self.row("handbook check", self._check("10k"), "10k")

    def step_check100k(self) -> None:
        self.row("handbook check at 100,000 entries", self._check("100k"), "100k")

    def _check(self, name: str) -> Run:
        return measured(self.handbook("check", str(library(name)), "--format", "line", "--today", TODAY), self.tree)

    def step_sheets(self) -> None:
        out = self.work / "sheets"
        run = measured(self.handbook("sheets", "--src", str(library("10k")), "--out", str(out), "--date", TODAY),
                       self.tree)
        self.row("handbook sheets", run, "10k", f"{len(list(out.glob('*.pdf')))} PDF")

    def step_export(self) -> None:
        out = self.work / "exports"
        shutil.rmtree(out, ignore_errors=True)
        run = measured(self.handbook("export", "--src", str(library("10k")), "--target", "all", "--out", str(out)),
                       self.tree)
        self.row("handbook export --target all", run, "10k", f"{sum(1 for p in out.rglob('*') if p.is_file())} 个文件")

    def step_build(self) -> None:
        self._build("10k", "handbook build")

    def step_build100k(self) -> None:
        self._build("100k", "handbook build at 100,000 entries")

    def _build(self, name: str, label: str) -> None:
        out = self.work / f"build-{name}"
        run = measured(self.handbook("build", "--src", str(library(name)), "--out", str(out)), self.tree)
        self.row(label, run, name)

    def step_serve(self) -> None:
        """`handbook serve` on a copy of the 10,000-entry library: save one YAML edit, time until the
        served category page shows it, and the server's RSS after each rebuild."""
        project = self.work / "serve"
        shutil.rmtree(project, ignore_errors=True)
        src = project / "src"
        shutil.copytree(library("10k"), src)
        config = (self.tree / "mkdocs.yml").read_text("utf-8")
        for key, value in (("docs_dir: ", self.tree / "handbook"), ("custom_dir: ", self.tree / "overrides"),
                           ("src: ", src), ("- ", src), ("site_dir: ", project / "site")):
            config = re.sub(rf"(?m)^(\s*{key})(handbook|overrides|scripts_src|site)(?=\s|$)", rf"\g<1>{value}", config)
        (project / "mkdocs.yml").write_text(config, "utf-8")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/refund/index.html"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        start = time.perf_counter()
        server = subprocess.Popen(self.handbook("serve", "--addr", f"127.0.0.1:{port}"), cwd=project, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not _served(url, "（编号 5）", 900):
                print("| mkdocs serve | 首次生成超时 | | | | |")
                return
            print(f"serve: first page served {time.perf_counter() - start:.1f} s, "
                  f"RSS {tree_rss(server.pid) / 2**20:.0f} MB", flush=True)
            waits, rss = [], [tree_rss(server.pid)]
            edited = src / "refund" / "part-000.yaml"
            for edit in range(1, self.edits + 1):
                text = re.sub(r"（编号 5）(修订\d+)?", f"（编号 5）修订{edit}", edited.read_text("utf-8"), count=1)
                begin = time.perf_counter()
                edited.write_text(text, "utf-8")
                if not _served(url, f"修订{edit}", 600):
                    print(f"serve: edit {edit} not served within 600 s", flush=True)
                    break
                waits.append(time.perf_counter() - begin)
                time.sleep(1)  # the rebuild's last writes
                rss.append(tree_rss(server.pid))
                print(f"serve: edit {edit}: {waits[-1]:.1f} s, RSS {rss[-1] / 2**20:.0f} MB", flush=True)
            if waits:
                run = Run(statistics.median(waits), max(rss), 0)
                self.row("mkdocs serve, one YAML edit → page served (median)", run, "10k",
                         f"RSS {rss[0] / 2**20:.0f} → {rss[-1] / 2**20:.0f} MB after {len(waits)} edits "
                         f"(+{(rss[-1] - rss[0]) / max(1, len(waits)) / 2**20:.0f} MB per rebuild)")
        finally:
            server.terminate()
            server.wait(30)

    def step_category(self) -> None:
        run, site = self.site_alone("category3000")
        self.row("site alone, 9,000 entries in 3 categories", run, "category3000")
        page = f"{BIG_CATEGORY}/index.html"
        figures = self._browser(site, [page], scroll=page)
        print(f"| a 3,000-entry category page | first results {figures[page]:.0f} ms after load; "
              f"scrolling {figures['frame']:.1f} ms median frame | – | | | |", flush=True)

    def step_search100k(self) -> None:
        run, site = self.site_alone("100k")
        index = site / "search" / "handbook-index.js"
        size = index.stat().st_size if index.exists() else 0
        self.row("site alone at 100,000 entries", run, "100k", f"index {size / 1e6:.1f} MB")
        figures = self._browser(site, ["index.html", "refund/index.html"], queries=True)
        print(f"| search at 100,000 entries | index {size / 1e6:.1f} MB; first results "
              f"{figures['index.html']:.0f} ms (home), {figures['refund/index.html']:.0f} ms (category page) "
              f"after load; median query {figures['query']:.1f} ms | – | | | |", flush=True)

    def _browser(self, site: Path, pages: list[str], scroll: str | None = None, queries: bool = False) -> dict:
        """Per page: first results (ms after the load event) in a fresh tab; the median frame while
        scrolling `scroll`; the median query latency."""
        from playwright.sync_api import sync_playwright

        figures: dict[str, float] = {}
        with sync_playwright() as p, serve(site) as url:
            browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            for path in pages:
                tab = browser.new_page()
                loaded, results = first_ours(tab, url + path)
                figures[path] = results - loaded
                if path == scroll:
                    figures["frame"] = tab.evaluate(SCROLL)
                tab.close()
            if queries:
                tab = browser.new_page()
                figures["query"] = statistics.median(measure_ours(tab, url))
                tab.close()
            browser.close()
        return figures


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(url: str, marker: str, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if marker in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=BENCH.parent, help="the checkout to measure (its .venv)")
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS), help=f"comma-separated, of: {' '.join(STEPS)}")
    parser.add_argument("--edits", type=int, default=5, help="YAML edits while serving")
    args = parser.parse_args()
    steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    if unknown := [step for step in steps if step not in STEPS]:
        sys.exit(f"unknown steps: {', '.join(unknown)} (steps: {' '.join(STEPS)})")
    bench = Bench(args.tree.resolve(), args.edits)
    head = subprocess.run(["git", "-C", str(bench.tree), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    print(f"checkout: {bench.tree} at {head.stdout.strip()[:100]}")
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if NEEDS_SITE & set(steps) and "site" not in steps:
        steps.insert(0, "site")
    print("| step | wall | peak RSS (process tree) | ratio to site alone | ratio to bare parse | notes |")
    print("|---|---|---|---|---|---|")
    for step in steps:  # in the order given: a row before `site` has no ratio to it
        getattr(bench, f"step_{step}")()


if __name__ == "__main__":
    main()
