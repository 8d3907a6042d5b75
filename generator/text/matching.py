"""Find phrases in text after normalisation, honouring allowed longer phrases.

Used by the checker for the global lexicon and each entry's own forbidden wording. All
terms are compiled into one regular expression, so a reply is scanned once, not once per term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from generator.text.normalize import Normalized, fold

T = TypeVar("T")


@dataclass(frozen=True)
class Phrase(Generic[T]):
    text: str
    payload: T
    allowed: tuple[str, ...] = ()  # longer phrases containing `text` that are fine


class PhraseMatcher(Generic[T]):
    def __init__(self, phrases: Iterable[Phrase[T]]) -> None:
        self._phrases: dict[str, tuple[tuple[str, ...], T]] = {}
        for phrase in phrases:
            key = fold(phrase.text)
            if key and key not in self._phrases:
                allowed = tuple(a for a in (fold(x) for x in phrase.allowed) if key in a)
                self._phrases[key] = (allowed, phrase.payload)
        self._keys = sorted(self._phrases, key=lambda k: (-len(k), k))

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        # A lookahead group reports overlapping hits; longest alternatives are tried first.
        return re.compile(f"(?=({'|'.join(re.escape(k) for k in self._keys)}))")

    def find(self, text: Normalized) -> Iterator[tuple[int, T]]:
        """(index in the original string, payload) of every hit not covered by an allowance."""
        for start, _end, payload in self.spans(text):
            yield start, payload

    def spans(self, text: Normalized) -> Iterator[tuple[int, int, T]]:
        """(start, end) in the original string, and the payload, of every hit not covered by an
        allowance: the characters a report marks."""
        folded = text.text
        # Most replies contain no term at all: C-speed substring tests settle that without a regex.
        if not any(key in folded for key in self._keys):
            return
        for match in self._regex.finditer(folded):
            key = match.group(1)
            start = match.start()
            allowed, payload = self._phrases[key]
            if any(_covers(folded, start, len(key), a) for a in allowed):
                continue
            if _straddles_clause(text, start, len(key)):
                continue
            origin = text.origin
            yield origin[start], origin[start + len(key) - 1] + 1, payload


def _covers(folded: str, start: int, length: int, allowed: str) -> bool:
    """Is [start, start+length) inside an occurrence of `allowed`?"""
    lo = max(0, start + length - len(allowed))
    pos = folded.find(allowed, lo, start + len(allowed))
    while pos != -1 and pos <= start:
        if pos + len(allowed) >= start + length:
            return True
        pos = folded.find(allowed, pos + 1, start + len(allowed))
    return False


CLAUSE_MARKS = frozenset("，。！？；：,.!?;:\n")


def _straddles_clause(text: Normalized, start: int, length: int) -> bool:
    """A hit that runs across a clause mark in natural writing ("要不，可以先领券" is not 不可以)
    rather than through characters split one by one on purpose ("不，可，以" still is)."""
    origin, original = text.origin, text.original
    gaps = [(origin[i - 1] + 1, origin[i]) for i in range(start + 1, start + length)]
    split = [(lo, hi) for lo, hi in gaps if hi > lo]
    crosses_clause = any(CLAUSE_MARKS.intersection(original[lo:hi]) for lo, hi in split)
    return crosses_clause and len(split) < len(gaps)
