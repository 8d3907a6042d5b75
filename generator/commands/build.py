"""`handbook build`: check the source, then publish the site and every output into one folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_src, add_vars, keep_editor_schemas

ORDER = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build", help="检查并生成手册网站和全部输出文件",
        description="先检查话术源文件（有错误就停止，原有网站保持不变），再生成手册网站、打印表和快捷短语文件。")
    add_src(parser)
    parser.add_argument("--out", default="site", metavar="文件夹", help="输出文件夹（默认 site）")
    add_vars(parser)
    parser.add_argument("--variant", metavar="版本", help="生成繁体中文版：zh-Hant（台湾用语）、zh-Hant-HK（香港）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from generator.lint.report import warnings_note
    from generator.site.context import load_context
    from generator.site.publish import build_site
    from generator.text.progress import Progress

    if args.variant:
        from generator.variant.names import variant

        variant(args.variant)  # refuse an unknown name before any work
    with Progress("检查源文件"):
        ctx = replace(load_context(Path(args.src), args.var, variant=args.variant), progress=True)
    notes = build_site(ctx, Path(args.out))
    keep_editor_schemas(Path(args.src))
    library = ctx.library
    note = warnings_note(ctx.warnings)
    for text in ([note] if note else []) + notes:
        print(text)
    print(f"已生成手册网站：{args.out}/（{len(library.entries)} 条话术，{len(library.categories)} 个分类）。"
          f"用浏览器打开 {args.out}/index.html 即可查看。")
    return 0
