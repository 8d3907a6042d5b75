"""The search engine (overrides/assets/handbook-search.js) on its own in Chromium: a blank page, the
config the build writes into every page, an index built in Python from a tiny library, ranked hits
out. Also: the built pages carry that config, and no script holds its own copy of the constants."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import load_library
from generator.site.assembly import OWN_SCRIPTS
from generator.site.search import (
    DOC_SEP,
    INDEX_PATH,
    KIND_CATEGORY,
    KIND_ENTRY,
    KIND_POLICY,
    LIST_SEP,
    build_index,
    page_config,
)
from generator.text.placeholders import SLOT

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "overrides" / "assets"
ENGINE = ASSETS / "handbook-search.js"
TRICKY = Path(__file__).parent / "fixtures" / "tricky"

# the ranked hits of one query: ids are URL fragments (entries) or URLs (policy and category pages)
RANK = """([raw, text, options, config]) => {
  const result = Handbook.search.query(Handbook.search.prepare(raw, config), text, options);
  return {total: result.total, queries: result.queries.map(q => q.token), scores: result.hits.map(h => h.score),
          ids: result.hits.map(h => h.doc.url.split("#")[1] || h.doc.url)};
}"""


@pytest.fixture(scope="module")
def raw() -> dict:
    library, _ = load_library(TRICKY)
    return build_index(library)


def _engine_page(browser: object) -> tuple[object, object]:
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><head></head><body></body></html>")
    page.evaluate("config => { window.Handbook = {config: config}; }", page_config())
    return context, page


@pytest.fixture(scope="module")
def engine(browser: object) -> Iterator[object]:
    context, page = _engine_page(browser)
    page.add_script_tag(path=str(ENGINE))
    yield page
    context.close()


def rank(page: object, raw: dict, text: str, options: dict | None = None, config: dict | None = None) -> dict:
    return page.evaluate(RANK, [raw, text, options, config])


@pytest.mark.parametrize(("query", "expected"), [
    ("重新发货", "resend-goods"),  # a title
    ("长时间没有回复", "long-wait"),
    ("chongxin", "resend-goods"),  # pinyin, read as a phrase (重新 is chong-xin)
    ("yinhang", "bank-repay"),
    ("huankuan", "bank-repay"),
    ("cxfh", "resend-goods"),  # initials
    ("yhkhksb", "bank-repay"),
    ("hkkf", "bank-repay"),  # shortcut codes
    ("gx", "greeting-shop"),  # the code of an entry's second reply
    ("ＣＸＦＨ", "resend-goods"),  # full-width capitals are normalised
])
def test_query_ranks_the_intended_entry_first(engine: object, raw: dict, query: str, expected: str) -> None:
    result = rank(engine, raw, query)
    assert result["ids"][0] == expected, result
    assert result["scores"] == sorted(result["scores"], reverse=True)


def test_entries_rank_above_policy_and_category_pages(engine: object, raw: dict) -> None:
    result = rank(engine, raw, "还款")
    assert result["ids"] == ["bank-repay", "policies/repay-policy/index.html", "bank/index.html"]
    assert result["total"] == 3


def test_multi_word_queries_bring_each_word_s_best_entry(engine: object, raw: dict) -> None:
    spaced = rank(engine, raw, "还款 发货")
    assert spaced["queries"] == ["还款", "发货"]
    assert spaced["ids"][:2] == ["resend-goods", "bank-repay"]
    unspaced = rank(engine, raw, "重新发货还款")  # cut into the library's own words
    assert unspaced["queries"] == ["重新", "发货", "还款"]
    assert unspaced["ids"][:2] == ["resend-goods", "bank-repay"]


@pytest.mark.parametrize("query", ["火星飞船", "qqqqzz", "", "  ，。"])
def test_no_match_gives_no_hits(engine: object, raw: dict, query: str) -> None:
    result = rank(engine, raw, query)
    assert result["total"] == 0
    assert result["ids"] == []


def test_max_limits_the_hits_but_not_the_total(engine: object, raw: dict) -> None:
    every = rank(engine, raw, "还款")
    first = rank(engine, raw, "还款", {"max": 1})
    assert first["total"] == every["total"] == 3
    assert first["ids"] == every["ids"][:1]


def test_results_are_deterministic_plain_data(engine: object, raw: dict) -> None:
    checked = engine.evaluate("""raw => {
      const page = document.documentElement.outerHTML;
      const queries = ["还款", "chongxin", "cxfh", "还款 发货", "gx", "火星飞船"];
      const run = prepared => JSON.stringify(queries.map(q => Handbook.search.query(prepared, q)));
      const prepared = Handbook.search.prepare(raw);
      const first = run(prepared);
      const nodes = [];
      const seen = new Set();
      const walk = value => {
        if (!value || typeof value !== "object" || seen.has(value)) return;
        seen.add(value);
        if (value instanceof Node || value === window || value === document) nodes.push(String(value));
        Object.values(value).forEach(walk);
      };
      queries.forEach(q => walk(Handbook.search.query(prepared, q)));
      return {same: first === run(prepared) && first === run(Handbook.search.prepare(raw)), nodes,
              untouched: page === document.documentElement.outerHTML};
    }""", raw)
    assert checked["same"]
    assert checked["nodes"] == []
    assert checked["untouched"]  # the engine left the page alone


def test_separators_and_kinds_come_from_the_config(engine: object, raw: dict) -> None:
    """An index written with other separators and kind numbers ranks the same when the config says so."""
    kinds = {"entry": 7, "policy": 8, "category": 9}
    config = {**page_config(), "listSep": "\x1f", "docSep": "\x1c", "kinds": kinds}
    numbers = {str(KIND_ENTRY): "7", str(KIND_POLICY): "8", str(KIND_CATEGORY): "9"}
    fields = {name: text.replace(LIST_SEP, "\x1f").replace(DOC_SEP, "\x1c") for name, text in raw["fields"].items()}
    other = {**raw, "fields": fields, "kind": "".join(numbers[k] for k in raw["kind"]),
             "keys": raw["keys"].replace(DOC_SEP, "\x1c"), "words": raw["words"].replace(DOC_SEP, "\x1c"),
             "wordReadings": raw["wordReadings"].replace(DOC_SEP, "\x1c"),
             "synonyms": raw["synonyms"].replace(DOC_SEP, "\x1c")}
    for query in ("还款", "银行卡扣不了款", "gx", "wh", "还款 发货", "hk"):
        assert rank(engine, other, query, None, config) == rank(engine, raw, query), query
    assert rank(engine, other, "gx", None, page_config())["ids"] != ["greeting-shop"]  # the wrong separator shows


def test_engine_adds_no_global_but_the_namespace(browser: object, raw: dict) -> None:
    context, page = _engine_page(browser)
    try:
        before = page.evaluate("() => Object.getOwnPropertyNames(window)")
        page.add_script_tag(path=str(ENGINE))
        after = page.evaluate("() => Object.getOwnPropertyNames(window)")
        assert sorted(set(after) - set(before)) == []
        assert sorted(page.evaluate("() => Object.keys(Handbook)")) == ["config", "search"]
    finally:
        context.close()


def test_engine_runs_with_no_dom_at_all(engine: object, raw: dict) -> None:
    """Run with `window` a plain object and no document, navigator or storage in reach."""
    ids = engine.evaluate("""([source, config, raw]) => {
      const scope = {Handbook: {config}};
      new Function("window", "document", "navigator", "localStorage", "self", source)(scope, undefined);
      const result = scope.Handbook.search.query(scope.Handbook.search.prepare(raw), "chongxin");
      return result.hits.map(h => h.doc.url.split("#")[1]);
    }""", [ENGINE.read_text(encoding="utf-8"), page_config(), raw])
    assert ids == ["resend-goods"]


def test_built_pages_carry_the_config(watched: object, tricky_url: str) -> None:
    for path in ("index.html", "bank/index.html"):  # two depths: the index path stays relative to the site
        watched.page.goto(tricky_url + path)
        assert watched.page.evaluate("() => window.Handbook.config") == page_config({"订单号", "手机尾号"})
        parts = watched.page.evaluate("() => Object.keys(window.Handbook).sort()")
        assert parts == ["config", "copy", "results", "root", "search", "slots"]
        preload = watched.page.eval_on_selector("link[rel=preload]", "link => link.href")
        assert preload == tricky_url + INDEX_PATH
        watched.page.wait_for_function("() => window.__handbookIndex === null")  # loaded and prepared
    assert watched.errors == []


def test_scripts_hold_no_copy_of_the_shared_constants() -> None:
    scripts = sorted(ASSETS.glob("*.js"))
    loaded = sorted(OWN_SCRIPTS)  # every script of the folder is loaded by every page
    assert sorted(p.relative_to(ASSETS.parent).as_posix() for p in scripts) == loaded
    for path in [*scripts, ROOT / "overrides" / "main.html"]:
        text = path.read_text(encoding="utf-8")
        for literal in (INDEX_PATH, "\\x1e", "\\u001e", LIST_SEP, SLOT.pattern):
            assert literal not in text, f"{path.name} holds {literal!r}"


@pytest.mark.parametrize("code", ["h1", "0520"])
def test_a_shortcut_code_with_digits_is_found(engine: object, code: str, tmp_path: Path) -> None:
    """Codes may hold digits (the schema allows it, 千牛 imports keep them)."""
    src = Path(shutil.copytree(TRICKY, tmp_path / "src"))
    entries = src / "bank" / "entries.yaml"
    entries.write_text(entries.read_text("utf-8").replace("shortcut: hkkf", f"shortcut: \"{code}\"", 1), "utf-8")
    library, _ = load_library(src)
    assert rank(engine, build_index(library), code)["ids"][0] == "bank-repay"


def _with_settings(tmp_path: Path, extra: str) -> dict:
    src = Path(shutil.copytree(TRICKY, tmp_path / "src"))
    settings = src / "handbook.yaml"
    settings.write_text(settings.read_text("utf-8") + extra, "utf-8")
    library, _ = load_library(src)
    return build_index(library)


def test_a_library_s_own_synonyms_extend_the_default_list(engine: object, tmp_path: Path) -> None:
    raw = _with_settings(tmp_path, "synonyms:\n  - [还钱, 还款]\n")
    assert rank(engine, raw, "还钱")["ids"][0] == "bank-repay"
    assert rank(engine, raw, "出库")["ids"][0] == "resend-goods"  # the default [发货, 出库 …] still applies


def test_the_default_synonyms_can_be_switched_off(engine: object, raw: dict, tmp_path: Path) -> None:
    assert rank(engine, raw, "出库")["ids"][:1] == ["resend-goods"]
    off = _with_settings(tmp_path, "default_synonyms: false\n")
    assert "resend-goods" not in rank(engine, off, "出库")["ids"][:1]
