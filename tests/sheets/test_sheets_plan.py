"""What each sheet holds (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheetlib import BUILD_DATE, HOSTILE, context, write_library

from generator.sheets.html import sheet_fragment
from generator.sheets.plan import plan_sheets
from generator.stamp import Stamp


def _sheets(src: Path) -> dict:
    return {s.id: s for s in plan_sheets(context(src).library)}


def test_one_sheet_per_category_per_channel_and_most_used(sheet_src: Path) -> None:
    assert list(_sheets(sheet_src)) == ["category-greeting", "category-presale", "category-phone",
                                        "chat", "phone", "chat-top", "phone-top"]


def test_channel_sheets_hold_only_their_channel(sheet_src: Path) -> None:
    sheets = _sheets(sheet_src)
    chat = {i.entry_id for i in sheets["chat"].items}
    phone = {i.entry_id for i in sheets["phone"].items}
    assert "greeting-hostile" in chat and "phone-silent" not in chat
    assert "phone-silent" in phone and "greeting-hello" not in phone and "presale-item-01" not in phone


def test_phone_sheet_leads_with_call_flow_then_situations(sheet_src: Path) -> None:
    sections = [(s.title, [i.entry_id for i in s.items]) for s in _sheets(sheet_src)["phone"].sections]
    assert sections == [
        ("通话流程 · 接听开场", ["phone-answer"]),
        ("通话流程 · 等待与转接", ["greeting-wait"]),
        ("通话流程 · 结束通话", ["greeting-bye", "phone-hangup"]),
        ("通话情况", ["phone-silent"]),
    ]


def test_most_used_sheet_takes_top_entries_or_else_first_replies(sheet_src: Path, tmp_path: Path) -> None:
    chat_top = _sheets(sheet_src)["chat-top"]
    assert chat_top.one_page
    assert "greeting-hostile" not in {i.entry_id for i in chat_top.items}  # not marked top
    hello = next(i for i in chat_top.items if i.entry_id == "greeting-hello")
    assert [line.shortcut for line in hello.lines] == ["hy"]  # the second reply has no code
    phone_top = _sheets(sheet_src)["phone-top"]  # no phone-only entry is marked top
    assert [(s.title, [i.entry_id for i in s.items]) for s in phone_top.sections] == [
        ("通话流程 · 等待与转接", ["greeting-wait"]), ("通话流程 · 结束通话", ["greeting-bye"])]

    unmarked = write_library(tmp_path / "src", presale_count=2)
    for path in unmarked.rglob("entries.yaml"):
        path.write_text(path.read_text("utf-8").replace("top: true", "top: false"), "utf-8")
    fallback = _sheets(unmarked)["chat-top"]
    assert len(fallback.items) == 6 and all(len(i.lines) == 1 for i in fallback.items)


def test_dont_box_has_lexicon_and_the_sheets_own_wording(sheet_src: Path) -> None:
    sheets = _sheets(sheet_src)
    greeting = sheets["category-greeting"].donts
    assert [d.texts for d in greeting.general] == [("不知道",), ("加微信",), ("只回“嗯”",)]
    assert [(d.texts, d.instead) for d in greeting.own] == [(("有事吗",), "请问有什么可以帮您？"),
                                                             (("<i>斜体</i>",), "<u>照常</u>")]
    assert sheets["category-presale"].donts.own == ()


def test_fragment_escapes_entry_text_and_marks_blanks(sheet_src: Path) -> None:
    ctx = context(sheet_src)
    sheet = _sheets(sheet_src)["category-greeting"]
    stamp = Stamp(ctx.library.title, BUILD_DATE, "1.0")
    html = sheet_fragment(sheet, stamp, {})
    assert "<script>" not in html and "&lt;script&gt;" in html and "<i>" not in html and "<b>" not in html
    assert '<span class="hbs-blank">店铺名称</span>' in html
    assert "\n\n" not in html  # one raw HTML block for Markdown
    filled = sheet_fragment(sheet, stamp, {"店铺名称": "<小蓝鲸>"})
    assert '<span class="hbs-blank">店铺名称</span>' not in filled and "欢迎光临&lt;小蓝鲸&gt;" in filled
    assert '<span class="hbs-blank">客服工号</span>' in filled
    assert HOSTILE not in sheet_fragment(sheet, Stamp(HOSTILE, BUILD_DATE, "1.0"), {})


def test_huge_sheets_are_capped_and_say_so(sheet_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.sheets.plan as plan_module
    import generator.sheets.wording as wording_module

    monkeypatch.setattr(plan_module, "MAX_ITEMS", 5)
    monkeypatch.setattr(wording_module, "MAX_ITEMS", 5)
    chat = _sheets(sheet_src)["chat"]
    assert len(chat.items) == 5 and chat.omitted == 34 - 5
    html = sheet_fragment(chat, Stamp("t", BUILD_DATE, "1"), {})
    assert "另有 29 条话术没有印在这张表里（每张表最多 5 条）" in html
