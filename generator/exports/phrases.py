"""From the library to the phrases one target receives, with everything the target cannot hold
reported per entry (id and file:line) instead of being written silently.

One phrase per approved reply. Codes are assigned over the whole library (so a reply keeps its
code whatever the channel or category selection), then the selection is taken in the order of
`handbook.yaml`'s categories.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from generator.exports.codes import assign_codes, title_initials
from generator.exports.profiles import CodeRules, Profile
from generator.model import Entry, Library, Reply
from generator.text.placeholders import SLOT, fill

LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")  # what any reader may take for a new line
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # invisible, and no target keeps them


@dataclass(frozen=True)
class ExportOptions:
    variables: Mapping[str, str] = field(default_factory=dict)  # filled in for everyone (values_to_publish)
    channel: str | None = None  # None: the profile's default (chat replies)
    categories: tuple[str, ...] = ()  # empty: every category
    blanks: bool = False  # shop values nobody gave become 【名称】 blanks too (agent and customer ones always do)
    skip_invalid: bool = False  # leave out what the target cannot hold, and report it


@dataclass(slots=True)  # not frozen: a frozen init costs 4x, and every target makes one per reply
class Phrase:
    """One approved reply as a target receives it."""

    entry: Entry
    index: int  # position among the entry's approved replies
    code: str
    trigger: str  # what the user types: the code with the profile's prefix and ending
    text: str
    group: str
    slots: tuple[str, ...] = ()  # placeholders left for the tool's own form fields

    def field(self, name: str) -> str:
        return _FIELDS[name](self)

    __getitem__ = field  # so a line template can be filled with str.format_map(phrase)


_FIELDS: dict[str, Callable[[Phrase], str]] = {
    "code": lambda p: p.code, "trigger": lambda p: p.trigger, "text": lambda p: p.text,
    "group": lambda p: p.group, "title": lambda p: p.entry.title, "id": lambda p: p.entry.id,
    "channel": lambda p: ",".join(p.entry.channels), "category": lambda p: p.entry.category,
    "scenario": lambda p: p.entry.scenario,
}


@dataclass(frozen=True)
class Problem:
    entry_id: str
    where: str  # file:line of the reply, or ""
    message: str

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}话术 {self.entry_id}：{self.message}"


@dataclass
class Selection:
    phrases: list[Phrase]
    problems: list[Problem]
    unfilled: dict[str, list[str]]  # placeholder → entry ids that need it


@dataclass(frozen=True)
class _Source:
    entry: Entry
    index: int
    reply: Reply
    place: str | None = None  # file:line, when given rather than read from the text's position


class LibraryIndex:
    """What every target shares, computed once: replies in order and codes per rule set.
    For a library whose texts no longer know their position (a helper process's copy):
    `places`, per entry, the file:line of each approved reply (`reply_places`); and `initials`,
    each title's initials (`title_initials`), read where pinyin's dictionaries are loaded already
    (in a helper they took 140 MB)."""

    def __init__(self, library: Library, places: Sequence[Sequence[str]] | None = None,
                 initials: Mapping[str, str] | None = None) -> None:
        self.library = library
        self._initials_of = title_initials if initials is None else initials.__getitem__
        order = {c.id: i for i, c in enumerate(library.categories)}
        entries = library.entries
        positions = sorted(range(len(entries)), key=lambda k: order.get(entries[k].category, len(order)))
        self.sources = [_Source(entries[k], i, r, places[k][i] if places else None)
                        for k in positions for i, r in enumerate(entries[k].approved)]
        self.groups = {c.id: c.title for c in library.categories}
        self._codes: dict[CodeRules, list[str]] = {}
        self._accepted: dict[CodeRules, list[bool]] = {}
        self._texts: dict[tuple, list[tuple[str, tuple[str, ...]]]] = {}

    def codes(self, rules: CodeRules) -> list[str]:
        key = rules.shape  # targets that differ only in what is typed around the code share codes
        if key not in self._codes:
            self._codes[key] = assign_codes([s.entry.title for s in self.sources],
                                            [s.reply.shortcut for s in self.sources], key, self._initials_of)
        return self._codes[key]

    def accepted(self, rules: CodeRules) -> list[bool]:
        """Per reply: whether its code keeps to `rules` (an explicit shortcut may not)."""
        key = rules.shape
        if key not in self._accepted:
            self._accepted[key] = [key.accepts(code) for code in self.codes(key)]
        return self._accepted[key]

    def texts(self, variables: Mapping[str, str], blanks: Collection[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Per reply: the text with `variables` filled and the slots named in `blanks` written as
        【名称】, and the slots still open in the filled text."""
        key = (tuple(sorted(variables.items())), tuple(sorted(blanks)))
        if key not in self._texts:
            self._texts[key] = [_filled(s.reply.text, variables, blanks) for s in self.sources]
        return self._texts[key]


def _filled(text: str, variables: Mapping[str, str], blanks: Collection[str]) -> tuple[str, tuple[str, ...]]:
    text = fill(text, variables)
    slots = tuple(dict.fromkeys(SLOT.findall(text)))
    if slots and blanks:
        return SLOT.sub(lambda m: f"【{m.group(1)}】" if m.group(1) in blanks else m.group(0), text), slots
    return text, slots


PhraseCheck = Callable[["Phrase", Profile], list[str]]


def select(index: LibraryIndex, profile: Profile, options: ExportOptions, check: PhraseCheck) -> Selection:
    """The phrases of one target; those it cannot hold go to `problems` instead."""
    channel = options.channel or profile.channels
    wanted = set(options.categories)
    selection = Selection([], [], defaultdict(list))
    fill_ins = index.library.placeholders.keys() if options.blanks else index.library.filled_in_use
    texts = index.texts(options.variables, fill_ins if profile.placeholders == "refuse" else ())
    screen = _Screen.of(profile)
    for source, code, code_ok, filled in zip(index.sources, index.codes(profile.code), index.accepted(profile.code),
                                             texts, strict=True):
        entry = source.entry
        if (wanted and entry.category not in wanted) or (channel != "all" and channel not in entry.channels):
            continue
        phrase = _phrase(source, code, filled, index.groups.get(entry.category, entry.category), profile,
                         fill_ins, selection.unfilled)
        found = _problems(phrase, source, profile, code_ok, screen, check)
        selection.problems.extend(found)
        if not found:
            selection.phrases.append(phrase)
    return selection


def _phrase(source: _Source, code: str, filled: tuple[str, tuple[str, ...]], group: str, profile: Profile,
            fill_ins: Collection[str], unfilled: dict[str, list[str]]) -> Phrase:
    text, slots = filled
    if profile.placeholders == "refuse":
        for name in slots:
            if name not in fill_ins:  # a shop value nobody gave: refused rather than sent as a blank
                unfilled[name].append(source.entry.id)
    kept = slots if profile.placeholders == "form" else ()
    return Phrase(source.entry, source.index, code, profile.code.trigger(code), text, group, kept)


def where(source: _Source) -> str:
    if source.place is not None:
        return source.place
    loc = getattr(source.reply.text, "loc", None) or source.entry.loc
    if loc is None:
        return ""
    line, _ = loc.position()
    return f"{loc.file}:{line}"


def reply_places(library: Library) -> list[list[str]]:
    """Per entry, the file:line of each approved reply (what `LibraryIndex` reports problems by)."""
    return [[where(_Source(e, i, r)) for i, r in enumerate(e.approved)] for e in library.entries]


@dataclass(frozen=True)
class _Screen:
    """What one target refuses, prepared once: most replies pass every test, so one search
    tells whether a text needs the detailed messages at all."""

    suspect: re.Pattern[str]  # anything `_text_messages` could object to
    limits: tuple[tuple[str, int], ...]
    narrow_encoding: bool

    @classmethod
    def of(cls, profile: Profile) -> _Screen:
        parts = [CONTROL.pattern, *([LINE_BREAKS.pattern] if profile.newlines == "refuse" else []),
                 *map(re.escape, (*profile.refuse_chars, *profile.refuse_text)),
                 *("^" + re.escape(lead) for lead in profile.refuse_leading)]
        return cls(re.compile("|".join(parts)), tuple(sorted(profile.limits.items())),
                   profile.encoding.lower() not in UNIVERSAL)


def _problems(phrase: Phrase, source: _Source, profile: Profile, code_ok: bool, screen: _Screen,
              check: PhraseCheck) -> list[Problem]:
    messages = [] if code_ok else _code_messages(phrase, profile)
    if screen.suspect.search(phrase.text):
        messages += _text_messages(phrase.text, profile)
    messages += _limit_messages(phrase, profile, screen.limits)
    if screen.narrow_encoding:
        messages += _encoding_messages(phrase, profile)
    messages += check(phrase, profile)
    if not messages:
        return []
    spot = where(source)
    return [Problem(phrase.entry.id, spot, m) for m in messages]


def _code_messages(phrase: Phrase, profile: Profile) -> list[str]:
    return [f"快捷编码「{phrase.code}」不能用于 {profile.tool}（{profile.code.describe()}）：请改 shortcut"]


def _text_messages(text: str, profile: Profile) -> list[str]:
    messages = ["含有不可见的控制字符：请删掉它"] if CONTROL.search(text) else []
    if profile.newlines == "refuse" and LINE_BREAKS.search(text):
        messages.append(f"{profile.tool} 不支持多行短语：请把这条回复改成一行")
    for char in profile.refuse_chars:
        if char in text:
            messages.append(f"{profile.tool} 的短语里不能有{_char_name(char)}")
    for lead in profile.refuse_leading:
        if text.startswith(lead):
            messages.append(f"{profile.tool} 会把「{lead}」开头的短语当作注释或命令：请改写开头")
    for piece in profile.refuse_text:
        if piece in text:
            messages.append(f"{profile.tool} 会把「{piece}」当作变量语法：请改写这部分文字")
    return messages


LIMITED = {"text": "短语", "group": "分组名", "title": "标题"}


def _limit_messages(phrase: Phrase, profile: Profile, limits: Sequence[tuple[str, int]]) -> list[str]:
    return [f"{LIMITED.get(key, key)}有 {len(value)} 个字，{profile.tool} 最多 {limit} 个字"
            for key, limit in limits if len(value := phrase.field(key)) > limit]


UNIVERSAL = ("utf-8", "utf8", "utf-16-le", "utf-16", "gb18030")  # every character fits


def _encoding_messages(phrase: Phrase, profile: Profile) -> list[str]:
    used = {phrase.field(c) for c in profile.columns} or {phrase.text}
    for value in sorted(used):
        try:
            value.encode(profile.encoding)
        except UnicodeEncodeError as err:
            bad = value[err.start:err.end]
            return [f"「{bad}」无法用 {profile.encoding.upper()} 编码保存：请删掉它，或改用 UTF-8 的导出目标"]
    return []


def _char_name(char: str) -> str:
    return {"\t": "制表符（Tab）", "\n": "换行", "\r": "回车"}.get(char, f"「{char}」")


def unfilled_message(unfilled: Mapping[str, Sequence[str]], shown: int = 8) -> str:
    names = sorted(unfilled, key=lambda n: (-len(unfilled[n]), n))
    parts = [f"{{{n}}}（{len(unfilled[n])} 条回复，如 {unfilled[n][0]}）" for n in names[:shown]]
    more = f" 等 {len(names)} 个" if len(names) > shown else ""
    return (f"这些店铺信息占位符没有值，也没有示例值：{'、'.join(parts)}{more}。请用 --var {names[0]}=值 填写，"
            "或加 --blanks 把它们保留为【名称】空格。")
