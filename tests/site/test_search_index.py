"""The search index at the unit level: phrase-aware pinyin, the word list, safe serialisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.model import load_library
from generator.site.search import build_index, index_script, pinyin_fields

TRICKY = Path(__file__).parent / "fixtures" / "tricky"


@pytest.mark.parametrize(("text", "syllables", "initials"), [
    ("重新发货", "ChongXinFaHuo", "cxfh"),
    ("银行卡", "YinHangKa", "yhk"),
    ("还款失败", "HuanKuanShiBai", "hksb"),
    ("长时间没有回复", "ChangShiJianMeiYouHuiFu", "csjmyhf"),
    ("退款没到账", "TuiKuanMeiDaoZhang", "tkmdz"),
])
def test_polyphonic_characters_read_in_context(text: str, syllables: str, initials: str) -> None:
    assert pinyin_fields([text]) == (syllables, initials)


def test_items_stay_apart() -> None:
    assert pinyin_fields(["退款", "差评"]) == ("TuiKuan|ChaPing", "tk|cp")


def test_index_carries_entries_pages_and_words() -> None:
    library, _ = load_library(TRICKY)
    index = build_index(library)
    urls = [doc[0] for doc in index["docs"]]
    assert "bank/index.html#bank-repay" in urls
    assert "policies/repay-policy/index.html" in urls
    assert "还款" in index["words"].split("|")


def test_index_script_cannot_close_a_script_tag() -> None:
    library, _ = load_library(TRICKY)
    script = index_script(library)
    assert "<" not in script
    data = json.loads(json.loads(script.removeprefix("window.__handbookIndex=JSON.parse(").removesuffix(");\n")))
    titles = [doc[1] for doc in data["docs"]]
    assert "危险标题<script>alert(9)</script>" in titles
