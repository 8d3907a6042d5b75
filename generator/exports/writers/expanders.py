"""Text expanders: Espanso (YAML), AutoHotkey v2 (hotstrings) and macOS text replacements (plist).

Text is escaped by each format's own rules: YAML double-quoted scalars and plistlib for theirs;
AutoHotkey needs its escape character (`) before ` and ;, and `n / `r / `t for line breaks and
tabs, while the T option sends { } ^ ! + # literally. A hotstring fires on an ending character
(space, Enter, punctuation) after its abbreviation; the O option leaves that character out.
"""

from __future__ import annotations

import plistlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.text.placeholders import SLOT

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library

YAML_SPECIAL = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
AHK_ESCAPES = {"`": "``", ";": "`;", "\n": "`n", "\r": "`r", "\t": "`t"}
AHK_TRIGGER_ESCAPES = {"`": "``", ";": "`;", ":": "`:"}


def generated_note(library: Library, profile: Profile) -> str:
    """The comment line at the top of a file: always one line (a title or a team profile's label
    with a line break in it would otherwise start a live line of the format)."""
    return one_line(f"{library.title}：{profile.label}（由话术手册生成；请改源文件后重新导出，不要直接修改）")


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar: characters outside YAML's printable set, and the ones YAML
    1.1 treats as line breaks (NEL, LS, PS), are escaped; everything else is written as is."""
    return '"' + YAML_SPECIAL.sub(_yaml_escape, text) + '"'


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return YAML_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def write_espanso(phrases: Sequence[Phrase], profile: Profile, library: Library) -> bytes:
    # Written directly (PyYAML's representer takes seconds for 20,000 matches); the tests read
    # it back with PyYAML and the vendor's JSON schema.
    lines = [f"# {generated_note(library, profile)}", "matches:"]
    for phrase in phrases:
        lines += _espanso_match(phrase)
    return profile.encode("\n".join(lines) + "\n")


def _espanso_match(phrase: Phrase) -> list[str]:
    if phrase.slots:  # unfilled placeholders become fields of an Espanso form
        body = "form: " + yaml_quote(SLOT.sub(lambda m: f"[[{m.group(1)}]]", phrase.text))
    else:
        body = "replace: " + yaml_quote(phrase.text)
    lines = [f"  - trigger: {yaml_quote(phrase.trigger)}", f"    {body}",
             f"    label: {yaml_quote(f'{phrase.group} · {phrase.entry.title}')}"]
    lines.append("    force_clipboard: true")  # typing CJK key by key fights the input method
    return lines


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
    options = "OT" if profile.options.get("omit_ending", True) else "T"
    for phrase in phrases:
        lines.append(f"; {one_line(phrase.group)} / {one_line(phrase.entry.title)} ({phrase.entry.id})")
        lines.append(f":{options}:{ahk_escape(phrase.trigger, AHK_TRIGGER_ESCAPES)}::{ahk_escape(phrase.text)}")
    return profile.encode(profile.line_ending.join(lines) + profile.line_ending)


def one_line(text: str) -> str:
    """Every run of whitespace, line breaks of any kind included (CR, NEL, U+2028 …), as one space."""
    return " ".join(text.split())


def write_plist(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    items = [{"phrase": p.text, "shortcut": p.trigger} for p in phrases]
    return plistlib.dumps(items, fmt=plistlib.FMT_XML, sort_keys=True)
