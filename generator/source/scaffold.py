"""`handbook new`: append a ready-to-fill entry, and keep editor schemas next to the source."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator.model import Library
from generator.text.pinyin import slug

SCHEMA_DIR = ".schema"
SCHEMA_LINE = "# yaml-language-server: $schema=../.schema/entries.schema.json\n"
ITEM_INDENT = re.compile(r"^( *)- id:", re.MULTILINE)


class ScaffoldError(Exception):
    """A user mistake, with the Chinese message to show."""


@dataclass(frozen=True)
class NewEntry:
    path: Path
    line: int
    entry_id: str


def install_schemas(src: Path) -> Path:
    """Copy the packaged JSON Schemas into SRC/.schema (only files that changed)."""
    target = src / SCHEMA_DIR
    target.mkdir(exist_ok=True)
    for item in sorted((resources.files("generator.source") / "jsonschema").iterdir(),
                       key=lambda p: p.name):
        if item.name.endswith(".json"):
            data = item.read_bytes()
            path = target / item.name
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
    return target


def suggest_id(library: Library, category: str, title: str) -> str:
    base = "-".join(p for p in (category, slug(title)) if p) or category
    base = re.sub(r"[^a-z0-9-]+", "", base.lower()).strip("-")
    taken = {e.id for e in library.entries}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_entry(library: Library, src: Path, category: str, title: str,
              file_name: str | None, today: dt.date) -> NewEntry:
    if library.category(category) is None:
        known = "、".join(c.id for c in library.categories)
        raise ScaffoldError(f"分类「{category}」没有在 handbook.yaml 里声明（已有：{known}）")
    if not title.strip():
        raise ScaffoldError("标题不能为空")
    folder = src / category
    path = folder / (file_name or _default_file(folder, category))
    if path.suffix not in (".yaml", ".yml"):
        raise ScaffoldError(f"文件名要以 .yaml 结尾：{path.name}")
    entry_id = suggest_id(library, category, title)
    existing = path.read_text("utf-8-sig") if path.exists() else ""
    prefix = existing if existing else SCHEMA_LINE + "entries:\n"
    if prefix and not prefix.endswith("\n"):
        prefix += "\n"
    indent = _item_indent(existing)
    block = _entry_block(entry_id, title, indent, today)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(prefix + block, "utf-8")
    install_schemas(src)
    return NewEntry(path, prefix.count("\n") + 1, entry_id)


def _default_file(folder: Path, category: str) -> str:
    existing = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    return existing[0] if existing else f"{category}.yaml"


def _item_indent(text: str) -> str:
    match = ITEM_INDENT.search(text)
    return match.group(1) if match else "  "


def _entry_block(entry_id: str, title: str, indent: str, today: dt.date) -> str:
    review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else today + dt.timedelta(days=365)
    inner = indent + "  "
    lines = [
        f"{indent}- id: {entry_id}",
        f"{inner}title: {json.dumps(title.strip(), ensure_ascii=False)}",
        f"{inner}scenario: 待填写：什么时候用这条话术",
        f"{inner}questions: [待填写：顾客的问法]",
        f"{inner}approved:",
        f"{inner}  - text: 待填写：标准回复",
        f"{inner}forbidden: []",
        f"{inner}policy: []",
        f"{inner}tags: []",
        f"{inner}channels: [chat, phone]",
        f"{inner}updated: {today.isoformat()}",
        f"{inner}review_by: {review.isoformat()}",
    ]
    return "\n".join(lines) + "\n"
