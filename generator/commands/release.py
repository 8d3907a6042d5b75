"""`handbook release`: record the current source as a release (`releases/<date>.json`).

The site's "最近更新" page and `handbook diff` compare against the newest release file, so the
trainer runs this when publishing and commits the file together with the source.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.commands.options import add_src, date_argument, source_dir
from generator.errors import UsageError

ORDER = 41


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "release", help="记录一次发布（供“最近更新”页和 diff 对比）",
        description="检查通过后，把当前全部话术的清单写入 releases/<日期>.json（与源文件夹同级）。"
                    "网站的“最近更新”页列出自上次发布以来的变化；请把这个文件和源文件一起提交。")
    add_src(parser)
    parser.add_argument("--date", type=date_argument, metavar="日期", help="发布日期（默认今天）")
    parser.add_argument("--force", action="store_true", help="内容没有变化时也写入")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.files import write_atomically
    from generator.lint.engine import checked_library
    from generator.releases.diff import compare
    from generator.releases.manifest import build_manifest, latest_release, read_manifest, releases_dir

    src = source_dir(args.src)
    date = args.date or dt.date.today()
    manifest = build_manifest(checked_library(src, date, "不能发布").library, released=date)
    latest = latest_release(src)
    if latest and latest[0] > date:
        raise UsageError(f"已有更晚的发布记录 {latest[1].name}：发布日期不能早于它")
    previous = read_manifest(latest[1]) if latest else None
    if previous and previous.same_content(manifest) and not args.force:
        print(f"与上次发布（{previous.released}）相比没有变化，没有写入新的发布记录。")
        return 0
    target = releases_dir(src) / f"{date.isoformat()}.json"
    write_atomically(target, manifest.to_json(with_content=True).encode("utf-8"))
    change = compare(previous, manifest).summary() if previous else f"首次发布，共 {len(manifest.entries)} 条话术"
    shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
    print(f"已写入发布记录 {shown}（{change}）。请把它和源文件一起提交。")
    return 0
