"""The built site works from file:// (search included), asks no other host for anything (both
checked on the starter site as MkDocs and as ProperDocs build it), and shows hostile YAML values
as text on every page and in search results."""

from __future__ import annotations

from pathlib import Path

HOSTILE = ["危险标题<script>alert(9)</script>", "场景<img src=x onerror=alert(10)>", "问法<svg onload=alert(11)>",
           "亲，<script>alert(12)</script>这条回复只是文字。", "<b>别这样说</b>", "改说<img src=x onerror=alert(14)>",
           "#<i>标签</i>", "<svg onload=alert(17)>"]


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
