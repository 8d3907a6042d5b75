"""Pinyin kept between commands: a build (or an export) after an edit reads again only the texts
that changed and, when none did, loads neither jieba nor pypinyin; the output is byte-identical
either way. A damaged or unwritable memo only means reading again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tree_support import tree_digest

import generator.text.pinyin_memo as memo_module
from generator.text.pinyin_memo import PinyinMemo

ROOT = Path(__file__).resolve().parents[2]

# A `handbook` command, then whether jieba or pypinyin was ever imported.
RUN_AND_REPORT = """
import sys
from generator.cli import main
code = main(sys.argv[1:])
print("engines loaded:", any(m in sys.modules for m in ("jieba", "pypinyin")))
sys.exit(code)
"""


def handbook(cache: Path, *args: str | Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", RUN_AND_REPORT, *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()[-1]


def test_a_second_build_reads_no_pinyin_and_publishes_the_same_site(starter_src: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert handbook(cache, "build", "--src", starter_src, "--out", tmp_path / "first") == "engines loaded: True"
    assert list((cache / "handbook" / "pinyin").glob("*.marshal"))
    assert handbook(cache, "build", "--src", starter_src, "--out", tmp_path / "second") == "engines loaded: False"
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


def test_an_export_keeps_the_pinyin_of_its_codes_for_the_next(starter_src: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    export = ("export", "--src", starter_src, "--target", "all")
    assert handbook(cache, *export, "--out", tmp_path / "first") == "engines loaded: True"
    assert handbook(cache, *export, "--out", tmp_path / "second") == "engines loaded: False"
    assert tree_digest(tmp_path / "first") == tree_digest(tmp_path / "second")


class Counted:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, text: str) -> tuple[str, ...]:
        self.asked.append(text)
        return tuple(text)


def test_what_a_build_kept_is_answered_without_working_it_out(tmp_path: Path) -> None:
    path = tmp_path / "memo.marshal"
    first, work = PinyinMemo(lambda: path), Counted()
    assert first.get("cut", "退款没到账", work) == tuple("退款没到账")
    first.keep()
    later, again = PinyinMemo(lambda: path), Counted()
    assert later.get("cut", "退款没到账", again) == tuple("退款没到账")
    assert later.get("read", "退款没到账", again) == tuple("退款没到账")  # another kind: worked out
    assert again.asked == ["退款没到账"]


def worked_out_after(path: Path, builds: list[list[str]], asked: list[str]) -> list[str]:
    """The texts a new memo has to work out, of `asked`, after `builds` (each the texts it read) were kept."""
    memo = PinyinMemo(lambda: path)
    for texts in builds:
        for text in texts:
            memo.get("cut", text, Counted())
        memo.keep()
    later, work = PinyinMemo(lambda: path), Counted()
    for text in asked:
        later.get("cut", text, work)
    return work.asked


@pytest.mark.parametrize(("limit", "builds", "worked_out"), [
    (3, [["一", "二", "三"], ["四"]], ["三"]),  # the last build's text first, then the most recent older ones
    (2, [["一", "二", "三"]], ["四", "三"]),  # a build that read more than the limit keeps the first it read
])
def test_a_memo_keeps_the_last_build_first_and_no_more_than_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int, builds: list[list[str]],
        worked_out: list[str]) -> None:
    monkeypatch.setattr(memo_module, "LIMIT", limit)
    assert worked_out_after(tmp_path / "memo.marshal", builds, ["四", "一", "二", "三"]) == worked_out


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9", b"[1, 2]"])
def test_a_damaged_memo_means_reading_again(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "memo.marshal"
    path.write_bytes(content)
    memo, work = PinyinMemo(lambda: path), Counted()
    assert memo.get("cut", "发货", work) == ("发", "货")
    assert work.asked == ["发货"]
    memo.keep()
    assert PinyinMemo(lambda: path).get("cut", "发货", Counted()) == ("发", "货")


def test_a_memo_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    memo, work = PinyinMemo(lambda: blocked / "memo.marshal"), Counted()
    memo.get("cut", "发货", work)
    memo.keep()
    memo.get("cut", "发货", work)
    assert work.asked == ["发货"]  # still known in memory
