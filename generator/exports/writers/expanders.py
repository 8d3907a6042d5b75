"""Text expanders: Espanso (YAML), AutoHotkey v2 (hotstrings) and macOS text replacements (plist).

Text is escaped by each format's own rules: PyYAML and plistlib quote for their formats;
AutoHotkey needs its escape character (`) before ` and ;, and `n / `r / `t for line breaks and
tabs, while the T option sends { } ^ ! + # literally.
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import yaml

from generator.placeholders import SLOT

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library

AHK_ESCAPES = {"`": "``", ";": "`;", "\n": "`n", "\r": "`r", "\t": "`t"}
AHK_TRIGGER_ESCAPES = {"`": "``", ";": "`;", ":": "`:"}


def generated_note(library: Library, profile: Profile) -> str:
    return f"{library.title}：{profile.label}（由话术手册生成；请改源文件后重新导出，不要直接修改）"


def write_espanso(phrases: Sequence[Phrase], profile: Profile, library: Library) -> bytes:
    matches = [_espanso_match(p) for p in phrases]
    body = yaml.safe_dump({"matches": matches}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return profile.encode(f"# {generated_note(library, profile)}\n{body}")


def _espanso_match(phrase: Phrase) -> dict:
    match: dict = {"trigger": phrase.trigger}
    if phrase.slots:  # unfilled placeholders become fields of an Espanso form
        match["form"] = SLOT.sub(lambda m: f"[[{m.group(1)}]]", phrase.text)
    else:
        match["replace"] = phrase.text
    match["label"] = f"{phrase.group} · {phrase.entry.title}"
    if phrase.entry.questions:
        match["search_terms"] = [str(q) for q in phrase.entry.questions]
    match["force_clipboard"] = True  # typing CJK key by key fights the input method
    return match


def ahk_escape(text: str, table: dict[str, str] = AHK_ESCAPES) -> str:
    escaped = "".join(table.get(c, c) for c in text)
    # Spaces at either end of a hotstring's replacement would be trimmed: write them as `s.
    core = escaped.strip(" ")
    lead = len(escaped) - len(escaped.lstrip(" "))
    trail = len(escaped) - len(escaped.rstrip(" ")) if core else 0
    return "`s" * lead + core + "`s" * trail


def write_ahk(phrases: Sequence[Phrase], profile: Profile, library: Library) -> bytes:
    lines = ["#Requires AutoHotkey v2.0", "#SingleInstance Force",
             f"; {generated_note(library, profile)}", ""]
    for phrase in phrases:
        lines.append(f"; {_one_line(phrase.group)} / {_one_line(phrase.entry.title)} ({phrase.entry.id})")
        lines.append(f":T:{ahk_escape(phrase.trigger, AHK_TRIGGER_ESCAPES)}::{ahk_escape(phrase.text)}")
    return profile.encode(profile.line_ending.join(lines) + profile.line_ending)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_plist(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    items = [{"phrase": p.text, "shortcut": p.trigger} for p in phrases]
    return plistlib.dumps(items, fmt=plistlib.FMT_XML, sort_keys=True)
