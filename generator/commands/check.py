"""`handbook check`: every finding of the source, with file:line:column, rule and advice."""

from __future__ import annotations

import argparse
import sys

from generator.commands.options import DEFAULT_SRC, SRC_HELP, add_today, keep_editor_schemas, source_dir

ORDER = 1
FORMATS = ("human", "line", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="检查话术源文件", description="检查话术源文件，"
                                   "列出每个问题的文件:行:列、规则编号和修改建议。有错误时退出码为 1。")
    parser.add_argument("src", nargs="?", default=DEFAULT_SRC, metavar="源文件夹", help=SRC_HELP)
    parser.add_argument("--src", dest="src_option", metavar="文件夹", help="源文件夹，同上（与其他命令的写法一样）")
    parser.add_argument("--format", "--output-format", choices=FORMATS, default="human", metavar="格式",
                        help="输出格式：human（默认，分组显示）、line（每行一个问题）、json")
    add_today(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.lint import report
    from generator.lint.engine import check_source

    src = source_dir(args.src_option or args.src)
    result = check_source(src, args.today)
    keep_editor_schemas(src)
    colour = args.format == "human" and sys.stdout.isatty()
    text = report.render(result.findings, args.format, sources=result.sources, colour=colour,
                         entries=len(result.library.entries))
    if text:
        print(text)
    return 0 if result.ok else 1
