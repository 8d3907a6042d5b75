"""W004: the near-duplicate search against the exact all-pairs answer, on small cases, planted
copies and templated replies, and through the checker on a library of 1,200 entries."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from corpus_support import copy_base
from near_duplicate_support import exact_pairs
from rapidfuzz.distance import Indel

from generator.lint.checks import similarity
from generator.lint.checks.similarity import near_duplicates
from generator.lint.engine import check_source

HERE = Path(__file__).parent
TODAY = dt.date(2026, 11, 22)
T = 0.9
A = "亲关于您的登山包保修期多久的问题我这边马上帮您登记有任何问题随时找我"  # 35 characters


def _cjk(rng: random.Random, length: int) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(length))


def test_nothing_in_nothing_out() -> None:
    assert near_duplicates([], [], T) == []
    assert near_duplicates([A], [0], T) == []


def test_identical_replies_across_entries_match_the_first_copy() -> None:
    texts = [A, "完全不同的一句话术内容在这里", A, A]
    assert near_duplicates(texts, [0, 1, 2, 3], T) == [(2, 0, 1.0), (3, 0, 1.0)]


def test_copies_within_one_entry_are_ignored() -> None:
    texts = [A, A, "完全不同的一句话术内容在这里", A]
    assert near_duplicates(texts, [0, 0, 1, 1], T) == [(3, 0, 1.0)]
    assert near_duplicates([A, A[:-1] + "的"], [5, 5], T) == []


def test_a_reply_of_the_first_entry_matches_the_first_other_entry() -> None:
    texts = [A, A, A, A]  # entry 0 has replies 0 and 2: reply 2 matches reply 1 (entry 1), not 0
    assert near_duplicates(texts, [0, 1, 0, 2], T) == [(1, 0, 1.0), (2, 1, 1.0), (3, 0, 1.0)]


def test_the_best_earlier_reply_wins_then_the_smallest_index() -> None:
    one = A[:10] + "的" + A[11:]  # one character changed
    two = A[:10] + "的的" + A[12:]  # two changed
    assert near_duplicates([two, one, A], [0, 1, 2], T) == [
        (1, 0, Indel.normalized_similarity(one, two)), (2, 1, Indel.normalized_similarity(A, one))]
    other = A[:20] + "的" + A[21:]  # as close to A as `one`, but later
    assert near_duplicates([one, other, A], [0, 1, 2], T) == [
        (1, 0, Indel.normalized_similarity(other, one)), (2, 0, Indel.normalized_similarity(A, one))]


def test_shortest_replies_one_character_apart() -> None:
    short = "好的亲请您稍等哦"  # 8 characters, the shortest the checker passes on
    texts = [short, short + "呀", short, "亲" + short]
    assert near_duplicates(texts, [0, 1, 2, 3], T) == exact_pairs(texts, [0, 1, 2, 3], T)
    assert [i for i, _, _ in near_duplicates(texts, [0, 1, 2, 3], T)] == [1, 2, 3]


def test_below_the_threshold_is_not_reported() -> None:
    far = A[:5] + "的的的的的的" + A[11:]
    assert Indel.normalized_similarity(A, far) < T
    assert near_duplicates([A, far], [0, 1], T) == []


PLANTED = [(400, 3, 5), (1100, 650, 20), (1199, 1198, 11)]  # (copy of entry, original entry, changed position)


def _planted(entries: int = 1200, seed: int = 7) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    """As tests/checker/test_near_duplicates.py: two random 30-character replies per entry (the
    full stop is folded away); the first reply of each copy is its original's with one character
    changed."""
    rng = random.Random(seed)
    replies = {(n, k): _cjk(rng, 30) for n in range(entries) for k in range(2)}
    for copy, original, position in PLANTED:
        text = replies[(original, 0)]
        replies[(copy, 0)] = text[:position] + "的" + text[position + 1:]
    texts = [replies[(n, k)] for n in range(entries) for k in range(2)]
    owners = [n for n in range(entries) for _ in range(2)]
    return texts, owners, [(2 * copy, 2 * original) for copy, original, _ in PLANTED]


def test_planted_copies_among_random_replies_are_found_and_nothing_else() -> None:
    texts, owners, planted = _planted()
    found = near_duplicates(texts, owners, T)
    assert [(i, j) for i, j, _ in found] == planted
    assert found == exact_pairs(texts, owners, T)


def _edited(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        at = rng.randrange(len(chars))
        kind = rng.randrange(3)
        if kind == 0:
            chars[at] = chr(rng.randrange(0x4E00, 0x4E00 + 3000))
        elif kind == 1:
            chars.insert(at, chr(rng.randrange(0x4E00, 0x4E00 + 3000)))
        elif len(chars) > 8:
            del chars[at]
    return "".join(chars)


@pytest.mark.parametrize("length", [8, 10, 13, 17, 24, 31, 45, 80, 200])
def test_one_edit_is_always_found(length: int) -> None:
    """The guarantee: one substitution, insertion or deletion, at any length."""
    rng = random.Random(length)
    texts: list[str] = []
    for _ in range(150):
        text = _cjk(rng, length)
        texts += [text, _edited(rng, text, 1)]
    owners = list(range(len(texts)))
    assert near_duplicates(texts, owners, T) == exact_pairs(texts, owners, T)


@pytest.mark.parametrize("seed", range(4))
def test_templated_replies_give_a_subset_of_the_exact_answer(seed: int) -> None:
    """Replies built from shared phrases, with copies edited a few times: never a pair the exact
    answer lacks, scores identical, and (almost) everything found."""
    rng = random.Random(seed)
    parts = [[_cjk(rng, rng.randrange(2, 9)) for _ in range(6)] for _ in range(5)]
    texts: list[str] = []
    owners: list[int] = []
    for entry in range(600):
        base = "".join(rng.choice(options) for options in parts)
        for _ in range(rng.randrange(1, 3)):
            texts.append(_edited(rng, base, rng.randrange(4)) if rng.random() < 0.5 else base)
            owners.append(entry)
    exact = exact_pairs(texts, owners, T)
    found = near_duplicates(texts, owners, T)
    assert set(found) <= set(exact)
    assert len(found) >= 0.95 * len(exact)


def test_a_search_made_in_small_slices_finds_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A big library's candidates are made and filtered a slice at a time: slices of a few dozen pairs
    (hundreds of them) give exactly the answer of one slice."""
    rng = random.Random(5)
    base = [_cjk(rng, 30) for _ in range(20)]
    texts = [_edited(rng, rng.choice(base), rng.randrange(3)) for _ in range(400)]
    owners = list(range(len(texts)))
    whole = near_duplicates(texts, owners, T)
    monkeypatch.setattr(similarity, "CHUNK", 64)
    assert near_duplicates(texts, owners, T) == whole
    assert len(whole) > 300


