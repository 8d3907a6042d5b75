"""`handbook audit` checks every agent message with the checker's own rules, and only agents'."""

from __future__ import annotations

from pathlib import Path

import pytest
from records_support import STARTER, at, findings_csv, run_audit, write_pdd

from generator.audit.checks import ChatChecker
from generator.lint.registry import rules
from generator.model import load_library


def _audit(tmp_path: Path, agent_says: list[str], buyer_says: str = "你好，在吗") -> list[dict[str, str]]:
    rows = [(at(3, "10:00:00"), "buyer_one", "客服A", "buyer", buyer_says)]
    rows += [(at(3, f"10:00:{10 + i:02d}"), "buyer_one", "客服A", "agent", text) for i, text in enumerate(agent_says)]
    code, _summary = run_audit([write_pdd(tmp_path / "pdd.xlsx", rows)], tmp_path / "out")
    assert code == 0
    return findings_csv(tmp_path / "out")


def test_an_evasive_lexicon_term_is_reported_at_its_first_character_with_the_instead(tmp_path: Path) -> None:
    found = _audit(tmp_path, ["亲，这个我也不 知 道呢"])
    assert [(f["规则"], f["命中"], f["消息内第几个字"]) for f in found] == [("W001", "不知道", "7")]
    finding = found[0]
    assert finding["客服消息"][6] == "不"
    assert finding["建议说"] == "我马上帮您核实一下"
    assert (finding["客服"], finding["工作表"], finding["行"]) == ("客服A", "消息明细", "3")
    assert finding["文件"].endswith("pdd.xlsx") and finding["时间"] == "2026-11-03 10:00:10"


def test_spacing_emoji_full_width_and_zero_width_do_not_hide_a_term(tmp_path: Path) -> None:
    found = _audit(tmp_path, ["有事加 微 信 聊", "加😊微信", "ＶＸ发您", "我也不\u200b知道"])
    assert [(f["行"], f["命中"]) for f in found] == [("3", "加微信"), ("4", "加微信"), ("5", "vx"), ("6", "不知道")]


def test_buyer_messages_are_never_checked(tmp_path: Path) -> None:
    assert _audit(tmp_path, ["好的亲，我马上帮您核实一下"], buyer_says="我也不知道怎么办，加微信说吧") == []


def test_an_entrys_forbidden_wording_is_a_warning_naming_the_entry(tmp_path: Path) -> None:
    found = _audit(tmp_path, ["放心，今天一定发"])
    assert [(f["规则"], f["级别"], f["话术编号"]) for f in found] == [("W002", "提醒", "shipping-when")]


def test_asking_for_an_id_photo_or_giving_a_phone_or_wechat_is_a_finding(tmp_path: Path) -> None:
    found = _audit(tmp_path, ["麻烦您拍 一下身份证正反面", "有事打我电话 139 1234 5678", "我的 vx：shop_lan88",
                              "提醒您：请不要发身份证照片给任何人"])
    assert sorted((f["行"], f["规则"]) for f in found if f["规则"].startswith("C")) == [
        ("3", "C001"), ("4", "C002"), ("5", "C003")]


def test_fail_on_gates_on_the_level_asked(tmp_path: Path) -> None:
    rows = [(at(3, "10:00:00"), "b", "客服A", "buyer", "在吗"),
            (at(3, "10:00:09"), "b", "客服A", "agent", "放心，今天一定发")]
    records = [write_pdd(tmp_path / "pdd.xlsx", rows)]
    assert run_audit(records, tmp_path / "a", "--fail-on", "error")[0] == 0
    assert run_audit(records, tmp_path / "b", "--fail-on", "warning")[0] == 1
    assert run_audit(records, tmp_path / "c")[0] == 0


@pytest.mark.parametrize("rule", [r for r in rules().values() if r.applies == "chat"], ids=lambda r: r.code)
def test_each_chat_rules_bad_example_is_found_and_its_good_one_is_not(rule) -> None:
    library, _ = load_library(STARTER)
    checker = ChatChecker(library)
    assert rule.code in {hit.code for hit in checker.hits(rule.bad.strip('"'))}
    assert rule.code not in {hit.code for hit in checker.hits(rule.good.strip('"'))}
