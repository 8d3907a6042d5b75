"""Comparing two manifests: added / changed / removed entries and the wording diff.

Entries are matched by id, so a new title is a change, not a removal plus an addition.
Wording is diffed character by character (`difflib.SequenceMatcher`): Chinese has no spaces,
so a word diff would mark whole sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.releases.manifest import Manifest, ManifestEntry

# Content fields in display order, with their Chinese labels.
FIELD_LABELS = {
    "title": "标题", "category": "分类", "scenario": "场景", "questions": "顾客问法", "approved": "标准回复",
    "forbidden": "不要说", "policy": "政策依据", "tags": "标签", "channels": "渠道", "notes": "处理要点",
    "top": "常用",
}
KIND_LABELS = {"added": "新增", "changed": "修改", "removed": "删除"}


@dataclass(frozen=True)
class ItemChange:
    """One line of a changed field: an edited item has both sides, a new or dropped one only one."""

    old: str | None
    new: str | None


@dataclass(frozen=True)
class FieldChange:
    name: str
    items: tuple[ItemChange, ...]

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.name]


@dataclass(frozen=True)
class EntryChange:
    kind: str  # added | changed | removed
    old: ManifestEntry | None
    new: ManifestEntry | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def current(self) -> ManifestEntry:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def id(self) -> str:
        return self.current.id


@dataclass(frozen=True)
class ManifestDiff:
    old: Manifest
    new: Manifest
    added: tuple[EntryChange, ...]
    changed: tuple[EntryChange, ...]
    removed: tuple[EntryChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def all(self) -> list[EntryChange]:
        return [*self.added, *self.changed, *self.removed]

    def summary(self) -> str:
        if self.empty:
            return "没有变化"
        return f"新增 {len(self.added)} 条、修改 {len(self.changed)} 条、删除 {len(self.removed)} 条"


def compare(old: Manifest, new: Manifest) -> ManifestDiff:
    added = [EntryChange("added", None, new.entries[key]) for key in new.entries.keys() - old.entries.keys()]
    removed = [EntryChange("removed", old.entries[key], None) for key in old.entries.keys() - new.entries.keys()]
    changed = [EntryChange("changed", old.entries[key], new.entries[key],
                           field_changes(old.entries[key], new.entries[key]))
               for key in old.entries.keys() & new.entries.keys()
               if old.entries[key].hash != new.entries[key].hash]
    return ManifestDiff(old, new, _newest_first(added), _newest_first(changed), _newest_first(removed))


def _newest_first(changes: list[EntryChange]) -> tuple[EntryChange, ...]:
    by_id = sorted(changes, key=lambda change: change.id)
    return tuple(sorted(by_id, key=lambda change: change.current.updated or "", reverse=True))


# -- which fields changed, item by item -----------------------------------------------------

def field_values(content: dict, name: str) -> tuple[str, ...]:
    """A content field as display lines (lists stay item by item so the diff can pair them)."""
    value = content.get(name)
    if name == "approved":
        return tuple(r["text"] + (f"（快捷编码 {r['shortcut']}）" if r.get("shortcut") else "") for r in value or ())
    if name == "forbidden":
        return tuple(_forbidden_line(f) for f in value or ())
    if name == "top":
        return ("常用话术",) if value else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),) if value else ()


def _forbidden_line(item: dict) -> str:
    extra = "；".join(part for part in (item.get("reason") and f"原因：{item['reason']}",
                                        item.get("instead") and f"改说：{item['instead']}") if part)
    return item["text"] + (f"（{extra}）" if extra else "")


def field_changes(old: ManifestEntry, new: ManifestEntry) -> tuple[FieldChange, ...]:
    """Changed fields with paired items; empty when either side has no stored content."""
    if old.content is None or new.content is None:
        titles = (FieldChange("title", (ItemChange(old.title, new.title),)),)
        return titles if old.title != new.title else ()
    changes = []
    for name in FIELD_LABELS:
        before, after = field_values(old.content, name), field_values(new.content, name)
        if before != after:
            changes.append(FieldChange(name, tuple(pair_items(before, after))))
    return tuple(changes)


def pair_items(old: tuple[str, ...], new: tuple[str, ...]) -> Iterator[ItemChange]:
    """Align two lists; replaced runs pair up item by item so each pair gets a wording diff."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before, after = old[i1:i2], new[j1:j2]
        for index in range(max(len(before), len(after))):
            yield ItemChange(before[index] if index < len(before) else None,
                             after[index] if index < len(after) else None)


# -- character-level wording diff -----------------------------------------------------------

def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs with op in equal / delete / insert; a replacement is a delete then an insert."""
    runs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            runs.append(("delete", old[i1:i2]))
        if j2 > j1:
            runs.append(("insert", new[j1:j2]))
    return runs


Run = tuple[bool, str]  # (changed, text)


def sides(old: str | None, new: str | None) -> tuple[list[Run], list[Run]]:
    """The old and the new text, each as runs with the changed characters marked: shown one above
    the other, a reader sees both sentences whole (interleaved insertions and deletions do not read)."""
    before: list[Run] = []
    after: list[Run] = []
    for op, text in char_diff(old or "", new or ""):
        if op != "insert":
            before.append((op == "delete", text))
        if op != "delete":
            after.append((op == "insert", text))
    return before, after
