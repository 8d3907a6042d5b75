"""A category of many entries: its page's table of contents does not grow with the entries (the
theme's TOC script held the browser for seconds on 3,000 links), and a search result or an old link
to an entry on it still lands on that entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.site.context import load_context
from generator.site.publish import build_site
from generator.site.sections.library import TOC_LIMIT

ROOT = Path(__file__).resolve().parents[2]
TOC_LINKS = "() => document.querySelectorAll('.md-sidebar--secondary .md-nav__link').length"
ENTRIES = TOC_LIMIT + 40


def _library(src: Path, entries: int) -> Path:
    src.mkdir(parents=True)
    settings = {"title": "大分类手册",
                "categories": [{"id": "big", "title": "大分类"}, {"id": "small", "title": "小分类"}]}
    for name, data in (("handbook", settings), ("policies", {"policies": []}), ("lexicon", {"forbidden": []})):
        (src / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for category, count in (("big", entries), ("small", 3)):
        (src / category).mkdir()
        items = [{"id": f"{category}-{n:04d}", "title": f"{'大' if category == 'big' else '小'}分类第{n}条话术",
                  "scenario": f"场景{n}", "approved": [f"亲，这是第{n}条回复～"]} for n in range(count)]
        (src / category / "entries.yaml").write_text(yaml.safe_dump({"entries": items}, allow_unicode=True), "utf-8")
    return src


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("big")
    out = folder / "site"
    build_site(load_context(_library(folder / "src", ENTRIES), serving=True), out, ROOT / "mkdocs.yml")
    return out.as_uri() + "/"  # the site opened from disk, as a trainer may (search works there too)


def _in_view(page: object, entry_id: str) -> bool:
    return page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                         " return r.top >= 0 && r.top < window.innerHeight / 2; }", entry_id)


def test_a_big_category_has_a_bounded_table_of_contents(browser: object, big_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(big_url + "big/index.html")
    assert page.evaluate(TOC_LINKS) == 0 and page.locator("section.hb-entry").count() == ENTRIES
    page.goto(big_url + "small/index.html")
    assert page.evaluate(TOC_LINKS) == 3  # a small category keeps one link per entry
    page.close()


def test_an_old_link_and_a_search_result_land_on_the_entry(browser: object, big_url: str, search: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    wanted = f"big-{ENTRIES - 5:04d}"
    page.goto(f"{big_url}big/index.html#{wanted}")
    page.wait_for_load_state("load")
    assert _in_view(page, wanted)
    page.goto(big_url + "index.html")
    assert search(page, f"大分类第{ENTRIES - 5}条话术")[0] == wanted
    page.locator("[data-hb-results] .hb-result").first.click()
    page.wait_for_url(f"**/big/index.html#{wanted}")
    page.wait_for_function("id => document.getElementById(id)", arg=wanted)
    assert _in_view(page, wanted)
    page.close()
