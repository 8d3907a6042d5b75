"""Adoption: how often agents send the approved wording. A message counts as an approved reply
when it is that reply with its placeholders filled in, or at least 90 % similar to the reply as
its examples fill it (rapidfuzz's normalised Indel similarity over the folded text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from generator.model import Library
from generator.text.normalize import fold
from generator.text.placeholders import SLOT

SIMILAR = 90
CACHE = 100_000  # distinct messages remembered: agents send the same approved replies again and again


@dataclass(frozen=True)
class Template:
    entry: str
    index: int  # which approved reply of the entry
    text: str
    filled: str  # folded, placeholders filled with their examples
    pattern: re.Pattern[str] | None  # folded, placeholders as wildcards


class AdoptionMatcher:
    def __init__(self, library: Library) -> None:
        examples = {name: p.example for name, p in library.placeholders.items()}
        self.templates = [_template(e.id, i, r.text, examples) for e in library.entries
                          if "chat" in e.channels for i, r in enumerate(e.approved)]
        self._filled = [t.filled for t in self.templates]
        self._seen: dict[str, int | None] = {}

    def match(self, text: str) -> Template | None:
        """The approved reply this message sends, if any."""
        folded = fold(text)
        if not folded:
            return None
        found = self._seen.get(folded, -1)
        if found == -1:
            found = self._find(folded)
            if len(self._seen) >= CACHE:
                self._seen.clear()
            self._seen[folded] = found
        return None if found is None else self.templates[found]

    def _find(self, folded: str) -> int | None:
        for i, template in enumerate(self.templates):
            if template.pattern is not None and template.pattern.fullmatch(folded):
                return i
        best = process.extractOne(folded, self._filled, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        return None if best is None else best[2]


def _template(entry: str, index: int, text: str, examples: dict[str, str]) -> Template:
    filled = fold(SLOT.sub(lambda m: examples.get(m.group(1), ""), text))
    parts = SLOT.split(text)
    pattern = None
    if len(parts) > 1:  # a reply with placeholders: anything may stand where they are
        statics = [fold(p) for p in parts[::2]]
        pattern = re.compile(".{1,60}?".join(re.escape(s) for s in statics))
    return Template(entry, index, text, filled, pattern)
