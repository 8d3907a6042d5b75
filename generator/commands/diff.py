"""`handbook diff [OLD]`: what changed since a release, a manifest file or a git version."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from generator.cli import DEFAULT_SRC, source_dir
from generator.errors import UsageError
from generator.model import Entry, Library, load_library
from generator.releases.diff import (
    KIND_LABELS,
    EntryChange,
    FieldChange,
    ManifestDiff,
    compare,
    diff_markers,
    git_toplevel,
    is_git_ref,
    manifest_at_ref,
)
from generator.releases.manifest import Manifest, build_manifest, latest_release, read_manifest

ORDER = 40
SINGLE_LINE_FIELDS = ("title", "category", "scenario", "notes")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="对比话术的变化（新增 / 修改 / 删除）",
        description="对比当前源文件和以前的版本，列出新增、修改、删除的话术及措辞的逐字差异。"
                    "OLD 可以是发布记录或清单文件（releases/2026-11-01.json、site/manifest.json），"
                    "也可以是 git 版本（HEAD~3、标签 v1.0、分支名）；"
                    "省略时与最近一次发布（releases/ 中最新的文件）对比。")
    parser.add_argument("old", nargs="?", metavar="OLD", help="旧版本：清单文件或 git 版本（默认最近一次发布）")
    parser.add_argument("--src", default=DEFAULT_SRC, help="源文件夹（默认 scripts_src）")
    parser.add_argument("--format", choices=("human", "json"), default="human", help="输出格式（默认 human）")
    parser.set_defaults(func=run)


def old_manifest(src: Path, spec: str | None) -> Manifest:
    """The old side: the newest release by default, else a manifest file or a git ref."""
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


def _where(entry: Entry | None) -> str:
    if entry is None or entry.loc is None:
        return ""
    return f"{entry.loc.file}:{entry.loc.position()[0]}"


def _change_json(change: EntryChange, located: dict[str, Entry]) -> dict:
    item = change.current
    data = {"id": item.id, "title": item.title, "category": item.category, "updated": item.updated}
    if change.kind != "removed":
        data["where"] = _where(located.get(item.id))
    if change.kind == "changed":
        data["old_title"] = change.old.title
        data["fields"] = [{"field": f.name, "label": f.label,
                           "items": [{"old": i.old, "new": i.new} for i in f.items]} for f in change.fields]
    return data


def diff_json(diff: ManifestDiff, located: dict[str, Entry]) -> dict:
    return {
        "old": diff.old.label, "new": diff.new.label,
        "summary": {"added": len(diff.added), "changed": len(diff.changed), "removed": len(diff.removed)},
        **{kind: [_change_json(c, located) for c in changes]
           for kind, changes in (("added", diff.added), ("changed", diff.changed), ("removed", diff.removed))},
    }


def render_human(diff: ManifestDiff, library: Library, located: dict[str, Entry], colour: bool = False) -> str:
    lines = [f"对比 {diff.old.label} → {diff.new.label}：{diff.summary()}"]
    marks = {"added": "+", "changed": "~", "removed": "-"}
    for kind, changes in (("added", diff.added), ("changed", diff.changed), ("removed", diff.removed)):
        if not changes:
            continue
        lines += ["", f"{KIND_LABELS[kind]}（{len(changes)}）"]
        for change in changes:
            item = change.current
            category = library.category(item.category)
            where = _where(located.get(item.id)) if kind != "removed" else ""
            head = f"  {marks[kind]} {item.id}  {item.title}  [{category.title if category else item.category}]"
            lines.append(head + (f"  {where}" if where else ""))
            for field in change.fields:
                lines.extend(_field_lines(field, colour))
    return "\n".join(lines)


def _field_lines(field: FieldChange, colour: bool) -> list[str]:
    if field.name in SINGLE_LINE_FIELDS and len(field.items) == 1:
        only = field.items[0]
        return [f"      {field.label}：{diff_markers(only.old, only.new, colour)}"]
    lines = [f"      {field.label}："]
    for item in field.items:
        if item.old is None:
            lines.append(f"        + {item.new}")
        elif item.new is None:
            lines.append(f"        - {item.old}")
        else:
            lines.append(f"        ~ {diff_markers(item.old, item.new, colour)}")
    return lines
