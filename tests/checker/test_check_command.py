"""`handbook check` as a trainer uses it: positions, output formats, exit codes, settings."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from pathlib import Path

import pytest
from corpus_support import TODAY

from generator.cli import main
from generator.lint.engine import check_source
from generator.memory import FULL_COLLECTION_EVERY

PRICE = "presale/price.yaml"


def run(src: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["check", str(src), "--today", TODAY, *extra])
    return code, capsys.readouterr().out


def edit(src: Path, rel: str, old: str, new: str) -> None:
    path = src / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_typo_in_key_points_at_line_and_column_with_suggestion(library, capsys) -> None:
    lines = (library / PRICE).read_text("utf-8").splitlines()
    # put six comment lines on top so that `approved:` lands on line 12
    lines = ["# 备注"] * 6 + lines
    assert lines[11] == "    approved:"
    lines[11] = "    aproved:"
    (library / PRICE).write_text("\n".join(lines) + "\n", "utf-8")
    code, out = run(library, capsys, "--format", "line")
    assert code == 1
    assert f"{PRICE}:12:5: S001 未知的键「aproved」" in out
    assert "是不是想写 approved？" in out


def test_spaced_out_forbidden_word_is_found_at_its_first_character(library, capsys) -> None:
    edit(library, PRICE, "实在不能再优惠了", "这个我也不 知 道呢")
    code, out = run(library, capsys, "--format", "line")
    line = (library / PRICE).read_text("utf-8").splitlines()[6]
    assert code == 1
    assert f"{PRICE}:7:{line.index('不 知') + 1}: W001" in out


def test_except_phrase_is_not_flagged(library, capsys) -> None:
    edit(library, PRICE, "实在不能再优惠了", "第一时间为您处理")
    assert run(library, capsys) == (0, "检查通过：2 条话术，没有发现问题。\n")


def test_warnings_only_exit_zero_and_json_lists_them(library, capsys) -> None:
    edit(library, PRICE, "实在不能再优惠了", "全网销量第一")
    code, out = run(library, capsys, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [(f["code"], f["level"], f["file"]) for f in data["findings"]] == [("W001", "warning", PRICE)]
    assert data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 1


def test_human_format_groups_by_file_and_shows_the_line(library, capsys) -> None:
    edit(library, PRICE, "实在不能再优惠了", "我也不知道")
    code, out = run(library, capsys)
    assert code == 1
    assert PRICE in out and "我也不知道" in out and "^" in out and "1 个错误" in out


def test_max_reply_length_is_configurable(library, capsys) -> None:
    with (library / "handbook.yaml").open("a", encoding="utf-8") as f:
        f.write("check:\n  max_reply_length: 20\n")
    code, out = run(library, capsys, "--format", "line")
    assert code == 0 and "W003" in out and "超过上限 20" in out


def test_rules_can_be_disabled_in_settings(library, capsys) -> None:
    edit(library, "greeting/opening.yaml", "亲，您好", "亲,您好")
    assert "T001" in run(library, capsys, "--format", "line")[1]
    with (library / "handbook.yaml").open("a", encoding="utf-8") as f:
        f.write("check:\n  disable: [T001]\n")
    assert run(library, capsys, "--format", "line") == (0, "")


def test_typography_can_be_switched_off(library, capsys) -> None:
    edit(library, "greeting/opening.yaml", "亲，您好", "亲,您好...")
    with (library / "handbook.yaml").open("a", encoding="utf-8") as f:
        f.write("check:\n  typography: false\n")
    assert run(library, capsys, "--format", "line") == (0, "")


def test_review_date_uses_today(library, capsys) -> None:
    assert run(library, capsys, "--format", "line") == (0, "")
    assert main(["check", str(library), "--today", "2027-06-01", "--format", "line"]) == 0
    assert capsys.readouterr().out.count("M001") == 2


def test_missing_source_folder_is_a_usage_error(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "找不到话术源文件夹" in capsys.readouterr().err


def test_empty_folder_names_the_missing_files(tmp_path, capsys) -> None:
    code, out = run(tmp_path, capsys, "--format", "line")
    assert code == 1
    assert all(name in out for name in ("handbook.yaml", "policies.yaml", "lexicon.yaml"))


def test_checking_again_releases_what_the_last_check_kept(library: Path) -> None:
    """`handbook serve` checks the source on every save: the garbage of the previous build must not
    stay frozen with the new library (memory would grow by a library per rebuild)."""
    check_source(library, dt.date(2026, 11, 22))
    kept = gc.get_freeze_count()
    for _ in range(3):
        cycles = [[] for _ in range(20_000)]
        for item in cycles:
            item.append(item)  # garbage only the cycle collector can free
        del cycles
        check_source(library, dt.date(2026, 11, 22))
    assert gc.get_freeze_count() < kept + 20_000


def test_cycles_frozen_while_alive_are_collected_within_a_few_checks(library: Path) -> None:
    """Objects alive when a check freezes its library may later die in a cycle (a rebuild's
    configuration, say): the periodic full collection frees them, so they cannot pile up."""
    kept = [[] for _ in range(20_000)]
    for item in kept:
        item.append(item)
    check_source(library, dt.date(2026, 11, 22))  # freezes the cycles along with the library
    frozen = gc.get_freeze_count()
    del kept  # garbage now, but frozen: only a collection that unfreezes can free it
    for _ in range(FULL_COLLECTION_EVERY):
        check_source(library, dt.date(2026, 11, 22))
    assert gc.get_freeze_count() < frozen - 15_000


def test_text_from_the_source_cannot_drive_the_terminal(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An ESC in a value (clear screen, window title) is printed as its escape; a file name with
    `:` cannot pass for a finding of its own in `--format line`."""
    path = library / "presale" / "price.yaml"
    text = path.read_text("utf-8").replace("channels: [chat]", 'channels: ["\\e[2J\\e]0;pwned\\a"]')
    path.write_text(text, "utf-8")
    (library / "presale" / "a:1:1: S000 fake.yaml").write_text("entries: 3\n", "utf-8")
    for fmt in ("line", "human"):
        main(["check", str(library), "--format", fmt, "--today", TODAY])
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
    main(["check", str(library), "--format", "line", "--today", TODAY])
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.startswith('"presale/a:1:1: S000 fake.yaml":1:10: S002')]
    assert not [line for line in lines if line.startswith("presale/a:1:1")]


