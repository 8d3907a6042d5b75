"""What goes on each quick-reply sheet: a pure function of the library (no layout, no browser).

Sheets, in this order:
    category-<id>   one per category: every entry of the category
    chat            the chat agent's sheet: shortcut codes and replies of every chat entry
    phone           the phone agent's sheet: call opening / hold / closing lines first, then the
                    call situations (phone-only entries), then the other phone entries
    chat-top        one page of the most used replies: the entries marked `top: true` (without
    phone-top       any, every entry), each with its first reply (chat: and every reply with a
                    shortcut code); the renderer keeps what fits on one page
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from generator.model import Entry, Library

CHANNEL_NAMES = {"chat": "在线", "phone": "电话"}

# Call stages of the phone sheet, picked by the entries' tags (first matching stage wins).
CALL_STAGES: tuple[tuple[str, frozenset[str]], ...] = (
    ("接听开场", frozenset({"开场", "接听", "问候"})),
    ("等待与转接", frozenset({"等待", "稍等", "转接", "保持"})),
    ("结束通话", frozenset({"结束", "告别", "挂机", "挂断"})),
)
ONE_PAGE_DONT_LINES = 8
# A printed sheet beyond ~40 pages helps nobody (and costs time to typeset at every build):
# larger sheets keep their first items and say how many are left to the site.
MAX_ITEMS = 600


@dataclass(frozen=True)
class Line:
    """One approved reply as printed."""

    text: str
    shortcut: str | None


@dataclass(frozen=True)
class Item:
    entry_id: str
    title: str
    lines: tuple[Line, ...]
    mark: str = ""  # e.g. 仅电话, on category sheets


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Dont:
    """A "不要说 → 改说" line: wordings that share one better way of saying it."""

    texts: tuple[str, ...]
    instead: str


@dataclass(frozen=True)
class Donts:
    general: tuple[Dont, ...]  # the global lexicon
    own: tuple[Dont, ...]  # the forbidden wording of the sheet's entries
    more: int = 0  # lines left out (one-page sheets keep the box short)

    def __bool__(self) -> bool:
        return bool(self.general or self.own)


@dataclass(frozen=True)
class Sheet:
    id: str  # file stem and page name
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    donts: Donts
    one_page: bool = False
    omitted: int = 0  # items left off so that a one-page sheet fits

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def keep_first(self, count: int) -> Sheet:
        """The sheet with only its first `count` items (in print order)."""
        kept: list[Section] = []
        left = count
        for section in self.sections:
            if left <= 0:
                break
            kept.append(replace(section, items=section.items[:left]))
            left -= len(section.items)
        dropped = len(self.items) - max(0, min(count, len(self.items)))
        return replace(self, sections=tuple(kept), omitted=self.omitted + dropped)


def plan_sheets(library: Library) -> list[Sheet]:
    sheets = [category_sheet(library, c.id) for c in library.categories if library.entries_in(c.id)]
    sheets.append(chat_sheet(library))
    sheets.append(phone_sheet(library))
    sheets.extend(top_sheet(library, channel) for channel in CHANNEL_NAMES)
    return [sheet for sheet in sheets if sheet.sections]


Groups = list[tuple[str, Sequence[Entry]]]  # section titles with their entries, in print order


def category_sheet(library: Library, category_id: str) -> Sheet:
    category = library.category(category_id)
    entries = library.entries_in(category_id)
    title = category.title if category else category_id
    sections, omitted = _sections([(title, entries)], lambda e: _item(e, mark=_channel_mark(e)))
    return Sheet(
        id=f"category-{category_id}",
        title=f"{title} 速查表",
        subtitle=category.description if category and category.description else "本分类全部话术",
        sections=sections,
        donts=_donts(library, entries),
        omitted=omitted,
    )


def chat_sheet(library: Library) -> Sheet:
    entries = _in_channel(library.entries, "chat")
    sections, omitted = _sections(_by_category(library, entries), _item)
    return Sheet(
        id="chat",
        title="在线客服速查表",
        subtitle="输入快捷编码即可发出整句话术；按分类排列",
        sections=sections,
        donts=_donts(library, entries),
        omitted=omitted,
    )


def phone_sheet(library: Library) -> Sheet:
    entries = _in_channel(library.entries, "phone")
    sections, omitted = _sections(_phone_groups(library, entries), _item)
    return Sheet(
        id="phone",
        title="电话客服速查表",
        subtitle="接听、等待、结束通话的标准说法在前，其后是常见来电情况和各类问题的答法",
        sections=sections,
        donts=_donts(library, entries),
        omitted=omitted,
    )


def _phone_groups(library: Library, entries: Sequence[Entry]) -> Groups:
    """Call flow (opening, hold, closing) first, then the phone-only situations, then the rest."""
    staged = _call_stages(entries)
    used = {e.id for _, stage_entries in staged for e in stage_entries}
    situations = [e for e in entries if e.channels == ["phone"] and e.id not in used]
    used |= {e.id for e in situations}
    groups: Groups = [(f"通话流程 · {name}", stage_entries) for name, stage_entries in staged]
    groups.append(("通话情况", situations))
    return groups + _by_category(library, [e for e in entries if e.id not in used])


def top_sheet(library: Library, channel: str) -> Sheet:
    """Entries marked `top: true` (without any, every entry), each with its first reply and, on
    the chat sheet, every other reply that has a shortcut code; laid out like the channel's sheet."""
    entries = _in_channel(library.entries, channel)
    top = [e for e in entries if e.top]
    chosen = top or entries
    groups = _phone_groups(library, chosen) if channel == "phone" else _by_category(library, chosen)
    sections, omitted = _sections(groups, lambda e: _item(e, short=channel))
    name = CHANNEL_NAMES[channel]
    return Sheet(
        id=f"{channel}-top",
        title=f"{name}常用话术（一页）",
        subtitle="最常用的话术，放在手边随时看" if top else "每条话术的第一句回复",
        sections=sections,
        donts=_donts(library, chosen, lexicon_levels=("error",), limit=ONE_PAGE_DONT_LINES),
        one_page=True,
        omitted=omitted,
    )


