"""Masking what identifies a buyer before anything is written: the account, and phone, ID-card and
bank-card numbers and addresses inside messages. Masks keep the text's length, so a finding's
column and marked characters still point at the same places."""

from __future__ import annotations

import re

MASK = "*"
_DIGIT_RUN = r"(?<![\dA-Za-z])"
# (pattern, characters kept at the start, kept at the end)
_NUMBERS = (
    (re.compile(_DIGIT_RUN + r"\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                r"(?![\dA-Za-z])"), 3, 2),  # 身份证
    (re.compile(_DIGIT_RUN + r"1[3-9]\d(?:[ -]?\d){8}(?!\d)"), 3, 4),  # mobile phone
    (re.compile(_DIGIT_RUN + r"0\d{2,3}-\d{7,8}(?!\d)"), 4, 2),  # landline
    (re.compile(_DIGIT_RUN + r"\d(?:[ -]?\d){15,18}(?!\d)"), 0, 4),  # bank card (and any long number)
)
_ADDRESS = re.compile(
    r"(?:[\u4e00-\u9fff]{1,7}(?:省|自治区|市|区|县|镇|乡|街道))+[\u4e00-\u9fff\w\-#]{0,24}?"
    r"(?:\d+|[一二三四五六七八九十]+)(?:号楼|号院|号|栋|幢|单元|室|楼|弄)[\w\-#]*"
    r"|[\u4e00-\u9fff]{2,10}(?:路|街|巷|弄|大道)\d+号[\w\-#]*")


def mask_account(account: str) -> str:
    """A buyer account as leads see it: the first character and two stars."""
    return f"{account[:1]}**" if account else ""


def mask_text(text: str) -> str:
    """`text` with every number and address that identifies someone starred out, same length."""
    chars = list(text)
    for pattern, head, tail in _NUMBERS:
        for match in pattern.finditer(text):
            _star(chars, match, head, tail)
    for match in _ADDRESS.finditer(text):
        _star(chars, match, 0, 0)
    return "".join(chars)


def _star(chars: list[str], match: re.Match[str], head: int, tail: int) -> None:
    start, end = match.span()
    digits = [i for i in range(start, end) if chars[i].isalnum()]
    hidden = digits[head: len(digits) - tail] if tail else digits[head:]
    for i in hidden:
        chars[i] = MASK
