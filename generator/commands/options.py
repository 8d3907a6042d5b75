"""What several commands share, written once: the source folder option, `--var`, dates."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.errors import UsageError

DEFAULT_SRC = "scripts_src"
SRC_HELP = f"源文件夹（默认 {DEFAULT_SRC}）"


def add_src(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src", default=DEFAULT_SRC, metavar="文件夹", help=SRC_HELP)


def add_vars(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--var", action="append", default=[], metavar="名称=值",
                        help="给占位符填值，如 --var 店铺名称=小蓝鲸旗舰店（可重复）")


def add_today(parser: argparse.ArgumentParser, shown: bool = True) -> None:
    parser.add_argument("--today", type=date_argument, metavar="日期",
                        help="按这一天判断复核日期（默认今天）" if shown else argparse.SUPPRESS)


def date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{value}") from None


def source_dir(value: str | Path) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"找不到话术源文件夹：{value}（默认是 {DEFAULT_SRC}，也可以写在命令后面）")
    return path
