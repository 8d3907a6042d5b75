"""`handbook diff`'s output: the changes for a terminal (marks or colours), or as JSON."""

from __future__ import annotations

from generator.model import Entry, Library
from generator.releases.diff import KIND_LABELS, EntryChange, FieldChange, ManifestDiff, sides
from generator.text.terminal import shown

SINGLE_LINE_FIELDS = ("title", "category", "scenario", "notes")


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
    lines = [f"      {field.label}："]
    for item in field.items:
        if item.old is None:
            lines.append(f"        + {item.new}")
        elif item.new is None:
            lines.append(f"        - {item.old}")
        else:
            mark = "  " if field.name in SINGLE_LINE_FIELDS and len(field.items) == 1 else "~ "
            old, new = diff_lines(item.old, item.new, colour)
            lines += [f"        {mark}旧：{old}", f"          新：{new}"]
    return lines


def diff_lines(old: str, new: str, colour: bool = False) -> tuple[str, str]:
    """The old and the new text for a terminal, changed characters in ［ ］ (colours on a TTY)."""
    before, after = sides(old, new)
    removed = "\033[31;9m{}\033[0m" if colour else "［{}］"
    added = "\033[32;4m{}\033[0m" if colour else "［{}］"
    return (shown("".join(removed.format(text) if changed else text for changed, text in before)),
            shown("".join(added.format(text) if changed else text for changed, text in after)))
