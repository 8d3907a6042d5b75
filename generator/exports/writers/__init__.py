"""Writers: one small function per file format, keyed by a profile's `format`.

A writer turns the phrases a profile selected into the bytes of one file. Formats whose syntax
cannot hold some text also provide `check`, returning the Chinese reasons a phrase must be
refused; those are reported with the entry id and file:line before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.exports.writers import expanders, helpdesk, library_json, lines, tables

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library


def _accept_all(_phrase: Phrase, _profile: Profile) -> list[str]:
    return []


@dataclass(frozen=True)
class Writer:
    write: Callable[[Sequence[Phrase], Profile, Library], bytes]
    check: Callable[[Phrase, Profile], list[str]] = _accept_all


WRITERS: dict[str, Writer] = {
    "csv": Writer(tables.write_csv),
    "xlsx": Writer(tables.write_xlsx, tables.check_xlsx),
    "espanso": Writer(expanders.write_espanso),
    "ahk": Writer(expanders.write_ahk),
    "plist": Writer(expanders.write_plist),
    "text-lines": Writer(lines.write_text_lines),
    "sogou": Writer(lines.write_sogou, lines.check_sogou),
    "zendesk": Writer(helpdesk.write_zendesk),
    "chatwoot": Writer(helpdesk.write_chatwoot),
    "json": Writer(library_json.write_library),
}
