"""The search index at the unit level: phrase-aware pinyin, the word list, safe serialisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from index_support import postings_by_key

from generator.model import load_library
from generator.site.search import DOC_SEP, INDEX_PATH, POSTING_END, build_index, index_scripts, pinyin_fields

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
    """Decoded the way the browser does: varints of (gap << 4 | replies << 2 | zone), zone 3 =
    title, 0 = reply; replies: in how many replies the key is (2: two or more)."""
    from generator.site.search import ZONES

    library, _ = load_library(TRICKY)
    index = build_index(library)
    postings = postings_by_key(index)
    assert len(postings) == len(index["keys"].split(DOC_SEP)) == len(index["postings"].split(POSTING_END)) - 1

    def decoded(key: str) -> dict[str, tuple[str, int]]:
        return {url.split("#")[-1]: (ZONES[value & 3], value >> 2 & 3) for url, value in postings[key].items()}

    assert decoded("还款")["bank-repay"][0] == "title"
    assert decoded("重新")["resend-goods"] == ("title", 1)  # 已经为您登记重新发货
    assert decoded("长时")["long-wait"] == ("title", 0)
    assert decoded("您")["greeting-shop"] == ("replies", 2)  # in both its replies
    assert set(decoded("还款")) >= {"bank-repay", "policies/repay-policy/index.html"}


def test_index_scripts_cannot_close_a_script_tag() -> None:
    library, _ = load_library(TRICKY)
    scripts = index_scripts(library)
    assert not any("<" in script for script in scripts.values())
    data = json.loads(scripts[INDEX_PATH].removeprefix("window.__handbookIndex=").removesuffix(";\n"))
    titles = data["fields"]["title"].split(DOC_SEP)
    assert "危险标题<script>alert(9)</script>" in titles


def test_the_first_script_holds_what_a_chinese_query_needs_and_the_parts_the_rest() -> None:
    """Pinyin, initials and codes, then the reply texts, come in later scripts; between them the
    scripts hold every field of the index once."""
    library, _ = load_library(TRICKY)
    scripts = index_scripts(library)
    assert list(scripts) == [INDEX_PATH, "search/handbook-index-pinyin.js", "search/handbook-index-replies.js"]
    first = json.loads(scripts[INDEX_PATH].removeprefix("window.__handbookIndex=").removesuffix(";\n"))
    parts = [json.loads(script.removeprefix("window.__handbookIndexPart=").removesuffix(";\n"))["fields"]
             for path, script in scripts.items() if path != INDEX_PATH]
    assert sorted(first["fields"]) == ["questions", "scenario", "tags", "title", "url", "where"]
    assert sorted(parts[0]) == ["codes", "iniMore", "iniTitle", "pyMore", "pyTitle"]
    assert sorted(parts[1]) == ["replies"]
    assert {**first["fields"], **parts[0], **parts[1]} == build_index(library)["fields"]
