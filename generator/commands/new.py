"""`handbook new CATEGORY TITLE`: append a ready-to-fill entry, its id read from the title's pinyin."""

from __future__ import annotations

import argparse
import datetime as dt

from generator.commands.options import add_src, add_today, source_dir
from generator.errors import UsageError

ORDER = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="新建一条话术", description="在分类文件夹里追加一条待填写的话术，"
                                   "编号按标题拼音自动生成。")
    parser.add_argument("category", metavar="分类", help="分类编号，如 presale")
    parser.add_argument("title", metavar="标题", help="话术标题，如 顾客议价")
    add_src(parser)
    parser.add_argument("--file", metavar="文件名", help="追加到分类文件夹里的哪个文件（默认第一个文件）")
    add_today(parser, shown=False)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.model import load_library
    from generator.source.scaffold import ScaffoldError, add_entry

    src = source_dir(args.src)
    library, _ = load_library(src)
    categories = [c.id for c in library.categories]
    try:
        new = add_entry(src, categories, {e.id for e in library.entries}, args.category, args.title, args.file,
                        args.today or dt.date.today())
    except ScaffoldError as err:
        raise UsageError(str(err)) from None
    rel = new.path.relative_to(src).as_posix()
    print(f"已在 {rel} 第 {new.line} 行添加话术 {new.entry_id}。"
          f"请填写 scenario、questions 和 approved，然后运行 handbook check。")
    return 0
