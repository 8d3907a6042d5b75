"""`handbook new`: append a ready-to-fill entry to a category's file, and keep the editor's
JSON Schemas next to the source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.files import write_atomically
from generator.source.editors import refresh_editor_schemas
from generator.source.reading import is_yaml
from generator.source.writing import SCHEMA_LINE, entry_yaml, todo
from generator.text.pinyin import slug

ITEM_INDENT = re.compile(r"^( *)- id:", re.MULTILINE)


class ScaffoldError(Exception):
    """A user mistake, with the Chinese message to show."""


@dataclass(frozen=True)
class NewEntry:
    path: Path
    line: int
    entry_id: str


def suggest_id(category: str, title: str, taken: Collection[str]) -> str:
    base = "-".join(p for p in (category, slug(title)) if p) or category
    base = re.sub(r"[^a-z0-9-]+", "", base.lower()).strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_entry(src: Path, categories: Sequence[str], taken_ids: Collection[str], category: str, title: str,
              file_name: str | None, today: dt.date) -> NewEntry:
    """Append an entry for `title` to a file of `category` (one of the declared `categories`)."""
    if category not in categories:
        raise ScaffoldError(f"分类「{category}」没有在 handbook.yaml 里声明（已有：{'、'.join(categories)}）")
    if not title.strip():
        raise ScaffoldError("标题不能为空")
    folder = src / category
    path = folder / (file_name or _default_file(folder, category))
    if not is_yaml(path):
        raise ScaffoldError(f"文件名要以 .yaml 结尾：{path.name}")
    entry_id = suggest_id(category, title, taken_ids)
    existing = path.read_text("utf-8-sig") if path.exists() else ""
    prefix = existing if existing else SCHEMA_LINE + "\nentries:\n"
    if not prefix.endswith("\n"):
        prefix += "\n"
    block = entry_yaml(_template(entry_id, title, today), _item_indent(existing)) + "\n"
    write_atomically(path, (prefix + block).encode("utf-8"))
    refresh_editor_schemas(src)
    return NewEntry(path, prefix.count("\n") + 1, entry_id)


def _template(entry_id: str, title: str, today: dt.date) -> dict[str, object]:
    review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else today + dt.timedelta(days=365)
    return {"id": entry_id, "title": title.strip(), "scenario": todo("什么时候用这条话术"),
            "questions": [todo("顾客的问法")], "approved": [{"text": todo("标准回复")}],
            "forbidden": [], "policy": [], "tags": [], "channels": ["chat", "phone"],
            "owner": todo("负责维护的人或小组"), "updated": today, "review_by": review}


def _default_file(folder: Path, category: str) -> str:
    existing = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    return existing[0] if existing else f"{category}.yaml"


def _item_indent(text: str) -> str:
    match = ITEM_INDENT.search(text)
    return match.group(1) if match else "  "
