"""W004 at library scale: planted near-duplicates are found among thousands of unrelated replies,
and the search split across two processes reports exactly what one process reports."""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest
import yaml
from corpus_support import copy_base

from generator.checks import check_source, similarity
from generator.parallel import Forked

TODAY = dt.date(2026, 11, 22)
ENTRIES = 1200  # two replies each: above similarity.PARALLEL_FROM
# (copy of entry, original entry, position of the changed character)
PLANTED = [(400, 3, 5), (1100, 650, 20), (1199, 1198, 11)]  # one copy in each half


def _reply(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(30)) + "。"


def _library(tmp: Path) -> tuple[Path, dict[tuple[int, int], str]]:
    """The base library plus ENTRIES generated entries; the first reply of each PLANTED copy
    is its original's first reply with one character changed."""
    src = copy_base(tmp / "src")
    rng = random.Random(7)
    replies = {(n, k): _reply(rng) for n in range(ENTRIES) for k in range(2)}
    for copy, original, position in PLANTED:
        text = replies[(original, 0)]
        replies[(copy, 0)] = text[:position] + "的" + text[position + 1:]
    entries = [{"id": f"bulk-{n:04d}", "title": f"批量话术{n}", "scenario": "生成的测试场景",
                "approved": [replies[(n, 0)], replies[(n, 1)]], "owner": "测试组",
                "updated": "2026-11-01", "review_by": "2027-11-01"} for n in range(ENTRIES)]
    (src / "presale" / "bulk.yaml").write_text(
        yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False), "utf-8")
    return src, replies


def _near_duplicates(src: Path) -> list[tuple[int, str]]:
    result = check_source(src, TODAY)
    return [(f.line, f.message) for f in result.findings if f.code == "W004"]


def test_planted_near_duplicates_are_found_and_nothing_else(tmp_path: Path) -> None:
    src, _ = _library(tmp_path)
    found = _near_duplicates(src)
    assert len(found) == len(PLANTED)
    for (_, message), (_, original, _) in zip(found, sorted(PLANTED, key=lambda p: p[0]), strict=True):
        assert f"bulk-{original:04d}" in message


def test_two_processes_report_what_one_process_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, _ = _library(tmp_path)
    assert hasattr(os, "fork"), "this test needs a system with fork"
    forks = []
    monkeypatch.setattr(similarity, "Forked", lambda work: forks.append(work) or Forked(work))
    split = _near_duplicates(src)
    assert forks, "the later replies should have been searched in a second process"
    monkeypatch.setattr(similarity, "PARALLEL_FROM", 10**9)
    forks.clear()
    assert _near_duplicates(src) == split
    assert not forks


def test_forked_work_returns_its_result() -> None:
    assert Forked(lambda: {"pairs": [(1, 2, 0.95)]}).result() == {"pairs": [(1, 2, 0.95)]}


def test_forked_work_that_fails_in_the_child_is_done_in_the_parent() -> None:
    calls = []

    def work() -> int:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise RuntimeError("child failed")
        return 42

    parent = os.getpid()
    assert Forked(work).result() == 42
    assert calls == [parent]  # the child's call is not visible here; the parent redid the work


def test_forked_work_runs_in_place_without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    pending = Forked(os.getpid)
    assert pending.result() == os.getpid()


def test_cancelled_child_is_reaped(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    def slow() -> None:
        import time

        time.sleep(30)
        marker.write_text("finished")

    pending = Forked(slow)
    pid = pending._pid
    pending.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped: no zombie left behind
    assert not marker.exists()
