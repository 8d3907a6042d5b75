"""The command line speaks Chinese everywhere, argparse's own usage, help and errors included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "required", "invalid choice",
           "unrecognized", "expected", "argument ")
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as done:  # argparse ends --help, --version and usage errors itself
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_chinese(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = _run(capsys, *([command] if command else []), "--help")
    assert code == 0 and out.startswith("用法：handbook") and "显示这段帮助并退出" in out
    assert [word for word in ENGLISH if word in out.lower()] == []


@pytest.mark.parametrize(("args", "says"), [
    ((), "缺少必需的参数：命令"),
    (("nosuch",), "'nosuch' 不是可选的值"),
    (("new",), "缺少必需的参数：分类, 标题"),
    (("export", "--channel", "fax"), "参数 --channel：'fax' 不是可选的值（可选：'chat', 'phone', 'all'）"),
    (("check", "--bogus"), "无法识别的参数：--bogus"),
    (("build", "--src"), "参数 --src：后面要写一个值"),
    (("quiz", "--seed", "abc", "--out", "x.html"), "参数 --seed：'abc' 不是有效的值"),
    (("check", "--today", "2026-13-01"), "日期格式应为 YYYY-MM-DD：2026-13-01"),
])
def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str) -> None:
    code, _, err = _run(capsys, *args)
    assert code == 2 and says in err and "错误：" in err and err.startswith("用法：")
    assert [word for word in ENGLISH if word in err.lower()] == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_check_takes_src_as_an_option_too(capsys: pytest.CaptureFixture[str], starter_src: Path) -> None:
    by_position = _run(capsys, "check", str(starter_src), "--format", "line")
    by_option = _run(capsys, "check", "--src", str(starter_src), "--format", "line")
    assert by_position == by_option and by_option[0] == 0


def test_a_closed_pipe_is_no_traceback() -> None:
    done = subprocess.run(f"{sys.executable} -m generator.cli rules | head -1", shell=True, cwd=ROOT,
                          capture_output=True, text=True)
    assert done.stdout.startswith("Y001") and done.stderr == ""
