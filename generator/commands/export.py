"""`handbook export`: quick-phrase files for chat tools, text expanders and input methods."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.options import add_src, add_vars
from generator.errors import UsageError
from generator.exports import PROFILE_FOLDER

if TYPE_CHECKING:
    from generator.exports.profiles import Profile
ORDER = 40
ALL = "all"
DEFAULT_OUT = "exports"
EXAMPLES_LISTED = 6


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="导出快捷短语文件（千牛、Espanso、输入法等）",
        description="把审核过的回复导出为各工具可导入的快捷短语文件。导出前会先检查源文件，有错误时不导出。"
                    f"自定义目标：写一个导出配置 YAML，用 --profile 指定，或放进源文件夹旁边的 {PROFILE_FOLDER}/。")
    parser.add_argument("--target", "-t", action="append", default=[], metavar="目标",
                        help=f"导出目标，可重复；{ALL} 表示全部（默认；用 --list 查看）")
    parser.add_argument("--out", "-o", metavar="文件夹", default=DEFAULT_OUT, help=f"输出文件夹（默认 {DEFAULT_OUT}）")
    add_vars(parser)
    parser.add_argument("--blanks", action="store_true",
                        help="没有值也没有示例值的店铺信息保留为【名称】空格，而不是拒绝导出"
                             "（客服和顾客的占位符总是留给使用时填写）")
    parser.add_argument("--channel", choices=("chat", "phone", "all"),
                        help="只导出某个渠道的话术（默认按目标：多数为 chat 在线回复）")
    parser.add_argument("--category", action="append", default=[], metavar="分类",
                        help="只导出这个分类（可重复）")
    add_src(parser)
    parser.add_argument("--profile", action="append", default=[], type=Path, metavar="文件",
                        help="额外的导出配置 YAML（可重复）；不写 --target 时只导出这些配置")
    parser.add_argument("--strict", action="store_true",
                        help="有回复放不进某个工具的格式（如 Rime 不认带数字的编码）时不写任何文件、以 1 退出；"
                             "默认照常写入其余回复，并列出略过的话术和 文件:行号")
    parser.add_argument("--list", action="store_true", help="列出全部导出目标")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.exports.phrases import ExportOptions
    from generator.exports.run import export_targets, left_out, profile_file, targets, write_outputs
    from generator.lint.engine import checked_library
    from generator.lint.report import warnings_note
    from generator.text.placeholders import assignments
    from generator.text.suggest import closest

    src = Path(args.src)
    profiles = targets(src if src.is_dir() else None, args.profile)
    if args.list:
        print(_target_table(profiles))
        return 0
    # `--profile my-tool.yaml` alone exports that profile; nothing named: every target
    chosen = _chosen(profiles, args.target or [profile_file(path).id for path in args.profile] or [ALL])
    if not src.is_dir():
        raise UsageError(f"找不到话术源文件夹：{args.src}")
    checked = checked_library(src, dt.date.today(), "已停止导出")
    library = checked.library
    given = assignments(args.var, library.placeholders, library.per_customer)
    variables = library.values_to_publish(given)
    known = [c.id for c in library.categories]
    for category in args.category:
        if category not in known:
            close = closest(category, known)
            hint = f"是不是 {close}？" if close else f"可用的分类：{'、'.join(known)}"
            raise UsageError(f"没有分类「{category}」：{hint}")
    options = ExportOptions(variables=variables, channel=args.channel, categories=tuple(args.category),
                            blanks=args.blanks, skip_invalid=not args.strict)
    outputs = export_targets(library, chosen, options)
    note = warnings_note(checked.findings)
    if note:
        print(note)
    if examples := library.examples_used(given):
        more = f" 等 {len(examples)} 项" if len(examples) > EXAMPLES_LISTED else ""
        print(f"店铺信息用了 handbook.yaml 里的示例值：{'、'.join(examples[:EXAMPLES_LISTED])}{more}。"
              f"请用 --var {examples[0]}=实际值 填写，免得把示例发给顾客。")
    for output, path in zip(outputs, write_outputs(outputs, Path(args.out)), strict=True):
        skipped = f"（略过 {output.skipped_replies} 条，见下）" if output.skipped else ""
        print(f"{output.profile.label}：{output.count} 条 → {path}{skipped}")
    if report := left_out(outputs):
        print(report)
    return 0


def _target_table(profiles: dict[str, Profile]) -> str:
    width = max(len(p) for p in profiles)
    lines = [f"{p.id:<{width}}  {p.tool} · {p.file}  {p.notes}" for p in profiles.values()]
    return "\n".join([*lines, "", f"导出全部：--target {ALL}；自定义目标见 handbook export --help"])


def _chosen(profiles: dict[str, Profile], targets: list[str]) -> list[Profile]:
    from generator.text.suggest import closest

    if ALL in targets:
        return list(profiles.values())
    chosen = []
    for name in dict.fromkeys(targets):
        if name not in profiles:
            close = closest(name, profiles)
            hint = f"是不是 {close}？" if close else "运行 handbook export --list 查看全部目标"
            raise UsageError(f"没有导出目标「{name}」：{hint}")
        chosen.append(profiles[name])
    return chosen


