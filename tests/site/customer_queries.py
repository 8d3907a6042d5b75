"""The customer-style queries of fixtures/customer_queries.yaml run through the site's engine over
the starter library's index (with the Traditional fold a Simplified site ships), in Chromium.
Used by test_search_customers.py and by bench/search_quality.py."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).parent / "fixtures" / "customer_queries.yaml"
ENGINE = ROOT / "overrides" / "assets" / "handbook-search.js"
RANKED = """([raw, config, queries]) => {
  const prepared = Handbook.search.prepare(raw, config);
  return queries.map(q => {
    const r = Handbook.search.query(prepared, q, {max: 100});
    return {ids: r.hits.map(h => h.doc.url.split("#")[1] || h.doc.url), total: r.total, close: r.close,
            scores: r.hits.map(h => Math.round(h.score * 100) / 100 + "/" + Math.round(h.coverage * 100) / 100),
            terms: r.queries.map(t => t.token + ":" + t.weight.toFixed(2)
                                      + (t.alts.length ? "[" + t.alts.map(a => a.token).join(",") + "]" : ""))};
  });
}"""


def cases() -> dict:
    return yaml.safe_load(QUERIES.read_text("utf-8"))


def starter_index() -> tuple[dict, dict]:
    from generator.model import load_library
    from generator.site.search import build_index, page_config, unfold_pairs
    from generator.variant.convert import converter

    library, _ = load_library(ROOT / "scripts_src")
    fold = unfold_pairs(library, [converter(c).convert for c in ("s2t", "s2tw", "s2hk")])
    return build_index(library, fold), page_config()


def ranked(browser: object, queries: list[str]) -> list[dict]:
    """Per query: ids of the first 100 hits, total, whether the best hit is a match, and the terms."""
    raw, config = starter_index()
    page = browser.new_page()
    try:
        page.set_content("<html><head><meta charset='utf-8'></head><body></body></html>")
        page.evaluate("() => { window.Handbook = {}; }")
        page.add_script_tag(path=str(ENGINE))
        return page.evaluate(RANKED, [raw, config, queries])
    finally:
        page.close()
