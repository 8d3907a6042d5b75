"""`handbook sheets`: print the quick-reply sheets as A4 PDF files."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.checks import check_source
from generator.cli import DEFAULT_SRC, _date
from generator.errors import BuildError, UsageError
from generator.model import Library
from generator.sheets.html import Stamp
from generator.sheets.render import RenderedSheet, SheetRenderer

ORDER = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sheets", help="生成 A4 打印速查表（PDF）",
        description="按分类、按渠道（在线 / 电话）和一页常用话术生成 A4 速查表 PDF。"
                    "占位符印成下划线空白，或用 --var 填入固定值。需要 chromium 和 fonts-noto-cjk。")
    parser.add_argument("--out", required=True, help="PDF 输出文件夹")
    parser.add_argument("--var", action="append", default=[], metavar="名称=值",
                        help="填入占位符，如 --var 店铺名称=小蓝鲸旗舰店（可写多次）")
    parser.add_argument("--src", default=DEFAULT_SRC, help=f"源文件夹（默认 {DEFAULT_SRC}）")
    parser.add_argument("--date", type=_date, help="页脚上的生成日期（默认今天；同样的输入和日期生成同样的文件）")
    parser.set_defaults(func=cmd_sheets)


def parse_vars(pairs: Sequence[str], library: Library) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--var 的写法应为 名称=值，如 --var 店铺名称=小蓝鲸旗舰店（收到：{pair}）")
        if name not in library.placeholders:
            known = "、".join(library.placeholders) or "（handbook.yaml 里没有声明占位符）"
            raise UsageError(f"--var 里的占位符“{name}”没有在 handbook.yaml 中声明。可用的占位符：{known}")
        values[name] = value
    return values


def cmd_sheets(args: argparse.Namespace) -> int:
    src = Path(args.src)
    if not src.is_dir():
        raise UsageError(f"找不到话术源文件夹：{args.src}")
    result = check_source(src, args.date)
    if not result.ok:
        raise BuildError(f"话术源文件有 {result.errors} 个错误，没有生成速查表。请先运行 handbook check {src} 并修正。")
    library = result.library
    stamp = Stamp(library.title, args.date or dt.date.today(), __version__)
    sheets = SheetRenderer(library, stamp, parse_vars(args.var, library)).with_pdfs()
    write_pdfs(Path(args.out), sheets)
    for rendered in sheets:
        print(f"{rendered.filename}  {rendered.sheet.title}  {rendered.pages} 页")
        if rendered.sheet.omitted:
            print(f"  提示：一页放不下，略去了 {rendered.sheet.omitted} 条（可减少标记 top: true 的话术）")
    print(f"已生成 {len(sheets)} 份速查表到 {args.out}")
    return 0


def write_pdfs(out: Path, sheets: Sequence[RenderedSheet]) -> None:
    """Every file is written whole (temporary file, then rename), after all of them rendered."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        for rendered in sheets:
            _write_atomically(out / rendered.filename, rendered.pdf or b"")
    except OSError as err:
        raise BuildError(f"无法写入 {out}：{err.strerror or err}") from None


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
