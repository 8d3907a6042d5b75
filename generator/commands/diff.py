"""`handbook diff [OLD]`: what changed since a release, a manifest file or a git version."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.options import add_src, source_dir
from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.releases.manifest import Manifest

ORDER = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="对比话术的变化（新增 / 修改 / 删除）",
        description="对比当前源文件和以前的版本，列出新增、修改、删除的话术及措辞的逐字差异。"
                    "OLD 可以是发布记录或清单文件（releases/2026-11-01.json、site/manifest.json），"
                    "也可以是 git 版本（HEAD~3、标签 v1.0、分支名）；"
                    "省略时与最近一次发布（releases/ 中最新的文件）对比。")
    parser.add_argument("old", nargs="?", metavar="OLD", help="旧版本：清单文件或 git 版本（默认最近一次发布）")
    add_src(parser)
    parser.add_argument("--format", choices=("human", "json"), default="human", metavar="格式",
                        help="输出格式（默认 human）")
    parser.set_defaults(func=run)


def old_manifest(src: Path, spec: str | None) -> Manifest:
    """The old side: the newest release by default, else a manifest file or a git ref."""
    from generator.releases.git import git_toplevel, is_git_ref, manifest_at_ref
    from generator.releases.manifest import latest_release, read_manifest

    if spec is None:
        latest = latest_release(src)
        if latest is None:
            raise UsageError("还没有发布记录（releases/ 下没有文件）：请指定旧版本，如 handbook diff HEAD~3，"
                             "或先运行 handbook release 记录一次发布")
        date, path = latest
        return replace(read_manifest(path), label=f"上次发布 {date.isoformat()}（{path.name}）")
    if Path(spec).is_file():
        return read_manifest(Path(spec))
    if is_git_ref(src, spec) or git_toplevel(src) is None:
        return manifest_at_ref(src, spec)  # outside git it explains why a version cannot be read
    raise UsageError(f"{spec} 既不是清单文件，也不是 git 版本（如 HEAD~3、v1.0、main）")


def run(args: argparse.Namespace) -> int:
    from generator.model import load_library
    from generator.releases.diff import compare
    from generator.releases.manifest import build_manifest
    from generator.releases.report import diff_json, render_human

    src = source_dir(args.src)
    old = old_manifest(src, args.old)
    library, _ = load_library(src)
    new = build_manifest(library, label=f"{args.src}（当前）")
    diff = compare(old, new)
    located = {str(e.id): e for e in library.entries}
    if args.format == "json":
        print(json.dumps(diff_json(diff, located), ensure_ascii=False, indent=2))
    else:
        print(render_human(diff, library, located, colour=sys.stdout.isatty()))
    return 0
