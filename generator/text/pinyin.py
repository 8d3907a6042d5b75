"""Chinese → pinyin, read phrase by phrase so polyphonic characters come out right.

jieba cuts the text into words, pypinyin reads each word with its phrase dictionary, and a
small project table (`pinyin_phrases.yaml`) fixes the readings that matter in customer
service (还款 huan kuan, 银行 yin hang, 长时间 chang shi jian). Their answers are kept from one build
to the next (`pinyin_memo`): call `keep_readings()` when a build is done.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

import yaml

from generator.text.pinyin_memo import PinyinMemo

HAN = re.compile(r"[\u3400-\u9fff]+")
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


@cache
def _engines() -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """jieba's cutter and pypinyin's reader, with the project table loaded into both.

    Imported on first use: their dictionaries take a third of a second to load, which commands
    that never read pinyin (`handbook check`, `handbook --help`) should not pay.
    """
    import jieba
    from pypinyin import Style, lazy_pinyin, load_phrases_dict

    jieba.setLogLevel(logging.WARNING)
    table = yaml.safe_load((resources.files("generator.text") / "pinyin_phrases.yaml")
                           .read_text("utf-8"))
    load_phrases_dict({word: [[s] for s in reading.split()] for word, reading in table.items()},
                      style="normal")
    for word in table:
        jieba.add_word(word)
    return jieba.lcut, lambda word: lazy_pinyin(word, style=Style.NORMAL, v_to_u=False)


_MEMO = PinyinMemo()


def keep_readings() -> None:
    """A build is done: what it read is kept for the next one."""
    _MEMO.keep()


def _cut(text: str) -> tuple[str, ...]:
    cut, _ = _engines()
    return tuple(w for w in cut(text) if w.strip())


def _read(word: str) -> tuple[str, ...]:
    _, read = _engines()
    return tuple(read(word))


def words(text: str) -> tuple[str, ...]:
    """jieba's words of `text` (precise mode), whitespace dropped."""
    return _MEMO.get("cut", text, _cut)


def word_syllables(text: str) -> list[tuple[str, ...]]:
    """Per word: its pinyin syllables (Han words), or the lowercased word itself (Latin/digits)."""
    result: list[tuple[str, ...]] = []
    for word in words(text):
        if HAN.fullmatch(word):
            result.append(_MEMO.get("read", word, _read))
        elif ASCII_WORD.fullmatch(word):
            result.append((word.lower(),))
    return result


def initials(text: str) -> str:
    """First letters of every syllable: 退款没到账 → tkmdz."""
    return "".join(s[0] for word in word_syllables(text) for s in word)


def slug(text: str, max_words: int = 5) -> str:
    """An id-friendly slug: 顾客议价 → guke-yijia."""
    parts = ["".join(word) for word in word_syllables(text)]
    return "-".join(p for p in parts[:max_words] if p)


@cache  # every build reads the same few thousand characters (the preview: again on every save)
def read_character(char: str) -> str:
    """The most common reading of one character on its own (for matching homophone typos)."""
    syllable = _MEMO.get("read", char, _read)[0]
    return syllable if syllable.isascii() and syllable.isalpha() else ""
