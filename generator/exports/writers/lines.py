"""Input-method phrase files: one phrase per line (Rime custom_phrase.txt) and 搜狗 PhraseEdit.txt.

Rime: `phrase<TAB>code<TAB>weight` lines after a comment header; a phrase cannot hold a tab or
a line break (the profile refuses them). 搜狗: `code,position=phrase`; a multi-line phrase is
written as `code,position=` followed by its lines, so a line that itself looks like an entry
or a comment would be misread and is refused (the first line of the phrase as well).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.exports.writers.expanders import generated_note

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library

SOGOU_ENTRY = re.compile(r"^[A-Za-z]+,\d+=")


def write_text_lines(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    template = str(profile.options.get("line", "{text}\t{code}"))
    preamble = [str(line) for line in profile.options.get("preamble", [])]
    lines = [*preamble, *(template.format_map(p) for p in phrases)]
    return profile.encode(profile.line_ending.join(lines) + profile.line_ending)


def check_sogou(phrase: Phrase, _profile: Profile) -> list[str]:
    text = phrase.text
    if "\r" in text:
        return ["含有单独的回车符：请改成普通换行"]
    # a multi-line phrase is written as `code,1=` and then each of its lines, the first one too
    lines = text.split("\n") if "\n" in text else []
    if any(SOGOU_ENTRY.match(line) or line.startswith(";") for line in lines):
        return ["有一行以「;」或「字母,数字=」开头，搜狗会把它当作注释或另一条短语：请改写这一行"]
    return []


def write_sogou(phrases: Sequence[Phrase], profile: Profile, library: Library) -> bytes:
    position = int(profile.options.get("position", 1))
    lines = [f";{generated_note(library, profile)}"]
    for phrase in phrases:
        head = f"{phrase.trigger},{position}="
        lines.extend([head, *phrase.text.split("\n")] if "\n" in phrase.text else [head + phrase.text])
    return profile.encode(profile.line_ending.join(lines) + profile.line_ending)
