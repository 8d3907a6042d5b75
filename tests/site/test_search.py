"""Search in the real browser over the starter library: every kind of query agents type
brings the intended entry first; results link to the entry and never show pinyin."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# (query, the entry that must be the top hit)
TOP_HITS = [
    # Chinese words, and fragments of words
    ("退款", "aftersale-refund-progress"),
    ("退换货", "aftersale-seven-day-return"),
    ("换货", "aftersale-exchange-size"),
    ("单号", "shipping-tracking-number"),
    ("运费险", "aftersale-shipping-insurance"),
    ("差评", "complaint-bad-review"),
    ("丢件", "shipping-lost"),
    ("补差价", "aftersale-price-protection"),
    # customer phrasings, unspaced multi-word queries
    ("怎么还没发货", "shipping-urge"),
    ("能便宜点吗", "presale-bargain"),
    ("退款没收到", "aftersale-refund-not-received"),
    ("退款没到账", "aftersale-refund-not-received"),
    ("显示签收了但我没收到", "shipping-signed-not-received"),
    ("叫你们领导来", "complaint-escalate"),
    ("能开发票吗", "order-invoice"),
    ("地址填错了", "order-change-address"),
    # full pinyin
    ("tuikuan", "aftersale-refund-progress"),
    ("yunfeixian", "aftersale-shipping-insurance"),
    ("chaping", "complaint-bad-review"),
    ("fapiao", "order-invoice"),
    ("yijia", "presale-bargain"),
    # initials
    ("tk", "aftersale-refund-progress"),
    ("tkwdz", "aftersale-refund-not-received"),
    ("qxdd", "order-cancel-paid"),
    ("fkfs", "order-payment-methods"),
    # shortcut codes
    ("yj", "presale-bargain"),
    ("hy", "greeting-standard"),
    ("fhjj", "shipping-urge"),
    ("bkq", "greeting-farewell"),
    # mixed
    ("7天 退货", "aftersale-seven-day-return"),
    ("220v", "presale-voltage"),
    ("M和L", "presale-size-between"),
    ("退货 地址", "aftersale-return-steps"),
    ("能便宜点吗？", "presale-bargain"),
    ("ＴＫＷＤＺ", "aftersale-refund-not-received"),
]


@pytest.fixture(scope="module")
def starter_page(browser: object, starter_url: str) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(starter_url + "index.html")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), TOP_HITS, ids=[q for q, _ in TOP_HITS])
def test_intended_entry_is_the_top_hit(starter_page: object, search: object, query: str, expected: str) -> None:
    hits = search(starter_page, query)
    assert hits, f"{query}: no results"
    assert hits[0] == expected, f"{query}: got {hits[:3]}"


@pytest.mark.parametrize(("query", "expected"), [
    ("chongxin", "resend-goods"), ("cxfh", "resend-goods"), ("yinhang", "bank-repay"), ("huankuan", "bank-repay"),
    ("changshijian", "long-wait"), ("hkkf", "bank-repay"),
])
def test_polyphonic_pinyin_in_the_browser(browser: object, tricky_url: str, search: object, query: str,
                                          expected: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(tricky_url + "index.html")
    assert search(page, query)[0] == expected
    context.close()


def test_unspaced_words_each_bring_their_entry(starter_page: object, search: object) -> None:
    hits = search(starter_page, "退款差评")
    assert {"complaint-bad-review", "aftersale-refund-progress"} <= set(hits[:3])


def test_snippets_never_show_pinyin(starter_page: object, search: object) -> None:
    search(starter_page, "tuikuan")
    text = starter_page.locator("[data-hb-results]").inner_text().lower()
    assert "退款" in text
    assert "tuikuan" not in text and "|" not in text


@pytest.mark.parametrize(("query", "marked"), [("tk", "退款"), ("tuikuan", "退款"), ("tkwdz", "退款未到账"),
                                               ("退款", "退款")])
def test_title_shows_what_matched(starter_page: object, search: object, query: str, marked: str) -> None:
    search(starter_page, query)
    title = starter_page.locator("[data-hb-results] .hb-result h1").first
    assert title.locator("mark").all_inner_texts() == [marked]


def test_keyboard_opens_result_at_entry_anchor(browser: object, starter_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(starter_url + "index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.hasAttribute('data-hb-query')")
    page.keyboard.type("yunfeixian")
    page.wait_for_selector(".hb-result--selected")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aftersale/index.html#aftersale-shipping-insurance")
    assert page.locator("#aftersale-shipping-insurance").is_visible()
    context.close()


def test_first_results_within_a_second_of_page_load(browser: object, starter_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(starter_url + "shipping/index.html")
    elapsed = page.evaluate("""() => new Promise(resolve => {
        const start = performance.now();
        const box = document.querySelector('[data-hb-query]');
        box.focus();
        box.value = '退款';
        box.dispatchEvent(new Event('input'));
        const poll = () => document.querySelector('[data-hb-results] li')
            ? resolve(performance.now() - start) : requestAnimationFrame(poll);
        poll();
    })""")
    assert elapsed < 1000
    context.close()


def test_chinese_results_come_before_the_rest_of_the_index(browser: object, starter_url: str, search: object) -> None:
    """The first script of the index answers a Chinese query with its final ranking; a Latin query
    waits for the pinyin part; the copy buttons come with the reply texts, the last part."""
    context = browser.new_context()
    page = context.new_page()
    held: list[object] = []
    page.route("**/search/handbook-index-*.js", lambda route: held.append(route))

    def release(part: str) -> None:
        while not any(part in route.request.url for route in held):
            page.wait_for_timeout(20)
        next(route for route in held if part in route.request.url).continue_()

    page.goto(starter_url + "index.html", wait_until="domcontentloaded")  # "load" waits for the held parts
    page.wait_for_function("() => window.__handbookIndex === null")  # the first script, loaded and prepared
    early = search(page, "退款没收到")
    assert early[0] == "aftersale-refund-not-received"
    assert page.locator(".hb-result__copy").count() == 0
    page.locator("[data-hb-query]").fill("tk")
    assert "正在加载" in page.inner_text("[data-hb-meta]")
    assert page.locator("[data-hb-results] li").count() == 0
    release("pinyin")
    page.wait_for_selector("[data-hb-results] li")
    assert search(page, "tk")[0] == "aftersale-refund-progress"
    release("replies")
    page.wait_for_selector(".hb-result__copy")  # the results shown get their copy buttons
    assert search(page, "退款没收到") == early
    context.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("發錯貨", "aftersale-wrong-item"),  # Traditional, as a customer from Hong Kong or Taiwan writes it
    ("開發票", "order-invoice"),
    ("發錯貨了怎麼辦", "aftersale-wrong-item"),
])
def test_traditional_queries_find_a_simplified_site(starter_page: object, search: object, query: str,
                                                    expected: str) -> None:
    hits = search(starter_page, query)
    assert hits and hits[0] == expected, f"{query}: got {hits[:3]}"



def test_full_width_text_is_marked_where_it_matched(browser: object, tmp_path: Path, search: object,
                                                    build_site_cli: object) -> None:
    src = Path(shutil.copytree(Path(__file__).parent / "fixtures" / "tricky", tmp_path / "src"))
    entries = src / "service" / "entries.yaml"
    text = entries.read_text("utf-8")
    entries.write_text(text.replace("title: 长时间没有回复", "title: 等了３０分钟没有回复"), "utf-8")  # full-width
    site = build_site_cli(src, tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert search(page, "30分钟")[0] == "long-wait"  # typed half-width
    marks = page.locator("[data-hb-results] .hb-result").first.locator("h1 mark").all_inner_texts()
    context.close()
    assert "".join(marks) == "３０分钟"


QUALITY_ENTRIES = {"aftersale-quality-issue", "aftersale-quality-shipping-fee"}


def test_a_customer_s_broken_product_finds_a_quality_entry_first(starter_page: object, search: object) -> None:
    assert search(starter_page, "东西坏了怎么办")[0] in QUALITY_ENTRIES


@pytest.mark.parametrize(("query", "marked"), [
    ("退钱", "退款"),  # a synonym: the entry's own word is marked
    ("退宽", "退款"),  # a homophone typo
    ("tuikuna", "退款"),  # a pinyin typo
    ("發錯貨", "发错货"),  # Traditional input, Simplified text
])
def test_what_the_customer_meant_is_found_and_marked(starter_page: object, search: object, query: str,
                                                     marked: str) -> None:
    hits = search(starter_page, query)
    assert hits, query
    first = starter_page.locator("[data-hb-results] .hb-result").first
    assert marked in "".join(first.locator("mark").all_inner_texts()), query
    if query in ("退钱", "退宽", "tuikuna"):
        assert {"aftersale-refund-progress", "aftersale-refund-not-received"} & set(hits[:3]), hits[:3]


def test_a_query_with_nothing_close_says_so_and_shows_the_closest(starter_page: object, search: object) -> None:
    hits = search(starter_page, "湖人今晚能赢吗")
    assert hits  # characters in common: the closest entries, never an empty list
    assert starter_page.locator("[data-hb-meta]").inner_text() == "没有完全对应的话术，最接近的是："
    search(starter_page, "qqqqzz")
    assert starter_page.locator("[data-hb-meta]").inner_text().startswith("没有找到相关话术")
    search(starter_page, "退款")
    assert starter_page.locator("[data-hb-meta]").inner_text().startswith("找到 ")


def test_words_that_carry_no_meaning_are_not_marked(starter_page: object, search: object) -> None:
    search(starter_page, "请问我的退款了吗")
    marks = starter_page.locator("[data-hb-results] .hb-result").first.locator("mark").all_inner_texts()
    assert "退款" in marks and not {"请问", "我", "的", "了", "吗"} & set(marks), marks