def _sections(groups: Groups, item: Callable[[Entry], Item]) -> tuple[tuple[Section, ...], int]:
    """The non-empty groups as sections of at most MAX_ITEMS items in all (items are made only for
    what is kept: a 10,000-entry library has 50,000 on its sheets), and how many were left off."""
    sections: list[Section] = []
    left, omitted = MAX_ITEMS, 0
    for title, entries in groups:
        kept = entries[:left]
        omitted += len(entries) - len(kept)
        left -= len(kept)
        if kept:
            sections.append(Section(title, tuple(item(e) for e in kept)))
    return tuple(sections), omitted


def _in_channel(entries: Iterable[Entry], channel: str) -> list[Entry]:
    return [e for e in entries if channel in e.channels]


def _call_stages(entries: Sequence[Entry]) -> list[tuple[str, list[Entry]]]:
    stages: list[tuple[str, list[Entry]]] = [(name, []) for name, _ in CALL_STAGES]
    for entry in entries:
        tags = set(entry.tags)
        for (_, stage_tags), (_, bucket) in zip(CALL_STAGES, stages, strict=True):
            if tags & stage_tags:
                bucket.append(entry)
                break
    return stages


def _by_category(library: Library, entries: Sequence[Entry]) -> Groups:
    """The entries by category, in category order."""
    grouped: dict[str, list[Entry]] = {c.id: [] for c in library.categories}
    for entry in entries:
        if entry.category in grouped:
            grouped[entry.category].append(entry)
    return [(c.title, grouped[c.id]) for c in library.categories]


def _item(entry: Entry, short: str = "", mark: str = "") -> Item:
    replies = entry.approved
    if short:
        replies = [r for i, r in enumerate(replies) if i == 0 or (short == "chat" and r.shortcut)]
    return Item(entry.id, entry.title, tuple(Line(r.text, r.shortcut) for r in replies), mark)


def _channel_mark(entry: Entry) -> str:
    if len(entry.channels) == 1 and entry.channels[0] in CHANNEL_NAMES:
        return f"仅{CHANNEL_NAMES[entry.channels[0]]}"
    return ""


def _donts(library: Library, entries: Sequence[Entry], lexicon_levels: tuple[str, ...] = ("error", "warning"),
           limit: int | None = None) -> Donts:
    """The global lexicon (it applies everywhere) and the sheet's own entries' wording not already
    in it; a short box keeps the first `limit` lines of each (in source order)."""
    general = [(f"只回“{t.text}”" if t.whole else t.text, t.instead)
               for t in library.lexicon if t.level in lexicon_levels]
    seen = {t.text for t in library.lexicon}
    own = [(f.text, f.instead) for e in entries for f in e.forbidden if f.text not in seen]
    general_lines, own_lines = _grouped(general), _grouped(own)
    kept_general, kept_own = general_lines[:limit], own_lines[:limit]
    more = len(general_lines) + len(own_lines) - len(kept_general) - len(kept_own)
    return Donts(kept_general, kept_own, more)


def _grouped(pairs: Iterable[tuple[str, str]]) -> tuple[Dont, ...]:
    """One line per better wording, in order of first appearance; duplicate wordings once."""
    groups: dict[str, list[str]] = {}
    for text, instead in pairs:
        texts = groups.setdefault(instead, [])
        if text not in texts:
            texts.append(text)
    return tuple(Dont(tuple(texts), instead) for instead, texts in groups.items())
