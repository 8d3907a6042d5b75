"""`handbook review`: the review queue on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from generator.commands.options import add_src, add_today, source_dir

if TYPE_CHECKING:
    from generator.review import ReviewItem

ORDER = 42


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review", help="列出需要复核的话术",
        description="列出已过复核日期（review_by）、没有负责人（owner）、"
                    "或引用的政策在话术更新之后又更新了的话术，附文件:行号。")
    add_src(parser)
    add_today(parser)
    parser.add_argument("--format", choices=("human", "json"), default="human", metavar="格式",
                        help="输出格式（默认 human）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.model import load_library
    from generator.review import counts_line, review_items

    library, _ = load_library(source_dir(args.src))
    today = args.today or dt.date.today()
    items = review_items(library, today)
    if args.format == "json":
        print(json.dumps({"today": today.isoformat(), "items": [_item_json(i) for i in items]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"复核清单（按 {today.isoformat()} 计算）：{counts_line(items)}")
    for item in items:
        owner = f"（{item.entry.owner}）" if item.entry.owner else ""
        print(f"\n{item.where}  {item.entry.id}  {item.entry.title}{owner}")
        print("\n".join(f"    · {reason.message}" for reason in item.reasons))
    return 0


def _item_json(item: ReviewItem) -> dict:
    return {"id": item.entry.id, "title": item.entry.title, "category": item.entry.category,
            "owner": item.entry.owner, "where": item.where,
            "reasons": [{"kind": r.kind, "message": r.message} for r in item.reasons]}
