"""W004 at library scale: planted near-duplicates are found among thousands of unrelated replies,
and the search split across two processes reports exactly what one process reports."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
import yaml
from corpus_support import copy_base

from generator.lint.checks import background, similarity
from generator.lint.engine import check_source
from generator.parallel import Worker

TODAY = dt.date(2026, 11, 22)
ENTRIES = 1200  # two replies each: above similarity.PARALLEL_FROM
# (copy of entry, original entry, position of the changed character)
PLANTED = [(400, 3, 5), (1100, 650, 20), (1199, 1198, 11)]  # one copy in each half
# second replies that break the reply checks, early and late in the library
VIOLATIONS = {n: "这个我也不知道呢，您自己看说明书吧,好吗？？{优惠金额}和【订单号】" + filler * 40
              for n, filler in ((5, "请您稍等"), (1150, "马上为您处理"))}
REPLY_CODES = {"W001", "W002", "W003", "T001", "T002", "R005", "R006"}


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
    for n, text in VIOLATIONS.items():
        replies[(n, 1)] = text
    entries = [{"id": f"bulk-{n:04d}", "title": f"批量话术{n}", "scenario": "生成的测试场景",
                "approved": [replies[(n, 0)], replies[(n, 1)]], "owner": "测试组",
                "updated": "2026-11-01", "review_by": "2027-11-01"} for n in range(ENTRIES)]
    for n, entry in enumerate(entries):
        if n in VIOLATIONS:
            entry["forbidden"] = [{"text": "自己看", "reason": "生硬"}]
            entry["channels"] = ["chat"]
    (src / "presale" / "bulk.yaml").write_text(
        yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False), "utf-8")
    return src, replies


def _near_duplicates(src: Path) -> list[tuple[int, str]]:
    result = check_source(src, TODAY)
    return [(f.line, f.message) for f in result.findings if f.code == "W004"]


def _findings(src: Path) -> list[tuple[str, int, int, str, str]]:
    return [(f.file, f.line, f.column, f.code, f.message) for f in check_source(src, TODAY).findings]


def test_planted_near_duplicates_are_found_and_nothing_else(tmp_path: Path) -> None:
    src, _ = _library(tmp_path)
    found = _near_duplicates(src)
    assert len(found) == len(PLANTED)
    for (_, message), (_, original, _) in zip(found, sorted(PLANTED, key=lambda p: p[0]), strict=True):
        assert f"bulk-{original:04d}" in message


def test_two_processes_report_what_one_process_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, _ = _library(tmp_path)
    assert hasattr(os, "fork"), "this test needs a system with fork"
    workers: list[bool] = []
    real_worker = background.Worker

    def recording_worker(work: Callable, parallel: bool) -> Worker:
        worker = real_worker(work, parallel)
        workers.append(worker._pid != 0)  # a second process was started
        return worker

    monkeypatch.setattr(background, "Worker", recording_worker)
    monkeypatch.setattr(background, "PARALLEL_FROM_BYTES", 0)
    split = _findings(src)
    monkeypatch.setattr(background, "PARALLEL_FROM_BYTES", 10**12)
    alone = _findings(src)
    assert workers == [True, False]
    assert split == alone
    assert sum(code == "W004" for _, _, _, code, _ in split) == len(PLANTED)
    for n in VIOLATIONS:  # every reply check fired in the second process, at the entry's line
        codes = {code for _, line, _, code, _ in split if line == _line_of(src, n)}
        assert codes == REPLY_CODES


def _line_of(src: Path, n: int) -> int:
    """The line of entry n's rule-breaking reply in the generated file."""
    lines = (src / "presale" / "bulk.yaml").read_text("utf-8").splitlines()
    entry = lines.index(f"- id: bulk-{n:04d}")
    return next(i for i in range(entry, len(lines)) if "这个我也不知道呢" in lines[i]) + 1


def _numbers(messages: Iterable[int]) -> Iterator[int | list[int]]:
    received = list(messages)
    yield sum(received)
    yield [n * n for n in received]


def _worker(parallel: bool, numbers: range) -> Worker[int, int | list[int]]:
    worker: Worker[int, int | list[int]] = Worker(_numbers, parallel)
    for n in numbers:
        worker.send(n)
    return worker


@pytest.mark.parametrize("parallel", [True, False])
def test_worker_streams_messages_in_and_results_out(parallel: bool) -> None:
    worker = _worker(parallel, range(1, 2001))
    assert worker.receive() == 2001000
    assert worker.receive() == [n * n for n in range(1, 2001)]
    worker.stop()


def test_worker_that_dies_is_replaced_by_the_same_work_here() -> None:
    worker = _worker(True, range(5))
    assert worker.receive() == 10
    os.kill(worker._pid, signal.SIGKILL)  # the child is gone before its second result
    assert worker.receive() == [0, 1, 4, 9, 16]  # computed in this process from the same messages
    worker.stop()


def test_worker_runs_in_place_without_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    worker = _worker(True, range(3))
    assert worker._pid == 0
    assert worker.receive() == 3


def test_stopped_worker_leaves_no_process_behind() -> None:
    worker = _worker(True, range(3))
    pid = worker._pid
    worker.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped


def test_blocks_go_to_exactly_one_process(tmp_path: Path) -> None:
    blocks = similarity.Blocks(shared=True)
    blocks.deal(10_000)
    report = tmp_path / "child.txt"
    pid = os.fork()
    if pid == 0:  # the child takes blocks as fast as it can and writes down what it took
        report.write_text(",".join(map(str, blocks.take())))
        os._exit(0)
    mine = list(blocks.take())
    os.waitpid(pid, 0)
    blocks.close()
    theirs = [int(n) for n in report.read_text().split(",") if n]
    assert sorted(mine + theirs) == list(range(10_000))


def test_worker_runs_in_place_beside_other_threads() -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        worker = _worker(True, range(4))
        assert worker._pid == 0
        assert worker.receive() == 6
    finally:
        stop.set()
        server.join()
