"""The search index at the unit level: phrase-aware pinyin, the word list, safe serialisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.model import load_library
from generator.site.search import DOC_SEP, build_index, index_script, pinyin_fields

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
    urls = index["fields"]["url"].split(DOC_SEP)
    assert len(urls) == index["n"] == len(index["kind"]) == len(index["top"])
    assert "bank/index.html#bank-repay" in urls
    assert "policies/repay-policy/index.html" in urls
    assert "还款" in index["words"].split(DOC_SEP)
    assert "还款" in index["keys"].split(DOC_SEP) and "还" in index["keys"].split(DOC_SEP)


def test_postings_list_each_key_s_documents_with_their_best_field() -> None:
    """Decoded the way the browser does: varints of (gap << 2 | zone), zone 3 = title, 0 = reply."""
    from generator.site.search import DIGITS, POSTING_END, ZONES

    library, _ = load_library(TRICKY)
    index = build_index(library)
    keys = index["keys"].split(DOC_SEP)
    lists = index["postings"].split(POSTING_END)[:-1]
    assert len(lists) == len(keys)
    urls = index["fields"]["url"].split(DOC_SEP)

    def decoded(key: str) -> dict[str, str]:
        found, doc, value = {}, -1, 0
        for char in lists[keys.index(key)]:
            digit = DIGITS.index(char)
            value = value * 32 + (digit & 31)
            if digit < 32:
                doc += value >> 2
                found[urls[doc].split("#")[-1]] = ZONES[value & 3]
                value = 0
        return found

    assert decoded("还款")["bank-repay"] == "title"
    assert decoded("重新")["resend-goods"] == "title"
    assert set(decoded("还款")) >= {"bank-repay", "policies/repay-policy/index.html"}


def test_index_script_cannot_close_a_script_tag() -> None:
    library, _ = load_library(TRICKY)
    script = index_script(library)
    assert "<" not in script
    data = json.loads(script.removeprefix("window.__handbookIndex=").removesuffix(";\n"))
    titles = data["fields"]["title"].split(DOC_SEP)
    assert "危险标题<script>alert(9)</script>" in titles
