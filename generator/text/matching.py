"""Find phrases in text after normalisation, honouring allowed longer phrases.

Used by the checker for the global lexicon and each entry's own forbidden wording, and by the
chat audit for both at once. All terms go into one Aho-Corasick automaton, so a text is scanned
once, not once per term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

import ahocorasick

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

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton | None:
        # Aho-Corasick: one pass over a text finds every term, however many terms there are.
        if not self._phrases:
            return None
        automaton = ahocorasick.Automaton()
        for key in self._phrases:
            automaton.add_word(key, key)
        automaton.make_automaton()
        return automaton

    def find(self, text: Normalized) -> Iterator[tuple[int, T]]:
        """(index in the original string, payload) of every hit not covered by an allowance."""
        for start, _end, payload in self.spans(text):
            yield start, payload

    def spans(self, text: Normalized) -> Iterator[tuple[int, int, T]]:
        """(start, end) in the original string, and the payload, of every hit not covered by an
        allowance, in order of position: the characters a report marks. Where several terms start
        at the same character, only the longest counts (不可以, not also 不可)."""
        folded = text.text
        automaton = self._automaton
        if automaton is None:
            return
        longest: dict[int, str] = {}
        for last, key in automaton.iter(folded):
            start = last - len(key) + 1
            if len(key) > len(longest.get(start, "")):
                longest[start] = key
        for start, key in sorted(longest.items()):
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
