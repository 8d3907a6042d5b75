"""Questions the handbook cannot answer yet: each consultation's opening buyer question, put to
the site's search; those without a good hit, grouped by similarity and counted — the trainer's
list of entries to write next. The search itself is given by the caller (the site's engine)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from generator.text.normalize import fold

ASKED_MOST = 5_000  # distinct questions searched: the most frequent ones, said in the report
SAME_QUESTION = 70  # rapidfuzz similarity at which two questions are the same gap
EXAMPLES = 3


@dataclass
class Gap:
    question: str  # the most frequent wording
    count: int
    examples: list[str] = field(default_factory=list)
    closest: tuple[str, ...] = ()  # what the search offered instead


@dataclass
class GapReport:
    gaps: list[Gap]
    searched: int  # distinct questions searched
    distinct: int  # distinct questions asked


class Openings:
    """The opening questions of consultations, counted by their folded text."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.shown: dict[str, str] = {}

    def add(self, text: str) -> None:
        key = fold(text)
        if len(key) < 2:  # an emoji or a single character says nothing to search for
            return
        self.counts[key] += 1
        self.shown.setdefault(key, text.strip())


def find_gaps(openings: Openings, search: Callable[[Sequence[str]], Sequence[tuple[bool, tuple[str, ...]]]],
              ) -> GapReport:
    asked = [key for key, _ in openings.counts.most_common(ASKED_MOST)]
    answers = search([openings.shown[key] for key in asked])
    unanswered = [(key, titles) for key, (matched, titles) in zip(asked, answers, strict=True) if not matched]
    return GapReport(_grouped(unanswered, openings), len(asked), len(openings.counts))


def _grouped(unanswered: list[tuple[str, tuple[str, ...]]], openings: Openings) -> list[Gap]:
    """Greedy grouping, most frequent first: a question joins the first group whose leading
    question it resembles."""
    groups: list[tuple[str, Gap]] = []
    for key, titles in unanswered:
        count = openings.counts[key]
        home = next((gap for lead, gap in groups if fuzz.ratio(key, lead) >= SAME_QUESTION), None)
        if home is None:
            groups.append((key, Gap(openings.shown[key], count, [], titles)))
            continue
        home.count += count
        if len(home.examples) < EXAMPLES:
            home.examples.append(openings.shown[key])
    return sorted((gap for _, gap in groups), key=lambda g: (-g.count, g.question))
