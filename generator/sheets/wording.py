"""The words a sheet prints besides its entries, shared by the print page (HTML) and the PDF (Typst),
so that both say the same."""

from __future__ import annotations

from collections.abc import Mapping

from generator.sheets.plan import MAX_ITEMS, Dont, Sheet
from generator.stamp import Stamp
from generator.text.placeholders import slot_names

DONTS_TITLE = "不要说 → 改说"
DONTS_LABELS = ("本表话术", "所有场景")  # the sheet's own wording, then the global lexicon
PAGE_OF = ("第 ", " / ", " 页")  # 第 X / Y 页
BLANKS_SHOWN = 5


def stamp_line(stamp: Stamp) -> str:
    return f"生成日期 {stamp.build_date.isoformat()} · 版本 {stamp.version}"


def slot_lines(sheet: Sheet, values: Mapping[str, str]) -> list[str]:
    """Under the title: which placeholders were filled in, which are printed as blanks."""
    used = list(dict.fromkeys(name for item in sheet.items for line in item.lines for name in slot_names(line.text)))
    filled = [f"{name} = {values[name]}" for name in used if name in values]
    blanks = [name for name in used if name not in values]
    lines = [f"已填入：{'；'.join(filled)}"] if filled else []
    if blanks:
        more = f" 等 {len(blanks)} 项" if len(blanks) > BLANKS_SHOWN else ""
        lines.append(f"下划线空白处请填写（空白里印着该填什么）：{'、'.join(blanks[:BLANKS_SHOWN])}{more}")
    return lines


def dont_groups(sheet: Sheet) -> list[tuple[str, tuple[Dont, ...]]]:
    """The dont box's groups that have lines, each with its label."""
    groups = (sheet.donts.own, sheet.donts.general)
    return [(label, group) for label, group in zip(DONTS_LABELS, groups, strict=True) if group]


def donts_more(sheet: Sheet) -> str:
    return f"另有 {sheet.donts.more} 条见完整速查表。" if sheet.donts.more else ""


def omitted_note(sheet: Sheet) -> str:
    if not sheet.omitted:
        return ""
    if sheet.one_page:
        return f"另有 {sheet.omitted} 条话术放不下这一页，请看完整速查表。"
    return f"另有 {sheet.omitted} 条话术没有印在这张表里（每张表最多 {MAX_ITEMS} 条），请在手册网站上查找。"
