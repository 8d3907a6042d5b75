"""`handbook rules [CODE]`: the rule registry, or one rule's doc with its examples."""

from __future__ import annotations

import argparse
import json

from generator.errors import UsageError

ORDER = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("rules", help="列出全部检查规则", description="列出全部检查规则；"
                                   "给出编号时显示这条规则的说明和正反示例。")
    parser.add_argument("code", nargs="?", metavar="编号", help="规则编号，如 W001")
    parser.add_argument("--format", choices=("human", "json"), default="human", metavar="格式",
                        help="输出格式：human（默认）或 json")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.lint.registry import rules
    from generator.lint.report import LEVEL_NAMES

    table = rules()
    if args.code:
        rule = table.get(args.code.upper())
        if rule is None:
            raise UsageError(f"没有规则 {args.code}：运行 handbook rules 查看全部规则")
        print(f"{rule.code} {rule.name}（默认级别：{LEVEL_NAMES[rule.level]}）\n")
        print(f"{rule.summary}\n\n{rule.doc}\n\n错误示例：\n{_indent(rule.bad)}\n\n"
              f"正确示例：\n{_indent(rule.good)}")
        return 0
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "level": r.level,
                           "summary": r.summary, "doc": r.doc, "bad": r.bad, "good": r.good}
                          for r in table.values()], ensure_ascii=False, indent=2))
        return 0
    for rule in table.values():
        print(f"{rule.code}  {rule.name:<26} {LEVEL_NAMES[rule.level]}  {rule.summary}")
    print("\n查看某条规则的说明和示例：handbook rules <编号>，如 handbook rules W001")
    return 0


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
