"""`handbook sheets`: print the quick-reply sheets as A4 PDF files."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.options import add_src, add_vars, date_argument
from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.model import Library
    from generator.sheets.render import RenderedSheet

ORDER = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sheets", help="生成 A4 打印速查表（PDF）",
        description="按分类、按渠道（在线 / 电话）和一页常用话术生成 A4 速查表 PDF。"
                    "占位符印成下划线空白，或用 --var 填入固定值。需要 fonts-noto-cjk（中文字体）。")
    parser.add_argument("--out", required=True, metavar="文件夹", help="PDF 输出文件夹")
    add_vars(parser)
    parser.add_argument("--sheet", action="append", metavar="编号",
                        help="只生成这张表，如 --sheet chat-top（可写多次；编号即文件名 sheet-<编号>.pdf 中间部分）")
    add_src(parser)
    parser.add_argument("--date", type=date_argument, metavar="日期",
                        help="页脚上的生成日期（默认今天或 SOURCE_DATE_EPOCH；同样的输入和日期生成同样的文件）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator import __version__
    from generator.lint.engine import checked_library
    from generator.lint.report import warnings_note
    from generator.sheets.plan import MAX_ITEMS
    from generator.sheets.render import render_sheets
    from generator.stamp import Stamp, build_date
    from generator.text.placeholders import assignments

    src = Path(args.src)
    date = args.date or build_date()
    if not src.is_dir():
        raise UsageError(f"找不到话术源文件夹：{src}")
    checked = checked_library(src, date, "没有生成速查表")
    library = checked.library
    note = warnings_note(checked.findings)
    if note:
        print(note)
    values = assignments(args.var, library.placeholders, library.per_customer)
    sheets = render_sheets(library, Stamp(library.title, date, __version__), values,
                           ids=_sheet_ids(args.sheet, library), progress=True)
    write_pdfs(Path(args.out), sheets)
    for rendered in sheets:
        print(f"{rendered.filename}  {rendered.sheet.title}  {rendered.pages} 页")
        if rendered.sheet.omitted and rendered.sheet.one_page:
            print(f"  提示：一页放不下，略去了 {rendered.sheet.omitted} 条（可减少标记 top: true 的话术）")
        elif rendered.sheet.omitted:
            print(f"  提示：每张表最多 {MAX_ITEMS} 条，略去了 {rendered.sheet.omitted} 条（请在手册网站上查找）")
    print(f"已生成 {len(sheets)} 份速查表到 {args.out}")
    return 0


def _sheet_ids(wanted: list[str] | None, library: Library) -> set[str] | None:
    from generator.sheets.plan import plan_sheets

    if not wanted:
        return None
    known = [sheet.id for sheet in plan_sheets(library)]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(f"没有编号为“{unknown[0]}”的速查表。可选：{'、'.join(known)}")
    return set(wanted)


def write_pdfs(out: Path, sheets: Sequence[RenderedSheet]) -> None:
    """Every file is written whole, after all of them rendered."""
    from generator.files import write_files

    write_files(out, ((rendered.filename, rendered.pdf or b"") for rendered in sheets))
