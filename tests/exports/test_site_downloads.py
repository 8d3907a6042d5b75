"""The site's downloads: one group per tool with Chinese import steps; placeholders kept as blanks
or Espanso form fields; replies a format cannot hold listed instead of failing the build."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import plistlib
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import yaml
from test_readback import read_sogou

from generator.exports import background
from generator.helpers import HELPERS
from generator.model import load_library
from generator.site.context import BuildContext
from generator.site.sections import exports
from generator.site.sections.exports import ExportsSection

TOOLS = ["千牛", "通用表格", "Espanso", "AutoHotkey v2", "macOS 文本替换", "Rime 中州韵", "搜狗拼音", "Zendesk",
         "Chatwoot", "JSON"]


def _section(src: Path, variables: dict[str, str] | None = None) -> ExportsSection:
    library, _ = load_library(src)
    return ExportsSection(BuildContext(library, src, dt.date(2026, 11, 22), "test", variables or {}))


def _groups(src: Path, variables: dict[str, str] | None = None) -> dict:
    return {g.title: g for g in _section(src, variables).downloads()}


def _everything(section: ExportsSection) -> dict[str, tuple[str, list[tuple[str, bytes]]]]:
    """Each tool's steps (with what was left out, by file:line) and its files."""
    return {g.title: (g.howto, [(d.filename, d.content) for d in g.downloads]) for g in section.downloads()}


def _file(group, name: str) -> bytes:
    return next(d.content for d in group.downloads if d.filename == name)


def test_one_group_per_tool_in_order_with_steps(odd_src: Path) -> None:
    groups = _groups(odd_src, {"客服工号": "1024"})
    assert list(groups) == TOOLS
    assert "千牛工作台 → 快捷短语 → 导入" in groups["千牛"].howto
    assert "match" in groups["Espanso"].howto and "双击" in groups["AutoHotkey v2"].howto
    assert "系统设置 → 键盘 → 文本替换" in groups["macOS 文本替换"].howto
    assert "重新部署" in groups["Rime 中州韵"].howto and "自定义短语设置 → 导入" in groups["搜狗拼音"].howto
    assert "library.schema.json" in [d.filename for d in groups["JSON"].downloads]


def test_placeholders_become_blanks_or_form_fields(odd_src: Path) -> None:
    groups = _groups(odd_src)
    sheet = io.StringIO(_file(groups["千牛"], "qianniu-quick-phrases.csv").decode("utf-8-sig"), newline="")
    first = list(csv.reader(sheet))[1]
    assert first[1] == "亲，您好！欢迎光临小蓝鲸旗舰店，我是客服【客服工号】，请问有什么可以帮您？"
    assert "店铺信息用的是 handbook.yaml 里的示例值（店铺名称）" in groups["千牛"].howto
    espanso = yaml.safe_load(_file(groups["Espanso"], "huashu.yml"))["matches"][0]
    assert espanso["form"] == "亲，您好！欢迎光临小蓝鲸旗舰店，我是客服[[客服工号]]，请问有什么可以帮您？"
    given = _groups(odd_src, {"店铺名称": "大白鲸小店"})
    assert "大白鲸小店" in _file(given["千牛"], "qianniu-quick-phrases.csv").decode("utf-8-sig")
    assert "示例值" not in given["千牛"].howto


def test_replies_a_format_cannot_hold_are_listed_not_fatal(odd_src: Path) -> None:
    groups = _groups(odd_src)
    rime = groups["Rime 中州韵"]
    assert "略过了" in rime.howto and "odd-multiline" in rime.howto and "odd-hash" in rime.howto
    lines = _file(rime, "custom_phrase.txt").decode("utf-8").splitlines()
    assert not any(line.startswith("第一步") for line in lines)
    plist = plistlib.loads(_file(groups["macOS 文本替换"], "text-substitutions.plist"))
    assert all("\n" not in item["phrase"] for item in plist)
    sogou = read_sogou(_file(groups["搜狗拼音"], "PhraseEdit.txt"))
    assert "第一步：打开订单\n第二步：点击\t申请售后\n\n# 注意：保留凭证" in [text for _code, text in sogou]
    assert "odd-long" in groups["千牛"].howto  # too long for 千牛 …
    assert any("很长的说明文字" in c["content"]  # … but kept for Chatwoot
               for c in json.loads(_file(groups["Chatwoot"], "chatwoot-canned-responses.json")))


def test_starter_library_exports_to_every_target(starter_src: Path) -> None:
    groups = _groups(starter_src)
    assert list(groups) == TOOLS
    library, _ = load_library(starter_src)
    chat = sum(len(e.approved) for e in library.entries if "chat" in e.channels)
    matches = yaml.safe_load(_file(groups["Espanso"], "huashu.yml"))["matches"]
    assert len(matches) == chat > 0  # Espanso holds any text: every chat reply is there
    document = json.loads(_file(groups["JSON"], "huashu-library.json"))
    assert len(document["entries"]) == len(library.entries)
    for group in groups.values():
        assert all(d.content for d in group.downloads)


def test_csv_files_say_what_a_spreadsheet_does_to_them(odd_src: Path) -> None:
    groups = _groups(odd_src)
    qianniu, generic = groups["千牛"].howto, groups["通用表格"].howto
    assert "**千牛 快捷短语（CSV）** 按原文写入" in qianniu and "不要先用 Excel 或 WPS 打开再保存" in qianniu
    assert "前面多了一个英文单引号 '" in generic and "0520 这样的编码还会变成 520，1/2 会变成日期" in generic
    assert "请用 Excel 版（.xlsx）" in generic


def test_files_made_in_a_helper_beside_the_site_are_those_the_build_makes_itself(
        odd_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside = _section(odd_src)
    beside.start()
    assert beside.pending is not None  # every format but JSON goes to the helper
    helped = _everything(beside)
    monkeypatch.setattr(exports, "start_exports", lambda *args: None)
    assert _everything(_section(odd_src)) == helped
    assert "odd/more.yaml:" in helped["Rime 中州韵"][0]  # what was left out, by file:line, as before


def test_a_helper_that_fails_costs_only_time(odd_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _everything(_section(odd_src))

    def broken(*args: object) -> Future:
        future: Future = Future()
        future.set_exception(BrokenProcessPool("a helper died"))
        return future

    monkeypatch.setattr(HELPERS, "submit", broken)
    section = _section(odd_src)
    section.start()
    assert section.pending is not None
    assert _everything(section) == expected


def test_a_library_too_big_for_the_helpers_copy_is_exported_in_the_main_process(odd_src: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "MAX_REPLIES", 3)
    section = _section(odd_src)
    section.start()
    assert section.pending is None
    assert list(_everything(section)) == TOOLS
