"""`handbook variant`: write a Traditional Chinese copy of the source folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_src, source_dir
from generator.errors import UsageError
from generator.variant.names import DEFAULT_VARIANT, VARIANTS, variant

ORDER = 45


def register(subparsers: argparse._SubParsersAction) -> None:
    names = "、".join(f"{name}（{v.label}）" for name, v in VARIANTS.items())
    parser = subparsers.add_parser(
        "variant", help="生成繁体中文版的源文件",
        description=f"用 OpenCC 把整个源文件夹转换为繁体中文，写入新文件夹；编号、快捷编码、日期、链接不变。"
                    f"之后可以照常运行 handbook check 和生成网站。可选版本：{names}。")
    parser.add_argument("--to", default=DEFAULT_VARIANT,
                        help=f"目标版本：{'、'.join(VARIANTS)}（默认 {DEFAULT_VARIANT}）")
    parser.add_argument("--out", required=True, help="输出文件夹（已存在时整体替换，但只替换以前生成的源文件夹）")
    add_src(parser)
    parser.set_defaults(func=run)


def check_output_folder(src: Path, out: Path) -> None:
    """The output is replaced as a whole: never the source itself, never an unrelated folder."""
    if src.resolve().is_relative_to(out.resolve()):
        raise UsageError(f"输出文件夹 {out} 不能是源文件夹或包含源文件夹")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "handbook.yaml").is_file())):
        raise UsageError(f"{out} 已存在，且不像是以前生成的源文件夹（没有 handbook.yaml）："
                         "为安全起见不会覆盖，请换一个文件夹")


def run(args: argparse.Namespace) -> int:
    from generator.files import replaced_folder
    from generator.variant.convert import convert_source

    src = source_dir(args.src)
    target = variant(args.to)
    out = Path(args.out)
    check_output_folder(src, out)
    with replaced_folder(out) as staging:
        convert_source(src, staging, args.to)
    print(f"已把 {src} 转换为 {target.label}：{out}\n检查：handbook check {out}")
    return 0
