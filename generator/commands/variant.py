"""`handbook variant`: write a Traditional Chinese copy of the source folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_src, source_dir
from generator.variant.names import DEFAULT_VARIANT, VARIANTS, variant

ORDER = 45


def register(subparsers: argparse._SubParsersAction) -> None:
    names = "、".join(f"{name}（{v.label}）" for name, v in VARIANTS.items())
    parser = subparsers.add_parser(
        "variant", help="生成繁体中文版的源文件",
        description=f"用 OpenCC 把整个源文件夹转换为繁体中文，写入新文件夹；编号、快捷编码、日期、链接不变。"
                    f"之后可以照常运行 handbook check 和生成网站。可选版本：{names}。")
    parser.add_argument("--to", default=DEFAULT_VARIANT, metavar="版本",
                        help=f"目标版本：{'、'.join(VARIANTS)}（默认 {DEFAULT_VARIANT}）")
    parser.add_argument("--out", required=True, metavar="文件夹",
                        help="输出文件夹（已存在时整体替换，但只替换以前生成的源文件夹）")
    add_src(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.files import replaced_folder
    from generator.variant.convert import convert_source

    src = source_dir(args.src)
    target = variant(args.to)
    out = Path(args.out)
    with replaced_folder(out, "源文件夹", lambda folder: (folder / "handbook.yaml").is_file(), src) as staging:
        convert_source(src, staging, args.to)
    print(f"已把 {src} 转换为 {target.label}：{out}\n检查：handbook check {out}")
    return 0
