"""Copy buttons in the real browser: plain text on the clipboard, placeholders filled from the
panel (kept across reloads), unfilled slots marked and warned about; on the starter site as both
MkDocs and ProperDocs build it."""

from __future__ import annotations

from pathlib import Path

CARD = "#greeting-shop"


def _copy(page: object, nth: int = 0) -> tuple[str, str]:
    page.locator(f"{CARD} .hb-copy").nth(nth).click()
    toast = page.locator(".hb-toast--visible")
    toast.wait_for()
    return page.evaluate("navigator.clipboard.readText()"), toast.inner_text()


def test_copy_without_placeholders_is_exact(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "service/index.html")
    text, message = _copy(page, 1)
    assert text == "感谢您的耐心等待，请问还有什么可以帮您？"
    assert "已复制" in message and "未填写" not in message


def test_unfilled_slots_are_marked_and_warned(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "service/index.html")
    slots = page.locator(f"{CARD} .hb-slot:not(.hb-slot--filled)")
    assert slots.count() == 2 and slots.first.is_visible()
    text, message = _copy(page)
    assert text == "您好，欢迎光临{店铺名称}，客服{客服工号}为您服务。"
    assert "{店铺名称}" in message and "{客服工号}" in message


def test_filled_slots_are_copied_ready_to_send(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "service/index.html")
    page.locator("#hb-slots summary").click()
    page.fill("[data-slot-input='店铺名称']", "小蓝鲸旗舰店")
    text, message = _copy(page)
    assert text == "您好，欢迎光临小蓝鲸旗舰店，客服{客服工号}为您服务。"
    assert "{客服工号}" in message and "{店铺名称}" not in message

    page.reload()  # values are kept in the browser
    page.locator("#hb-slots summary").click()
    page.fill("[data-slot-input='客服工号']", "1024")
    assert page.locator(f"{CARD} .hb-slot--filled").count() == 2
    text, message = _copy(page)
    assert text == "您好，欢迎光临小蓝鲸旗舰店，客服1024为您服务。"
    assert "未填写" not in message
    assert watched.errors == []


def test_copy_from_search_results(watched: object, tricky_url: str, search: object) -> None:
    page = watched.page
    page.goto(tricky_url + "index.html")
    assert search(page, "gx")[0] == "greeting-shop"
    page.locator(".hb-result__copy").first.click()  # the reply whose code was typed
    page.locator(".hb-toast--visible").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "感谢您的耐心等待，请问还有什么可以帮您？"
    search(page, "店铺问候")
    page.keyboard.press("Control+Enter")  # the first reply; slots still unfilled
    page.wait_for_function("() => document.querySelector('.hb-toast').textContent.includes('未填写')")
    assert page.evaluate("navigator.clipboard.readText()") == "您好，欢迎光临{店铺名称}，客服{客服工号}为您服务。"
    assert watched.errors == []


def test_starter_home_search_and_copy(watched: object, smoke_url: str, search: object, starter_src: Path) -> None:
    """The smoke test of each build of the starter site: the home page loads cleanly, 退款 brings the
    refund entry first and its copy button puts the first reply on the clipboard."""
    from generator.model import load_library

    library, _ = load_library(starter_src)
    refund = next(e for e in library.entries if e.id == "aftersale-refund-progress")
    page = watched.page
    page.goto(smoke_url + "index.html")
    assert page.title().startswith(library.title)
    assert search(page, "退款")[0] == refund.id
    page.locator(".hb-result__copy").first.click()
    page.locator(".hb-toast--visible").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == refund.approved[0].text
    assert watched.errors == []
