"""Search quality on the starter library: the customer-style queries of
tests/site/fixtures/customer_queries.yaml through the site's own engine in headless Chromium.

Prints top-1, top-3 and zero-result counts (overall and per kind), the queries that miss their
rank, and whether each no-match query shows the "closest entries" message.

Usage: .venv/bin/python bench/search_quality.py [--misses]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "site"))

from customer_queries import cases as customer_cases  # noqa: E402
from customer_queries import ranked  # noqa: E402


def run(queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"),
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            return ranked(browser, queries)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list every query that misses its rank")
    parser.add_argument("--query", nargs="+", help="show how these queries are cut, weighed and ranked")
    args = parser.parse_args()
    if args.query:
        for text, result in zip(args.query, run(args.query), strict=True):
            print(text, "→", " ".join(result["terms"]), "close" if result["close"] else "NOT CLOSE")
            for hit, score in list(zip(result["ids"], result["scores"], strict=True))[:6]:
                print(f"   {score:>14}  {hit}")
        return
    data = customer_cases()
    cases, no_match = data["queries"], data["no_match"]
    results = run([c["q"] for c in cases] + no_match)
    top1, top3, zero, met = Counter(), Counter(), Counter(), Counter()
    kinds = Counter(c["kind"] for c in cases)
    for case, result in zip(cases, results, strict=False):
        kind, ids = case["kind"], result["ids"]
        top1[kind] += ids[:1] == [case["id"]]
        top3[kind] += case["id"] in ids[:3]
        zero[kind] += not ids
        ok = case["id"] in ids[:case["rank"]]
        met[kind] += ok
        if args.misses and not ok:
            rank = ids.index(case["id"]) + 1 if case["id"] in ids else "-"
            print(f"  miss [{kind}] {case['q']} → want {case['id']} (rank ≤ {case['rank']}), got #{rank}: {ids[:3]}")
    print(f"{'kind':<12}{'queries':>8}{'top-1':>8}{'top-3':>8}{'zero':>6}{'rank met':>10}")
    for kind in sorted(kinds):
        print(f"{kind:<12}{kinds[kind]:>8}{top1[kind]:>8}{top3[kind]:>8}{zero[kind]:>6}{met[kind]:>10}")
    total = len(cases)
    print(f"{'all':<12}{total:>8}{sum(top1.values()):>8}{sum(top3.values()):>8}{sum(zero.values()):>6}"
          f"{sum(met.values()):>10}")
    shown = [r for r in results[len(cases):]]
    flagged = sum(not r["close"] or not r["ids"] for r in shown)
    print(f"no-match queries: {len(no_match)}, told there is no close match (or no result): {flagged}")


if __name__ == "__main__":
    main()
