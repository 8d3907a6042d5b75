"""Spreadsheet rows → entries: groups become categories (or tags), codes become shortcuts, and
【名称】 / [名称] / XX blanks become declared `{名称}` placeholders.

Whatever a phrase sheet cannot tell (when to use a reply, how customers ask) is written as a
visible 待填写 (rule M003 keeps it off the site until it is written) and listed per entry, so a
trainer knows exactly what to finish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.importer.read import SheetRow
from generator.source.schema import ID_PATTERN, PLACEHOLDER_NAME_PATTERN, SHORTCUT_PATTERN
from generator.source.writing import todo
from generator.text.pinyin import slug
from generator.text.placeholders import bracket_is_blank

TODO_SCENARIO = todo("什么时候用这条话术")
FALLBACK_CATEGORY = ("imported", "导入的短语")
BLANK_NAME = "待填写"
TITLE_LENGTH = 12
CHANNELS = ("chat", "phone")

BRACKETED = re.compile(r"【([^【】\s]{1,12})】|［([^［］\s]{1,12})］|\[([^\[\]\s]{1,12})\]")
X_BLANK = re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,}|×{2,})(?![A-Za-z])")
CLAUSE_END = re.compile(r"[，。！？；～,.!?;~\n]")


@dataclass
class ImportedEntry:
    id: str
    title: str
    category: str
    approved: list[tuple[str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=lambda: ["chat"])
    todo: list[str] = field(default_factory=list)  # what a person still has to do, in Chinese


@dataclass
class Existing:
    """What the target source folder already has, so the import never collides with it."""

    categories: dict[str, str] = field(default_factory=dict)  # id → title
    descriptions: dict[str, str] = field(default_factory=dict)  # id → description
    placeholders: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    shortcuts: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)  # every approved reply: a row already there is skipped


@dataclass
class ImportPlan:
    entries: list[ImportedEntry] = field(default_factory=list)
    new_categories: dict[str, str] = field(default_factory=dict)  # id → title
    new_placeholders: dict[str, str] = field(default_factory=dict)  # name → description
    matched_groups: dict[str, str] = field(default_factory=dict)  # group → existing category of a similar name
    skipped: list[int] = field(default_factory=list)  # rows already in the library (same code or same text)


def convert_placeholders(text: str, known: set[str]) -> tuple[str, list[str], list[str]]:
    """Blanks written elsewhere → {名称}, by the rule `handbook check` applies (bracket_is_blank:
    【名称】 but not an opening heading, [名称] only when it reads like a slot); XX, xx, ×× →
    {待填写1}, {待填写2} … Returns the text, the numbered blanks and the brackets kept as written."""
    kept: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        name = next(g for g in match.groups() if g)
        opens_text = match.start() == 0 and match.end() < len(text)
        wanted = bracket_is_blank(name, match.group(3) is not None, opens_text, known)
        if wanted and re.fullmatch(PLACEHOLDER_NAME_PATTERN, name):
            return f"{{{name}}}"
        kept.append(match.group(0))
        return match.group(0)

    text = BRACKETED.sub(bracket, text)
    blanks: list[str] = []

    def numbered(_match: re.Match[str]) -> str:
        blanks.append(f"{BLANK_NAME}{len(blanks) + 1}")
        return f"{{{blanks[-1]}}}"

    return X_BLANK.sub(numbered, text), blanks, kept


def plan_import(rows: list[SheetRow], existing: Existing, category: str | None,
                mapping: dict[str, str] | None = None) -> ImportPlan:
    """`mapping`: group → category id, as `--map 物流=shipping` gives it."""
    plan = ImportPlan()
    by_key: dict[str, ImportedEntry] = {}
    taken_ids = Names(existing.ids)
    taken_codes = set(existing.shortcuts)
    known = existing.placeholders
    for row in rows:
        text, blanks, kept = convert_placeholders(row.values.get("text", ""), known)
        if not text.strip():
            continue
        code = row.values.get("code", "").strip().lower()
        if text in existing.texts or (code and code in existing.shortcuts):
            plan.skipped.append(row.number)
            continue
        cat_id = category or _category_for(row.values.get("group", ""), existing, plan, mapping or {})
        key = row.values.get("id") or f"row-{row.number}"
        entry = by_key.get(key)
        if entry is None:
            entry = _new_entry(row, text, cat_id, taken_ids)
            by_key[key] = entry
            plan.entries.append(entry)
        if category and row.values.get("group") and row.values["group"] not in entry.tags:
            entry.tags.append(row.values["group"])
        shortcut = _shortcut(row, taken_codes, entry)
        entry.approved.append((text, shortcut))
        if kept:
            entry.todo.append(f"第 {row.number} 行的 {'、'.join(kept)} 保留原样（像标题或表情）：如果是要填写的空，"
                              "请改成 {名称}")
        if blanks:
            entry.todo.append(f"第 {row.number} 行的 XX 已改为 {'、'.join('{' + b + '}' for b in blanks)}："
                              "请改成有意义的占位符名称并在 handbook.yaml 里声明")
        _declare(text, existing, plan)
    return plan


def _category_for(group: str, existing: Existing, plan: ImportPlan, mapping: dict[str, str]) -> str:
    group = group.strip()
    known = {**existing.categories, **plan.new_categories}
    if group in mapping:
        cat_id = mapping[group]
        if cat_id not in known:
            plan.new_categories[cat_id] = group
        return cat_id
    for cat_id, title in known.items():
        if group in (cat_id, title):
            return cat_id
    if group and (similar := _similar_category(group, existing)):
        plan.matched_groups[group] = similar
        return similar
    if not group:
        cat_id, title = FALLBACK_CATEGORY
    else:
        cat_id, title = Names(known).claim(_as_id(slug(group)) or FALLBACK_CATEGORY[0]), group
    if cat_id not in known:
        plan.new_categories[cat_id] = title
    return cat_id


def _similar_category(group: str, existing: Existing) -> str | None:
    """The one existing category whose title holds the group's name or the other way round (物流 →
    物流配送), else the one whose description mentions it (退换货 → 售后服务); None if not exactly one."""
    for candidates in ([c for c, title in existing.categories.items() if group in title or title in group],
                       [c for c, text in existing.descriptions.items() if group in text]):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _new_entry(row: SheetRow, text: str, category: str, taken_ids: Names) -> ImportedEntry:
    given_title = row.values.get("title", "").strip()
    title = given_title or _title_from(text)
    given_id = row.values.get("id", "").strip()
    if given_id and re.fullmatch(ID_PATTERN, given_id) and given_id not in taken_ids:
        entry_id = given_id
    else:
        entry_id = taken_ids.claim(f"{category}-{_as_id(slug(title, 3)) or 'phrase'}")
    taken_ids.add(entry_id)
    entry = ImportedEntry(entry_id, title, category, channels=_channels(row.values.get("channel", "")))
    entry.todo.append("scenario 待填写：写明什么时候用这条话术")
    entry.todo.append("questions 为空：请补充 2–3 条顾客的典型问法（用于搜索和测验）")
    if not given_title:
        entry.todo.append(f"标题「{title}」取自短语开头：请改成场景名称")
    return entry


def _shortcut(row: SheetRow, taken: set[str], entry: ImportedEntry) -> str | None:
    code = row.values.get("code", "").strip()
    if not code:
        return None
    lowered = code.lower()
    if not re.fullmatch(SHORTCUT_PATTERN, lowered):
        entry.todo.append(f"第 {row.number} 行的编码「{code}」不是 1–8 位字母或数字，已去掉：导出时会按标题自动生成")
        return None
    if lowered in taken:
        entry.todo.append(f"第 {row.number} 行的编码「{code}」已被占用，已去掉：导出时会按标题自动生成")
        return None
    taken.add(lowered)
    return lowered


def _declare(text: str, existing: Existing, plan: ImportPlan) -> None:
    for name in re.findall(r"\{([^{}\s]+)\}", text):
        if name not in existing.placeholders and name not in plan.new_placeholders:
            plan.new_placeholders[name] = todo("导入时新增的占位符，请写明要填什么")


def _title_from(text: str) -> str:
    plain = re.sub(r"\{[^{}]*\}", "", text)
    clauses = [c.strip() for c in CLAUSE_END.split(plain) if len(c.strip()) >= 2]
    return (clauses[0] if clauses else plain.strip() or "导入的短语")[:TITLE_LENGTH]


def _channels(value: str) -> list[str]:
    found = [c for c in CHANNELS if c in re.split(r"[,，\s/]+", value.lower())]
    return found or ["chat"]


def _as_id(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:40].strip("-")


class Names(set):
    """Names in use; `claim` gives base, base-2, base-3 … remembering where each base got to, so
    20,000 rows with the same title take linear time, not quadratic."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        super().__init__(taken)
        self.next_suffix: dict[str, int] = {}

    def claim(self, base: str) -> str:
        n = self.next_suffix.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self:
            n += 1
            candidate = f"{base}-{n}"
        self.next_suffix[base] = n + 1
        self.add(candidate)
        return candidate