def test_links_inside_are_read_and_linked_folders_are_not_entered(library: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (library / "presale" / "loop").symlink_to("..")  # rglob would walk round this for ever
    (library / "presale" / "again.yaml").symlink_to("../greeting/opening.yaml")
    assert main(["check", str(library), "--format", "line", "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert "presale/again.yaml:2:9: R002" in out and "loop" not in out



def test_a_pipe_and_a_folder_nested_a_thousand_deep_are_findings_not_a_hang(library, capsys) -> None:
    os.mkfifo(library / "greeting" / "pipe.yaml")  # reading it would block forever
    deep = library / "greeting"
    for _level in range(1200):  # past the recursion limit of a recursive walk (and of os.makedirs)
        deep = deep / "d"
        deep.mkdir()
    (deep / "x.yaml").write_text("entries: []\n", "utf-8")
    try:
        code, out = run(library, capsys, "--format", "line")
    finally:
        while deep != library / "greeting":  # a tree this deep is removed from the bottom up
            for child in deep.iterdir():
                child.unlink()
            deep.rmdir()
            deep = deep.parent
    assert code == 1
    tail = "。源文件夹里只放话术 YAML 文件和分类文件夹"
    assert out.splitlines() == [f"greeting/{'d/' * 15}d:1:1: Y008 没有读取这里：文件夹嵌套超过 16 层{tail}",
                                f"greeting/pipe.yaml:1:1: Y008 没有读取这里：它不是普通文件（管道、设备之类）{tail}"]


def test_ten_thousand_files_are_all_read(library, capsys) -> None:
    for n in range(10_000):
        (library / "greeting" / f"part-{n:05d}.yaml").write_text("entries: []\n", "utf-8")
    (library / "greeting" / "part-09999.yaml").write_text("entries:\n  - idd: x\n", "utf-8")  # the last one too
    code, out = run(library, capsys, "--format", "line")
    assert code == 1 and out.startswith("greeting/part-09999.yaml:2:5: S001")
