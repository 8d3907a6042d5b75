"""`handbook quiz`: write a training quiz as a standalone HTML file (or JSON)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.commands.options import add_src, source_dir
from generator.errors import UsageError
from generator.quiz import DEFAULT_COUNT, DEFAULT_SEED

ORDER = 43


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "quiz", help="生成培训测验（网页，可打印）",
        description="从话术库出题：“这个场景应该怎么回复？”和“这句话哪里不妥？”。"
                    "同一个 --seed 总是生成同一份试卷；输出 .html（浏览器里作答评分，可打印，答案单独一页）"
                    "或 .json。")
    add_src(parser)
    parser.add_argument("--seed", type=int, metavar="编号", default=DEFAULT_SEED,
                        help=f"试卷编号（随机种子，默认 {DEFAULT_SEED}，与网站相同）")
    parser.add_argument("--count", type=_positive, metavar="题数", default=DEFAULT_COUNT,
                        help=f"题目数量（默认 {DEFAULT_COUNT}）")
    parser.add_argument("--out", required=True, metavar="文件", help="输出文件：.html 或 .json")
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"题目数量应为正整数：{value}")
    return int(value)


def run(args: argparse.Namespace) -> int:
    from generator.files import write_atomically
    from generator.model import load_library
    from generator.quiz.html import standalone_html
    from generator.quiz.questions import build_quiz

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm", ".json"):
        raise UsageError(f"不支持的输出格式 {out.suffix or '（无扩展名）'}：请用 .html 或 .json 结尾的文件名")
    library, _ = load_library(source_dir(args.src))
    quiz = build_quiz(library, args.seed, args.count)
    if not quiz.questions:
        raise UsageError("话术库里还没有足够的内容出题：需要标准回复（approved）和带原因的禁用说法（forbidden）")
    if out.suffix.lower() == ".json":
        text = json.dumps(quiz.as_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = standalone_html(quiz, f"{library.title} · 培训测验（试卷编号 {args.seed}）")
    write_atomically(out, text.encode("utf-8"))
    short = f"（话术库内容不足，少于要求的 {args.count} 题）" if len(quiz.questions) < args.count else ""
    print(f"已生成 {len(quiz.questions)} 道题{short}：{out}")
    return 0
