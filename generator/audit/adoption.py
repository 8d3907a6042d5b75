"""Adoption: how often agents send the approved wording. A message counts as an approved reply
when it is that reply with its placeholders filled in, or at least 90 % similar to the reply as
its examples fill it (rapidfuzz's normalised Indel similarity over the folded text)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from generator.model import Library
from generator.text.normalize import fold
from generator.text.placeholders import SLOT

SIMILAR = 90
START = 2
CACHE = 20_000  # distinct messages remembered: agents send the same approved replies again and again


@dataclass(frozen=True)
class Template:
    entry: str
    index: int  # which approved reply of the entry
    text: str
    filled: str  # folded, placeholders filled with their examples
    pattern: re.Pattern[str] | None  # folded, placeholders as wildcards
    start: str  # the first START folded characters before any placeholder ("" if it starts with one)


class AdoptionMatcher:
    def __init__(self, library: Library) -> None:
        examples = {name: p.example for name, p in library.placeholders.items()}
        self.templates = [_template(e.id, i, r.text, examples) for e in library.entries
                          if "chat" in e.channels for i, r in enumerate(e.approved)]
        self._filled = [t.filled for t in self.templates]
        # a message can only fill a reply it starts like: the replies to try, by their first characters
        self._by_start: dict[str, list[Template]] = defaultdict(list)
        for template in self.templates:
            if template.pattern is not None:
                self._by_start[template.start].append(template)
        # remembered by the text as sent: a repeated message is neither folded nor searched again
        self.match = lru_cache(maxsize=CACHE)(self._search)

    def _search(self, text: str) -> Template | None:
        """The approved reply this message sends, if any."""
        folded = fold(text)
        if not folded:
            return None
        for template in (*self._by_start.get(folded[:START], ()), *self._by_start.get("", ())):
            if template.pattern.fullmatch(folded):
                return template
        best = process.extractOne(folded, self._filled, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        return None if best is None else self.templates[best[2]]


def _template(entry: str, index: int, text: str, examples: dict[str, str]) -> Template:
    filled = fold(SLOT.sub(lambda m: examples.get(m.group(1), ""), text))
    parts = SLOT.split(text)
    pattern, start = None, ""
    if len(parts) > 1:  # a reply with placeholders: anything may stand where they are
        statics = [fold(p) for p in parts[::2]]
        pattern = re.compile(".{1,60}?".join(re.escape(s) for s in statics))
        start = statics[0][:START] if len(statics[0]) >= START else ""
    return Template(entry, index, text, filled, pattern, start)
