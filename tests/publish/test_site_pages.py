"""The publishing pages inside a real site build (MkDocs + Material + the handbook plugin)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from publish_support import BASE_ENTRIES, write_source

from generator.cli import main
from generator.releases.manifest import build_manifest
from generator.site.context import load_context
from generator.site.publish import build_site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A released library, then edited (a reply reworded with markup, an entry removed, one without owner)."""
    src = write_source(tmp_path_factory.mktemp("publish") / "scripts_src")
    assert main(["release", "--src", str(src), "--date", "2026-11-20"]) == 0
    entries = copy.deepcopy(BASE_ENTRIES)
    entries["presale"][0]["approved"] = ["亲，这款已经是<b>活动价</b>啦，{店铺名称}保证品质和售后～"]
    del entries["presale"][1]
    del entries["aftersale"][0]["owner"]
    write_source(src, entries)
    ctx = load_context(src, serving=True)
    out = src.parent / "site"
    build_site(ctx, out, ROOT / "mkdocs.yml")
    return out, ctx


def open_page(browser, path: Path):
    page = browser.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(path.as_uri())
    return page


def test_manifest_asset_is_published(site) -> None:
    out, ctx = site
    published = (out / "manifest.json").read_text("utf-8")
    assert published == build_manifest(ctx.library).to_json()
    assert set(json.loads(published)["entries"]) == {"presale-bargain", "aftersale-return"}


def test_updates_page_shows_the_wording_diff_and_links_to_the_entry(site, browser) -> None:
    out, _ = site
    page = open_page(browser, out / "updates" / "index.html")
    assert page.locator(".hb-update--changed").count() == 1 and page.locator(".hb-update--removed").count() == 1
    assert page.locator(".hb-update--changed ins").first.text_content() == "<b>"
    assert page.locator(".hb-update--removed .hb-removed").text_content() == "询问库存"
    page.click(".hb-update--changed a")
    page.wait_for_url("**/presale/index.html#presale-bargain")  # the click only starts the navigation
    assert page.locator("#presale-bargain").count() == 1
    assert not page.errors and all(url.startswith("file://") for url in page.requests)
    page.close()


def test_review_page_lists_the_entry_without_owner(site, browser) -> None:
    out, _ = site
    page = open_page(browser, out / "review" / "index.html")
    rows = page.locator(".hb-review table tbody tr")
    assert rows.count() == 1 and "aftersale/entries.yaml:2" in rows.first.text_content()
    table = page.locator(".hb-review table")  # styled like every Material table, headings on one line
    assert table.evaluate("t => getComputedStyle(t).borderTopStyle") == "solid"
    assert {h.evaluate("h => getComputedStyle(h).whiteSpace") for h in table.locator("th").all()} == {"nowrap"}
    rows.first.locator("a").click()
    page.wait_for_url("**/aftersale/index.html#aftersale-return")  # the click only starts the navigation
    assert page.locator("#aftersale-return").count() == 1
    page.close()


def test_quiz_page_scores_in_the_site(site, browser) -> None:
    out, _ = site
    page = open_page(browser, out / "quiz" / "index.html")
    questions = page.locator(".hb-quiz__q")
    total = questions.count()
    assert total >= 2
    for index in range(total):
        question = questions.nth(index)
        question.locator("input").nth(int(question.get_attribute("data-answer"))).check()
    page.click(".hb-quiz__submit")
    assert page.text_content(".hb-quiz__score") == f"得分：{total} / {total}（100 分）"
    style = page.eval_on_selector(".hb-quiz__options", "el => getComputedStyle(el).listStyleType")
    assert style == "upper-alpha"
    page.emulate_media(media="print")  # the paper quiz: no buttons, the answer key on its own page
    assert page.locator(".hb-quiz__key").is_visible() and not page.locator(".hb-quiz__submit").is_visible()
    assert page.eval_on_selector(".hb-quiz__key", "el => getComputedStyle(el).breakBefore") == "page"
    assert not page.errors and all(url.startswith("file://") for url in page.requests)
    page.close()
