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
    slots = page.locator(f"{CARD} .hb-reply").first.locator(".hb-slot:not(.hb-slot--filled)")
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
    assert page.locator(f"{CARD} .hb-reply").first.locator(".hb-slot--filled").count() == 2
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
    refund entry first and its copy button asks for this customer's refund status, then puts the
    first reply on the clipboard."""
    from generator.model import load_library

    library, _ = load_library(starter_src)
    refund = next(e for e in library.entries if e.id == "aftersale-refund-progress")
    page = watched.page
    page.goto(smoke_url + "index.html")
    assert page.title().startswith(library.title)
    assert search(page, "退款")[0] == refund.id
    page.locator(".hb-result__copy").first.click()
    page.locator(".hb-ask [data-ask='退款进度']").wait_for()
    page.keyboard.type("已退回原支付账户")
    page.keyboard.press("Enter")
    page.locator(".hb-toast--visible").wait_for()
    expected = refund.approved[0].text.replace("{退款进度}", "已退回原支付账户")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert watched.errors == []


ASKED_REPLY = "好的，订单{订单号}已经为您备注，尾号{手机尾号}的来电会优先接听。{店铺名称}祝您生活愉快。"


def _stored(page: object) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def test_customer_values_are_asked_at_copy_time_and_never_kept(watched: object, tricky_url: str) -> None:
    page = watched.page
    page.goto(tricky_url + "service/index.html")
    page.evaluate("() => localStorage.setItem('handbook.slots', JSON.stringify({手机尾号: '0000'}))")
    page.reload()  # the key every handbook used to share, customers' values included, is dropped
    assert "handbook.slots" not in _stored(page)
    page.locator("#hb-slots summary").click()
    assert page.locator("[data-slot-input='订单号']").count() == 0  # not a panel value
    page.fill("[data-slot-input='店铺名称']", "小蓝鲸旗舰店")

    page.locator(f"{CARD} .hb-copy").nth(2).click()
    form = page.locator(f"{CARD} .hb-ask")
    assert form.locator("[data-ask]").evaluate_all("inputs => inputs.map(i => i.dataset.ask)") == ["订单号", "手机尾号"]
    assert page.evaluate("() => document.activeElement.dataset.ask") == "订单号"
    page.keyboard.type("2611220001234567")
    page.keyboard.press("Tab")
    page.keyboard.type("5678")
    page.keyboard.press("Enter")
    page.locator(".hb-toast--visible").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "好的，订单2611220001234567已经为您备注，尾号5678的来电会优先接听。小蓝鲸旗舰店祝您生活愉快。")
    assert form.count() == 0

    stored = _stored(page)
    assert list(stored) == ["handbook.slots@" + tricky_url]  # this handbook's own key
    assert "2611220001234567" not in str(stored) and "5678" not in str(stored)
    page.locator(f"{CARD} .hb-copy").nth(2).click()  # the next customer: asked again, nothing filled in
    assert form.locator("[data-ask]").evaluate_all("inputs => inputs.map(i => i.value)") == ["", ""]
    page.keyboard.press("Escape")
    assert form.count() == 0
    assert page.evaluate("navigator.clipboard.readText()").startswith("好的，订单2611220001234567")  # unchanged

    page.locator("[data-slot-clear]").click()
    assert _stored(page) == {} and page.input_value("[data-slot-input='店铺名称']") == ""
    assert watched.errors == []


def test_each_handbook_opened_from_files_keeps_its_own_values(watched: object, tricky_site: Path,
                                                             starter_site: Path) -> None:
    page = watched.page
    page.goto((tricky_site / "index.html").as_uri())
    page.locator("#hb-slots summary").click()
    page.fill("[data-slot-input='店铺名称']", "小蓝鲸旗舰店")
    page.goto((starter_site / "index.html").as_uri())
    page.locator("#hb-slots summary").click()
    assert page.input_value("[data-slot-input='店铺名称']") == ""
    assert sorted(_stored(page)) == ["handbook.slots@" + tricky_site.as_uri() + "/"]


def test_copying_from_search_results_asks_for_the_customer_s_values(watched: object, tricky_url: str,
                                                                   search: object) -> None:
    page = watched.page
    page.goto(tricky_url + "index.html")
    assert search(page, "bz")[0] == "greeting-shop"
    page.keyboard.press("Control+Enter")  # the reply whose code was typed
    page.locator(".md-search-result .hb-ask").wait_for()
    page.keyboard.type("123")
    page.keyboard.press("Enter")
    page.locator(".hb-toast--visible").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").startswith("好的，订单123已经为您备注，尾号{手机尾号}")
    assert "{手机尾号}" in page.locator(".hb-toast").inner_text()
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")  # back to searching
    assert watched.errors == []