def test_scores_are_rapidfuzz_scores() -> None:
    texts, owners, _ = _planted()
    rng = random.Random(1)
    texts += [_edited(rng, text, 2) for text in texts[:300]]
    owners += list(range(5000, 5300))
    for i, j, score in near_duplicates(texts, owners, T):
        assert score == Indel.normalized_similarity(texts[i], texts[j])
        assert owners[i] != owners[j] and j < i


def test_same_pairs_whatever_the_string_hash_seed() -> None:
    script = (f"import random, sys; sys.path.insert(0, {str(HERE)!r});"
              "from generator.lint.checks.similarity import near_duplicates;"
              "from test_near_duplicates import _edited, _planted; t, o, _ = _planted();"
              "r = random.Random(2); t += [_edited(r, x, 2) for x in t[:300]]; o += range(5000, 5300);"
              "print(near_duplicates(t, o, 0.9))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and outputs.pop().count("(") > 250


# -- through the checker: a generated library with planted copies and rule-breaking replies ------

ENTRIES = 1200
VIOLATIONS = {n: "这个我也不知道呢，您自己看说明书吧,好吗？？{优惠金额}和【订单号】" + filler * 40
              for n, filler in ((5, "请您稍等"), (1150, "马上为您处理"))}
REPLY_CODES = {"W001", "W002", "W003", "T001", "T002", "R005", "R006"}


def _library(tmp: Path) -> Path:
    """The base library plus ENTRIES generated entries: the planted replies of `_planted`, and a
    second reply of two entries that breaks every reply rule."""
    src = copy_base(tmp / "src")
    texts, _, _ = _planted(ENTRIES)
    entries = [{"id": f"bulk-{n:04d}", "title": f"批量话术{n}", "scenario": "生成的测试场景",
                "approved": [texts[2 * n] + "。", VIOLATIONS.get(n, texts[2 * n + 1] + "。")], "owner": "测试组",
                "updated": "2026-11-01", "review_by": "2027-11-01"} for n in range(ENTRIES)]
    for n in VIOLATIONS:
        entries[n]["forbidden"] = [{"text": "自己看", "reason": "生硬"}]
        entries[n]["channels"] = ["chat"]
    (src / "presale" / "bulk.yaml").write_text(
        yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False), "utf-8")
    return src


def test_the_checker_reports_the_planted_copies_and_every_reply_rule(tmp_path: Path) -> None:
    src = _library(tmp_path)
    findings = check_source(src, TODAY).findings
    near = [f.message for f in findings if f.code == "W004"]
    assert len(near) == len(PLANTED)
    for message, (_, original, _) in zip(near, sorted(PLANTED), strict=True):
        assert f"bulk-{original:04d}" in message
    lines = (src / "presale" / "bulk.yaml").read_text("utf-8").splitlines()
    for n in VIOLATIONS:
        line = next(i for i in range(lines.index(f"- id: bulk-{n:04d}"), len(lines)) if "这个我也不知道呢" in lines[i])
        assert {f.code for f in findings if f.line == line + 1} == REPLY_CODES
