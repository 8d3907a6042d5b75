"""A category of many entries is split into pages (the browser parsed a page of 3,000 cards for
over a second before search answered): each page's table of contents stays small, the pages link
each other and sit under the category in the nav, and a search result, a link from another page
or an old link to the category's first page lands on the entry, wherever its card now is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.reuse import Reuse
from generator.site.assembly import Site
from generator.site.context import load_context
from generator.site.layout import ENTRIES_PER_PAGE, category_page
from generator.site.publish import build_site
from generator.site.sections.library import TOC_LIMIT

ROOT = Path(__file__).resolve().parents[2]
TOC_LINKS = "() => document.querySelectorAll('.md-sidebar--secondary .md-nav__link').length"
ENTRIES = 2 * ENTRIES_PER_PAGE + 40  # three pages, the last of 40 entries
LAST = f"big-{ENTRIES - 5:04d}"  # an entry on the third page, tagged
SECOND = f"big-{ENTRIES_PER_PAGE + 3:04d}"  # an entry on the second page


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
        if category == "big":
            items[entries - 5]["tags"] = ["靠后的标签"]  # LAST
        (src / category / "entries.yaml").write_text(yaml.safe_dump({"entries": items}, allow_unicode=True), "utf-8")
    return src


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    out = folder / "site"
    build_site(load_context(_library(folder / "src", ENTRIES), serving=True), out, ROOT / "mkdocs.yml")
    return out


@pytest.fixture(scope="module")
def big_url(big_site: Path) -> str:
    return big_site.as_uri() + "/"  # the site opened from disk, as a trainer may (search works there too)


def _card_ids(html: str) -> list[str]:
    return re.findall(r'<section class="hb-entry[^"]*" id="([^"]+)"', html)


def _in_view(page: object, entry_id: str) -> bool:
    return page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                         " return r.top >= 0 && r.top < window.innerHeight / 2; }", entry_id)


def test_every_entry_is_on_exactly_one_page_in_order(big_site: Path) -> None:
    pages = [big_site / "big" / name for name in ("index.html", "2.html", "3.html")]
    ids = [_card_ids(page.read_text("utf-8")) for page in pages]
    assert [len(found) for found in ids] == [ENTRIES_PER_PAGE, ENTRIES_PER_PAGE, 40]
    assert [i for found in ids for i in found] == [f"big-{n:04d}" for n in range(ENTRIES)]
    assert not (big_site / "big" / "4.html").exists()
    assert not (big_site / "small" / "2.html").exists() and not (big_site / "small" / "pages.js").exists()
    assert "hb-pager" not in (big_site / "small" / "index.html").read_text("utf-8")


def test_the_pages_link_each_other_and_sit_under_the_category_in_the_nav(browser: object, big_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(big_url + "big/index.html")
    assert page.evaluate(TOC_LINKS) == 0 and page.locator("section.hb-entry").count() == ENTRIES_PER_PAGE
    pager = page.locator(".hb-pager").first
    assert "第 1 页，共 3 页" in pager.inner_text() and f"第 1–{ENTRIES_PER_PAGE} 条" in pager.inner_text()
    pager.get_by_role("link", name="3", exact=True).click()
    page.wait_for_url("**/big/3.html")
    assert page.locator("section.hb-entry").count() == 40
    assert page.evaluate(TOC_LINKS) == 40 <= TOC_LIMIT  # a page of few entries lists them again
    assert page.title().startswith("大分类（第 3 页）")
    active = page.locator(".md-sidebar--primary .md-nav__link--active")
    assert "大分类（第 3 页）" in active.all_inner_texts()
    page.locator(".hb-pager").last.get_by_role("link", name="2", exact=True).click()  # the pager under the cards
    page.wait_for_url("**/big/2.html")
    page.goto(big_url + "small/index.html")
    assert page.evaluate(TOC_LINKS) == 3 and page.locator(".hb-pager").count() == 0
    page.close()


@pytest.mark.parametrize("old", ["big/index.html", "big/2.html"])
def test_an_old_link_lands_on_the_page_that_holds_the_entry(browser: object, big_url: str, old: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{big_url}{old}#{LAST}")
    page.wait_for_url(f"**/big/3.html#{LAST}")
    page.wait_for_load_state("load")
    assert _in_view(page, LAST)
    page.goto(f"{big_url}big/index.html#{SECOND}")
    page.wait_for_url(f"**/big/2.html#{SECOND}")
    page.wait_for_load_state("load")
    assert _in_view(page, SECOND)
    page.close()


def test_search_results_and_other_pages_link_the_entry_on_its_page(browser: object, big_url: str, big_site: Path,
                                                                     search: object) -> None:
    tags = (big_site / "tags" / "index.html").read_text("utf-8")
    assert f'href="../big/3.html#{LAST}"' in tags
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(big_url + "index.html")
    assert search(page, f"大分类第{ENTRIES - 5}条话术")[0] == LAST
    first = page.locator("[data-hb-results] .hb-result").first
    assert first.get_attribute("href").endswith(f"big/3.html#{LAST}")  # straight there, no detour
    first.click()
    page.wait_for_url(f"**/big/3.html#{LAST}")
    page.wait_for_function("id => document.getElementById(id)", arg=LAST)
    assert _in_view(page, LAST)
    page.close()


def test_an_edit_remakes_only_the_page_of_the_entry(tmp_path: Path) -> None:
    src = _library(tmp_path / "src", ENTRIES)
    reuse = Reuse()
    before = Site(load_context(src, serving=True, reuse=reuse.next_round()))
    path = src / "big" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace(f"大分类第{ENTRIES - 5}条话术", "改过的标题"), "utf-8")
    after = Site(load_context(src, serving=True, reuse=reuse.next_round()))
    assert [after.page(category_page("big", n)) is before.page(category_page("big", n)) for n in (1, 2, 3)] \
        == [True, True, False]
    assert "改过的标题" in after.page(category_page("big", 3)).html
