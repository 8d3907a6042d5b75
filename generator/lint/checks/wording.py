"""Wording rules: forbidden wording in approved replies, and replies too long for chat."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.lint.registry import Finding, finding
from generator.text.matching import Phrase, PhraseMatcher
from generator.text.normalize import fold

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Forbidden, LexiconTerm, Library


def _instead(text: str) -> str:
    return f"。建议说：「{text}」" if text else ""


def check_wording(library: Library, context: Context) -> Iterator[Finding]:
    """W001 (global lexicon) and W002 (the entry's own forbidden wording), one scan per reply."""
    parts = [t for t in library.lexicon if not t.whole]
    lexicon: PhraseMatcher[LexiconTerm] = PhraseMatcher(
        Phrase(t.text, t, t.allowed) for t in parts)
    whole = {fold(t.text): t for t in library.lexicon if t.whole}
    longest_bare = 3 * max(map(len, whole), default=0)  # "嗯嗯嗯" still counts as bare
    for entry in library.entries:
        own: PhraseMatcher[Forbidden] = PhraseMatcher(
            Phrase(f.text, f) for f in entry.forbidden)
        for reply in entry.approved:
            text = reply.text
            normalized = reply.normalized
            for offset, term in lexicon.find(normalized):
                yield _lexicon_finding(text, offset, term)
            if len(normalized.text) <= longest_bare:
                bare = _collapse_repeats(normalized.text)
                if bare in whole:
                    yield _lexicon_finding(text, 0, whole[bare])
            for offset, phrase in own.find(normalized):
                yield finding("W002", text.loc, scalar=text, offset=offset, term=phrase.text,
                              reason=f"：{phrase.reason}" if phrase.reason else "",
                              instead=_instead(phrase.instead))


def _lexicon_finding(text, offset: int, term: LexiconTerm) -> Finding:
    return finding("W001", text.loc, scalar=text, offset=offset, level=term.level,
                   term=term.text, reason=term.reason, instead=_instead(term.instead))


def _collapse_repeats(folded: str) -> str:
    # "嗯嗯嗯" is as bare a reply as "嗯".
    return re.sub(r"(.+?)\1+$", r"\1", folded)


def check_length(library: Library, context: Context) -> Iterator[Finding]:
    limit = library.settings.max_reply_length
    for entry in library.entries:
        if "chat" not in entry.channels:
            continue
        for reply in entry.approved:
            if len(reply.text) > limit:
                yield finding("W003", reply.text.loc, scalar=reply.text, offset=limit,
                              length=len(reply.text), limit=limit)
