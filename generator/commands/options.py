"""What several commands share, written once: the source folder option, `--var`, dates."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
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


def keep_editor_schemas(src: Path) -> None:
    """Install or refresh the folder's `.schema/` for the editors, and say so on stderr (stdout may
    be a report in JSON); a folder that cannot be written to is left as it is."""
    from generator.errors import BuildError
    from generator.source.editors import FOLDER, refresh_editor_schemas, wants_editor_schemas

    if not wants_editor_schemas(src):
        return
    try:
        written = refresh_editor_schemas(src)
    except BuildError as err:
        print(f"没能更新编辑器用的 {src / FOLDER}：{err}", file=sys.stderr)
        return
    if written:
        print(f"已更新 {src / FOLDER}/（{len(written)} 个文件）：VS Code 的 YAML 插件据此提示拼错的键和写错的值",
              file=sys.stderr)
