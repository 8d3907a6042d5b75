"""The generated pages: entry cards, policies, the forbidden wording table, tags, downloads and
what the other sections contribute."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.context import load_context
from generator.site.page import Asset, Download, DownloadGroup, Page
from generator.site.publish import build_site
from generator.site.sections.base import Section

ROOT = Path(__file__).resolve().parents[2]
TRICKY = Path(__file__).parent / "fixtures" / "tricky"


def test_header_override_is_material_9_8_header_with_our_search_box() -> None:
    """overrides/partials/header.html copies Material's header (our search box, the site name not escaped
    twice): re-copy it when Material changes."""
    import material

    stock = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text("utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text("utf-8")
    start, end = stock.index('    {% if "material/search"'), stock.index("    {% if config.repo_url %}")
    expected = stock[:start] + '    {% include "partials/handbook-search.html" %}\n' + stock[end:]
    # the site name arrives escaped for attributes already (generator.site.markup.nav_title)
    expected = expected.replace('title="{{ config.site_name | e }}"', 'title="{{ config.site_name }}"', 1)
    assert material.__version__.startswith("9.8.")
    assert ours.split("-#}", 1)[1] == expected.split("-#}", 1)[1]


def test_entry_card_shows_everything(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "bank/index.html#bank-repay")
    card = page.locator("#bank-repay")
    text = card.inner_text()
    for part in ("银行卡还款失败", "顾客用分期付款", "还款失败了怎么办", "银行卡扣不了款", "hkkf", "复制",
                 "还款规则", "#还款", "在线聊天", "电话"):
        assert part in text
    assert card.locator("a.hb-policy").get_attribute("href") == "../policies/repay-policy/index.html"
    page.goto(tricky_url + "service/index.html")
    hostile = page.locator("#hostile-entry").inner_text()
    assert "不要说：<b>别这样说</b>" in hostile and "改说：改说<img" in hostile and "原因：原因<svg" in hostile
    assert "更新：2026-11-01" in hostile
    assert page.locator("#hostile-entry .hb-notes strong").inner_text() == "加粗"
    assert "仅电话" not in page.locator("#resend-goods").inner_text()
    assert page.locator("#resend-goods .hb-badge--phone").count() == 1
    toc = page.locator(".md-sidebar--secondary").inner_text()
    assert "店铺问候" in toc and "重新发货" in toc


def test_nav_lists_every_category(watched: object, starter_url: str, starter_src: Path) -> None:
    from generator.model import load_library

    library, _ = load_library(starter_src)
    page = watched.page
    page.goto(starter_url + "categories/index.html")
    nav = page.locator(".md-sidebar--primary").inner_text()
    overview = page.locator("article").inner_text()
    for category in library.categories:
        assert category.title in nav and category.title in overview
    assert f"共 {len(library.entries)} 条话术" in overview


def test_policy_forbidden_and_tags_pages(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "policies/repay-policy/index.html")
    link = page.locator("article a", has_text="银行卡还款失败")
    assert link.get_attribute("href") == "../../bank/index.html#bank-repay"
    page.goto(tricky_url + "forbidden/index.html")
    row = page.locator(".hb-lexicon tbody tr").first.inner_text()
    assert "不知道" in row and "推卸<script>alert(7)</script>" in row and "我马上帮您核实一下" in row
    page.goto(tricky_url + "tags/index.html")
    page.locator("article a", has_text="银行卡还款失败").click()
    page.wait_for_url("**/bank/index.html#bank-repay")
    assert watched.errors == []


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    def run(found: tuple[type[Section], ...]) -> Path:
        monkeypatch.setattr("generator.site.sections.FEATURES", found)
        out = tmp_path / "site"
        build_site(load_context(TRICKY), out, ROOT / "mkdocs.yml")
        return out

    return run


def test_downloads_page_without_features(built: object) -> None:
    html = (built(()) / "downloads" / "index.html").read_text("utf-8")
    assert "目前没有可下载的文件" in html


def test_features_contribute_pages_downloads_and_assets(built: object) -> None:
    class Demo(Section):
        nav_order = 5

        def pages(self) -> list[Page]:
            return [Page("quiz/index.md", "练习<题>", f"# 练习\n\n共 {len(self.ctx.library.entries)} 条")]

        def downloads(self) -> list[DownloadGroup]:
            return [DownloadGroup("千牛", "1. 打开千牛\n2. 导入文件", (
                Download("qianniu.csv", "千牛 快捷短语（CSV）", "编码,内容\n".encode() * 100),), 1)]

        def assets(self) -> list[Asset]:
            return [Asset("assets/demo.css", b"body{}", stylesheet=True)]

    site = built((Demo,))
    assert (site / "downloads" / "qianniu.csv").read_bytes() == "编码,内容\n".encode() * 100
    downloads = (site / "downloads" / "index.html").read_text("utf-8")
    assert 'href="qianniu.csv"' in downloads and "1.4 KB" in downloads and "打开千牛" in downloads
    assert "共 5 条" in (site / "quiz" / "index.html").read_text("utf-8")
    home = (site / "index.html").read_text("utf-8")
    assert "练习&lt;题&gt;" in home and "assets/demo.css" in home


def test_every_folder_of_the_site_is_a_category_or_reserved(starter_site: Path, starter_src: Path) -> None:
    """R009 keeps category ids off the folders the site uses itself: that list must be complete."""
    from generator.model import load_library
    from generator.source.schema import RESERVED_CATEGORY_IDS

    categories = {c.id for c in load_library(starter_src)[0].categories}
    folders = {p.name for p in starter_site.iterdir() if p.is_dir()}
    assert folders - categories <= set(RESERVED_CATEGORY_IDS)
    assert categories <= folders


def test_the_table_of_contents_marks_the_entry_jumped_to(watched: object, starter_url: str) -> None:
    page = watched.page
    page.set_viewport_size({"width": 1400, "height": 900})  # wide enough for the table of contents
    for target in ("aftersale-refund-progress", "aftersale-refund-not-received", "aftersale-exchange-size"):
        page.goto(f"{starter_url}aftersale/index.html#{target}")
        title = page.locator(f"#{target} .hb-entry__title").inner_text().rstrip("¶").strip()
        page.wait_for_function("t => [...document.querySelectorAll('.md-nav--secondary .md-nav__link--active')]"
                               ".some(a => a.textContent.trim() === t)", arg=title, timeout=5000)


def test_pages_look_finished(watched: object, starter_url: str) -> None:
    """The footer says nothing in English; the forbidden-wording table keeps its reasons readable."""
    page = watched.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(starter_url + "forbidden/index.html")
    assert "Made with" not in page.locator("footer").inner_text()
    widths = page.locator(".hb-lexicon th").evaluate_all("hs => hs.map(h => h.getBoundingClientRect().width)")
    assert min(widths[1:3]) >= 150  # 原因 and 改说 are not squeezed
