"""Forbidden-wording matching: survives evasion, but not at the cost of flagging natural Chinese."""

from __future__ import annotations

import pytest

from generator.text.matching import Phrase, PhraseMatcher
from generator.text.normalize import normalize

MATCHER = PhraseMatcher([Phrase("不可以", "不可以"), Phrase("加微信", "加微信"), Phrase("嗯", "嗯"),
                         Phrase("第一", "第一", ("第一时间",))])


def hits(text: str) -> list[tuple[int, str]]:
    return list(MATCHER.find(normalize(text)))


@pytest.mark.parametrize(("text", "expected"), [
    ("这个不可以哦", [(2, "不可以")]),
    ("这个不 可 以哦", [(2, "不可以")]),
    ("不，可，以", [(0, "不可以")]),  # split one by one on purpose
    ("加\u200b微😊信", [(0, "加微信")]),
    ("加ＷＥＩ信", []),  # a different word, not an evasion of 微
    ("ＪＩＡ微信 加 微 信", [(6, "加微信")]),
    ("第一时间为您处理", []),
    ("第一次是第一名", [(0, "第一"), (4, "第一")]),  # no except for 第一次 in this matcher
])
def test_evasions_are_found_at_the_original_position(text: str, expected: list) -> None:
    assert hits(text) == expected


@pytest.mark.parametrize("text", ["要不，可以先领券再下单", "您看要不。可以的话", "您看行吗？要不，可以换个颜色"])
def test_a_term_across_a_clause_mark_in_natural_writing_is_not_flagged(text: str) -> None:
    assert [t for _, t in hits(text) if t in ("不可以", "加微信")] == []


def test_full_width_tilde_is_dropped() -> None:
    assert normalize("嗯～").text == "嗯"
