"""The built site works from file:// (search included), asks no other host for anything (both
checked on the starter site as MkDocs and as ProperDocs build it), and shows hostile YAML values
as text on every page and in search results."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HOSTILE = ["危险标题<script>alert(9)</script>", "场景<img src=x onerror=alert(10)>", "问法<svg onload=alert(11)>",
           "亲，<script>alert(12)</script>这条回复只是文字。", "<b>别这样说</b>", "改说<img src=x onerror=alert(14)>",
           "#<i>标签</i>", "<svg onload=alert(17)>"]
TRICKY = Path(__file__).parent / "fixtures" / "tricky"


def test_file_url_pages_and_search(watched: object, smoke_site: Path, search: object) -> None:
    page = watched.page
    page.goto((smoke_site / "presale" / "index.html").as_uri())
    assert page.locator("#presale-bargain").is_visible()
    assert search(page, "tkwdz")[0] == "aftersale-refund-not-received"
    page.locator(".hb-result").first.click()
    page.wait_for_url("**/aftersale/index.html#aftersale-refund-not-received")
    assert watched.errors == []
    assert watched.external_requests() == []


def test_no_request_leaves_the_machine(watched: object, smoke_site: Path, smoke_url: str, search: object) -> None:
    page = watched.page
    for path in sorted(smoke_site.rglob("*.html"))[:40]:
        page.goto(smoke_url + path.relative_to(smoke_site).as_posix())
    search(page, "退款")
    assert watched.requests
    assert watched.external_requests() == []
    assert watched.errors == []


def test_hostile_text_is_inert_everywhere(watched: object, tricky_site: Path, tricky_url: str,
                                          search: object) -> None:
    page = watched.page
    for path in sorted(tricky_site.rglob("*.html")):
        page.goto(tricky_url + path.relative_to(tricky_site).as_posix())
        assert page.locator("script:not([src])").evaluate_all(
            "nodes => nodes.filter(n => n.textContent.includes('alert(')).length") == 0
    page.goto(tricky_url + "service/index.html")
    title = "服务<img src=x onerror=alert(1)></title><script>alert(0)</script> - 测试手册<script>"
    assert page.title().startswith(title)
    card = page.locator("#hostile-entry").inner_text()
    for text in HOSTILE:
        assert text in card
    assert page.locator("#hostile-entry a[href^='javascript']").count() == 0
    assert "服务<img src=x onerror=alert(1)>" in page.locator(".md-nav").first.inner_text()

    assert search(page, "危险标题")[0] == "hostile-entry"
    results = page.locator("[data-hb-results]").inner_text()
    assert "危险标题<script>alert(9)</script>" in results
    search(page, "问法")
    assert "问法<svg onload=alert(11)>" in page.locator("[data-hb-results]").inner_text()
    page.goto(tricky_url + "policies/safe-policy/index.html")
    assert "安全政策<script>alert(3)</script>" in page.locator("article").inner_text()
    assert page.locator("article a[href^='javascript']").count() == 0
    assert watched.dialogs == []
    assert watched.errors == []


TITLE_ATTACK = "手册X\" onmouseover=\"alert('a')\" autofocus onfocus=\"alert('f')\" y=\"<b>粗</b>"


def test_a_hostile_handbook_title_stays_text_on_every_page(watched: object, tmp_path: Path,
                                                           build_site_cli: object) -> None:
    """The title reaches every page, inside attributes too (the logo's aria-label and title)."""
    src = Path(shutil.copytree(TRICKY, tmp_path / "src"))
    settings = yaml.safe_load((src / "handbook.yaml").read_text("utf-8"))
    (src / "handbook.yaml").write_text(yaml.safe_dump({**settings, "title": TITLE_ATTACK}, allow_unicode=True),
                                       "utf-8")
    site = build_site_cli(src, tmp_path / "site")
    page = watched.page
    for path in sorted(site.rglob("*.html")):
        page.goto(path.as_uri())
        assert page.locator("[onmouseover], [onfocus], [autofocus]").count() == 0, path
        page.hover(".md-header__button.md-logo")
        if path.name == "404.html":  # a web server's page: its assets are linked from the site's root
            watched.errors.clear()
    page.goto((site / "index.html").as_uri())
    assert page.locator(".md-header__topic").first.inner_text().strip() == TITLE_ATTACK
    assert page.get_attribute(".md-header__button.md-logo", "aria-label") == TITLE_ATTACK
    assert page.get_attribute(".md-header__button.md-logo", "title") == TITLE_ATTACK
    assert watched.dialogs == [] and watched.errors == []
