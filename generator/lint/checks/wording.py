"""Wording rules: forbidden wording in approved replies, and replies too long for chat."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from generator.lint.registry import Finding, finding
from generator.text.matching import Phrase, PhraseMatcher
from generator.text.normalize import Normalized, fold

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Forbidden, LexiconTerm, Library


def instead_note(text: str) -> str:
    return f"。建议说：「{text}」" if text else ""


class LexiconMatcher:
    """The global lexicon as one matcher: terms found anywhere in a text, and `match: whole` terms
    that are the whole text (a bare 嗯, or 嗯嗯嗯). Shared by the checker and the chat audit."""

    def __init__(self, lexicon: Iterable[LexiconTerm]) -> None:
        terms = list(lexicon)
        self._parts: PhraseMatcher[LexiconTerm] = PhraseMatcher(
            Phrase(t.text, t, t.allowed) for t in terms if not t.whole)
        self._whole = {fold(t.text): t for t in terms if t.whole}
        self._longest_bare = 3 * max(map(len, self._whole), default=0)  # "嗯嗯嗯" still counts as bare

    def spans(self, normalized: Normalized) -> Iterator[tuple[int, int, LexiconTerm]]:
        yield from self._parts.spans(normalized)
        if len(normalized.text) <= self._longest_bare:
            bare = _collapse_repeats(normalized.text)
            if bare in self._whole:
                yield 0, len(normalized.original), self._whole[bare]


def check_wording(library: Library, context: Context) -> Iterator[Finding]:
    """W001 (global lexicon) and W002 (the entry's own forbidden wording), one scan per reply."""
    lexicon = LexiconMatcher(library.lexicon)
    for entry in library.entries:
        own: PhraseMatcher[Forbidden] = PhraseMatcher(
            Phrase(f.text, f) for f in entry.forbidden)
        for reply in entry.approved:
            text = reply.text
            normalized = reply.normalized
            for offset, _end, term in lexicon.spans(normalized):
                yield _lexicon_finding(text, offset, term)
            for offset, phrase in own.find(normalized):
                yield finding("W002", text.loc, scalar=text, offset=offset, term=phrase.text,
                              reason=f"：{phrase.reason}" if phrase.reason else "",
                              instead=instead_note(phrase.instead))


def _lexicon_finding(text, offset: int, term: LexiconTerm) -> Finding:
    return finding("W001", text.loc, scalar=text, offset=offset, level=term.level,
                   term=term.text, reason=term.reason, instead=instead_note(term.instead))


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
