"""`handbook import`: start the source from a 千牛 or spreadsheet phrase file a team already has."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.options import keep_editor_schemas
from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.importer.convert import Existing, ImportPlan

ORDER = 45
SKIPPED_LISTED = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="从千牛或表格快捷短语文件导入话术",
        description="读取千牛快捷短语 CSV/XLSX 或带表头的表格（UTF-8、UTF-8 带 BOM、GBK 自动识别），"
                    "写成话术 YAML 文件：分组成为分类（或用 --category 时成为标签），编码成为快捷编码，"
                    "【名称】/[名称]/XX 成为占位符并在 handbook.yaml 中声明。")
    parser.add_argument("file", metavar="文件", help="要导入的 .csv / .txt / .xlsx 文件")
    parser.add_argument("--category", metavar="分类", help="全部放进这个分类（原分组变成标签）")
    parser.add_argument("--map", action="append", default=[], metavar="分组=分类",
                        help="把某个分组放进这个分类，如 --map 物流=shipping（可重复；分类不存在会新建）")
    parser.add_argument("--out", default="scripts_src", metavar="文件夹",
                        help="写入哪个源文件夹（默认 scripts_src；不存在会新建）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.importer.convert import plan_import
    from generator.importer.read import read_rows
    from generator.importer.write import write_plan
    from generator.source.schema import ID_PATTERN

    source_file, out = Path(args.file), Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} 是一个文件，不是源文件夹：请写一个文件夹（不存在会新建）")
    if args.category and not re.fullmatch(ID_PATTERN, args.category):
        raise UsageError(f"分类编号「{args.category}」只能用小写字母、数字和连字符，如 presale")
    mapping = _mapping(args.map)
    rows = read_rows(source_file)
    existing = _existing(out)
    plan = plan_import(rows, existing, args.category, mapping)
    if not plan.entries and plan.skipped:
        print(f"{source_file} 里的 {len(plan.skipped)} 条短语都已在 {out} 里（编码或文字相同），没有写入任何文件。")
        return 0
    if not plan.entries:
        raise UsageError(f"{source_file} 里没有读到任何短语：请确认有「快捷短语」或「短语内容」这一列")
    if args.category and args.category not in existing.categories:
        plan.new_categories.setdefault(args.category, args.category)
    written = write_plan(plan, out, _stem(source_file))
    keep_editor_schemas(out)
    replies = sum(len(e.approved) for e in plan.entries)
    print(f"已从 {source_file} 导入 {len(plan.entries)} 条话术（{replies} 条回复）：")
    for path in written:
        print(f"  写入 {path}")
    _print_todo(plan)
    return _print_check(out)


def _mapping(pairs: list[str]) -> dict[str, str]:
    from generator.source.schema import ID_PATTERN

    mapping = {}
    for pair in pairs:
        group, sep, category = (part.strip() for part in pair.partition("="))
        if not sep or not group or not re.fullmatch(ID_PATTERN, category):
            raise UsageError(f"--map 的写法是 分组=分类编号，如 --map 物流=shipping（收到：{pair}）")
        mapping[group] = category
    return mapping


def _existing(out: Path) -> Existing:
    from generator.importer.convert import Existing
    from generator.model import load_library

    if not (out / "handbook.yaml").is_file():
        return Existing()
    library, _ = load_library(out)
    return Existing(categories={c.id: c.title for c in library.categories},
                    descriptions={c.id: c.description for c in library.categories},
                    placeholders=set(library.placeholders),
                    ids={e.id for e in library.entries},
                    shortcuts={r.shortcut for e in library.entries for r in e.approved if r.shortcut},
                    texts={str(r.text) for e in library.entries for r in e.approved})


def _stem(path: Path) -> str:
    from generator.text.pinyin import slug

    return re.sub(r"[^a-z0-9]+", "-", slug(path.stem).lower()).strip("-") or "imported"


def _print_todo(plan: ImportPlan) -> None:
    from generator.text.terminal import shown  # the sheet's own text: its control characters stay visible

    if plan.skipped:
        more = " 等" if len(plan.skipped) > SKIPPED_LISTED else ""
        rows = "、".join(map(str, plan.skipped[:SKIPPED_LISTED])) + more
        print(f"跳过了 {len(plan.skipped)} 条话术库里已有的短语（编码或文字相同）：第 {rows} 行")
    for group, category in plan.matched_groups.items():
        print(shown(f"分组「{group}」放进了已有分类 {category}：不对的话用 --map {group}=分类编号 指定"))
    if plan.new_categories:
        print(shown("新增分类：" + "、".join(f"{cid}（{title}）" for cid, title in plan.new_categories.items())
                    + "：可在 handbook.yaml 里改名和排序"))
    if plan.new_placeholders:
        names = "、".join(f"{{{n}}}" for n in plan.new_placeholders)
        print(shown(f"新增占位符：{names}：请在 handbook.yaml 里补充说明"))
    print("\n需要人工补充：")
    for entry in plan.entries:
        print(shown(f"  {entry.id}：" + "；".join(entry.todo)))


def _print_check(out: Path) -> int:
    from generator.lint import report
    from generator.lint.engine import check_source

    result = check_source(out)
    if result.findings:
        print("\n" + report.render(result.findings, "line", sources=result.sources, colour=False,
                                   entries=len(result.library.entries)))
    print("\n" + report.summary_line(result.findings, len(result.library.entries)))
    # the import itself succeeded; what is left to write in (M003) is the trainer's next step
    return 0 if all(f.code == "M003" for f in result.findings if f.level == "error") else 1
