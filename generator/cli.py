"""The `handbook` command line. Messages are Chinese; exit 1 on errors, 2 on misuse."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.commands import command_modules
from generator.errors import BuildError, UsageError
from generator.lint import report
from generator.lint.engine import CheckResult, check_source
from generator.lint.registry import rules
from generator.source.schema import SCHEMA_FILES, json_schema

DEFAULT_SRC = "scripts_src"


def date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{value}") from None


def source_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"找不到话术源文件夹：{value}（默认是 {DEFAULT_SRC}，也可以写在命令后面）")
    return path


def run_check(src: Path, today: dt.date | None = None) -> CheckResult:
    return check_source(src, today)


def cmd_check(args: argparse.Namespace) -> int:
    src = source_dir(args.src)
    result = run_check(src, args.today)
    colour = args.format == "human" and sys.stdout.isatty()
    text = report.render(result.findings, args.format, sources=result.sources, colour=colour,
                         entries=len(result.library.entries))
    if text:
        print(text)
    return 0 if result.ok else 1


def cmd_rules(args: argparse.Namespace) -> int:
    table = rules()
    if args.code:
        rule = table.get(args.code.upper())
        if rule is None:
            raise UsageError(f"没有规则 {args.code}：运行 handbook rules 查看全部规则")
        print(f"{rule.code} {rule.name}（默认级别：{report.LEVEL_NAMES[rule.level]}）\n")
        print(f"{rule.summary}\n\n{rule.doc}\n\n错误示例：\n{_indent(rule.bad)}\n\n"
              f"正确示例：\n{_indent(rule.good)}")
        return 0
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "level": r.level,
                           "summary": r.summary, "doc": r.doc, "bad": r.bad, "good": r.good}
                          for r in table.values()], ensure_ascii=False, indent=2))
        return 0
    for rule in table.values():
        print(f"{rule.code}  {rule.name:<26} {report.LEVEL_NAMES[rule.level]}  {rule.summary}")
    print("\n查看某条规则的说明和示例：handbook rules <编号>，如 handbook rules W001")
    return 0


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def cmd_new(args: argparse.Namespace) -> int:
    from generator.model import load_library
    from generator.source.scaffold import ScaffoldError, add_entry

    src = source_dir(args.src)
    library, _ = load_library(src)
    try:
        new = add_entry(library, src, args.category, args.title, args.file,
                        args.today or dt.date.today())
    except ScaffoldError as err:
        raise UsageError(str(err)) from None
    rel = new.path.relative_to(src).as_posix()
    print(f"已在 {rel} 第 {new.line} 行添加话术 {new.entry_id}。"
          f"请填写 scenario、questions 和 approved，然后运行 handbook check。")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, shape in SCHEMA_FILES.items():
        text = json.dumps(json_schema(shape), ensure_ascii=False, indent=2) + "\n"
        (out / name).write_text(text, "utf-8")
    print(f"已写入 {len(SCHEMA_FILES)} 个 JSON Schema 到 {out}")
    return 0


CORE_COMMANDS = ("check", "rules", "new", "schema")


def build_parser(with_modules: bool = True) -> argparse.ArgumentParser:
    """Every command; without `with_modules`, only the core ones defined here."""
    parser = argparse.ArgumentParser(
        prog="handbook", description="话术手册：检查话术源文件，生成手册网站、打印表和快捷短语文件。")
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)

    check = sub.add_parser("check", help="检查话术源文件", description="检查话术源文件，"
                           "列出每个问题的文件:行:列、规则编号和修改建议。有错误时退出码为 1。")
    check.add_argument("src", nargs="?", default=DEFAULT_SRC, help="源文件夹（默认 scripts_src）")
    check.add_argument("--format", "--output-format", choices=report.FORMATS, default="human",
                       help="输出格式：human（默认，分组显示）、line（每行一个问题）、json")
    check.add_argument("--today", type=date_argument, help="按这一天判断复核日期（默认今天）")
    check.set_defaults(func=cmd_check)

    rule = sub.add_parser("rules", help="列出全部检查规则", description="列出全部检查规则；"
                          "给出编号时显示这条规则的说明和正反示例。")
    rule.add_argument("code", nargs="?", help="规则编号，如 W001")
    rule.add_argument("--format", choices=("human", "json"), default="human")
    rule.set_defaults(func=cmd_rules)

    new = sub.add_parser("new", help="新建一条话术", description="在分类文件夹里追加一条待填写的话术，"
                         "编号按标题拼音自动生成。")
    new.add_argument("category", help="分类编号，如 presale")
    new.add_argument("title", help="话术标题，如 顾客议价")
    new.add_argument("--src", default=DEFAULT_SRC, help="源文件夹（默认 scripts_src）")
    new.add_argument("--file", help="追加到分类文件夹里的哪个文件（默认第一个文件）")
    new.add_argument("--today", type=date_argument, help=argparse.SUPPRESS)
    new.set_defaults(func=cmd_new)

    schema = sub.add_parser("schema", help="导出源文件的 JSON Schema（供编辑器补全）")
    schema.add_argument("--out", default=f"{DEFAULT_SRC}/.schema", help="输出文件夹")
    schema.set_defaults(func=cmd_schema)
    for module in command_modules() if with_modules else ():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # A core command does not load the other commands' modules (a tenth of a second for `check`).
    parser = build_parser(with_modules=not argv or argv[0] not in CORE_COMMANDS)
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except UsageError as err:
        print(f"handbook: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"handbook: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def console() -> None:
    """The `handbook` program. After `handbook check` the process ends at once: freeing a
    10,000-entry library object by object takes longer than printing its report."""
    code = main()
    if sys.argv[1:2] == ["check"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    console()
