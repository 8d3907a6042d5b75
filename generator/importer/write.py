"""Imported entries → source files in the format trainers write by hand.

Entry files get the editor schema line and the keys in PRODUCT.md's order; multi-line replies
are literal blocks. New categories and placeholders are merged into the target's
`handbook.yaml` by inserting lines (its comments and layout stay as they are); a source folder
that does not exist yet gets a `handbook.yaml` of its own and the starter's lexicon and policies,
so its replies are checked against the same forbidden wording from the first run.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import UsageError
from generator.files import write_files
from generator.importer.convert import TODO_SCENARIO, ImportedEntry, ImportPlan
from generator.source.writing import entries_file, scalar
from generator.starter import starter_text

STARTER_ROOT_FILES = ("lexicon.yaml", "policies.yaml")  # a new library checks against the starter's lexicon


def entry_record(entry: ImportedEntry) -> dict[str, object]:
    """An imported entry as the source records it (what `handbook new` and trainers write)."""
    replies = [{"text": text, "shortcut": code} if code else text for text, code in entry.approved]
    record: dict[str, object] = {"id": entry.id, "title": entry.title, "scenario": TODO_SCENARIO,
                                 "approved": replies}
    if entry.tags:
        record["tags"] = entry.tags
    record["channels"] = entry.channels
    return record


def write_plan(plan: ImportPlan, out: Path, stem: str) -> list[Path]:
    """Entry files per category, then the root files; everything is prepared before the first
    file is written, so a problem (say, a handbook.yaml that cannot be merged) writes nothing."""
    files: dict[Path, str] = {}
    for category in dict.fromkeys(e.category for e in plan.entries):
        entries = [e for e in plan.entries if e.category == category]
        files[_free_path(out / category, stem)] = entries_file([entry_record(e) for e in entries])
    files.update(_settings_files(plan, out))
    return write_files(out, ((path.relative_to(out), content.encode("utf-8")) for path, content in files.items()))


def _free_path(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}.yaml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path


def _settings_files(plan: ImportPlan, out: Path) -> dict[Path, str]:
    settings = out / "handbook.yaml"
    files = {}
    if not settings.exists():
        files[settings] = new_settings(plan)
    elif plan.new_categories or plan.new_placeholders:
        files[settings] = merge_settings(settings.read_text("utf-8-sig"), plan)
    for name in STARTER_ROOT_FILES:
        if not (out / name).exists():
            files[out / name] = starter_text(name)
    return files


def _category_lines(plan: ImportPlan, indent: str) -> list[str]:
    return [f"{indent}- {{id: {cid}, title: {scalar(title, '')}}}" for cid, title in plan.new_categories.items()]


def _placeholder_lines(plan: ImportPlan, indent: str) -> list[str]:
    return [f"{indent}{scalar(name, '')}: {{description: {scalar(desc, '')}}}"
            for name, desc in plan.new_placeholders.items()]


def new_settings(plan: ImportPlan) -> str:
    lines = ["# yaml-language-server: $schema=.schema/handbook.schema.json", "title: 导入的话术", "categories:",
             *_category_lines(plan, "  ")]
    if plan.new_placeholders:
        lines += ["placeholders:", *_placeholder_lines(plan, "  ")]
    return "\n".join(lines) + "\n"


def merge_settings(text: str, plan: ImportPlan) -> str:
    """Insert the new categories and placeholders after the last existing ones."""
    lines = text.splitlines()
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        raise UsageError("handbook.yaml 有 YAML 语法错误，无法追加分类和占位符：请先运行 handbook check 修正") from None
    if not isinstance(root, yaml.MappingNode):
        raise UsageError("handbook.yaml 不是「键: 值」的映射：请先运行 handbook check 修正")
    sections = {key.value: value for key, value in root.value}
    inserts: list[tuple[int, list[str]]] = []
    for key, make in (("categories", _category_lines), ("placeholders", _placeholder_lines)):
        if not (plan.new_categories if key == "categories" else plan.new_placeholders):
            continue
        node = sections.get(key)
        if node is None:
            inserts.append((len(lines), [f"{key}:", *make(plan, "  ")]))
        elif getattr(node, "flow_style", False) or not node.value:
            raise UsageError(f"handbook.yaml 的 {key} 写在一行里，无法自动追加：请手工加入\n"
                             + "\n".join(make(plan, "  ")))
        else:
            inserts.append(_after_last_item(node, lines, key, make(plan, "")))
    for at, new in sorted(inserts, reverse=True):
        lines[at:at] = new
    return "\n".join(lines) + "\n"


def _after_last_item(node: yaml.Node, lines: list[str], key: str, new: list[str]) -> tuple[int, list[str]]:
    first = node.value[0][0] if key == "placeholders" else node.value[0]
    last = node.value[-1][1] if key == "placeholders" else node.value[-1]
    first_line = lines[first.start_mark.line]
    indent = " " * (len(first_line) - len(first_line.lstrip()))
    end = last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1
    while end > 0 and not lines[end - 1].strip():
        end -= 1  # keep blank lines between sections where they were
    return end, [indent + line for line in new]
