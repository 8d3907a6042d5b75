"""Training quizzes generated from the library, deterministic for a given seed.

Two kinds of multiple-choice question:
- "这个场景应该怎么回复？": a scenario (and a customer phrasing); the answer is one of the entry's
  approved replies, the distractors are its forbidden wording and replies of unrelated entries
  (another category, no tag or policy in common), which answer some other question;
- "这句话哪里不妥？": a forbidden sentence; the answer is its reason, the distractors are reasons
  about something else (no word in common with a reason given for this wording).

Every question has exactly one correct option: options are compared after normalisation
(width, case, spaces, punctuation) and a distractor may never be another approved reply of the
same entry, nor a reason given for the same wording elsewhere.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.model import Entry, Library
from generator.text.normalize import fold
from generator.text.pinyin import words
from generator.text.placeholders import fill

REPLY = "reply"
WORDING = "wording"
PROMPTS = {REPLY: "这个场景应该怎么回复？", WORDING: "这句话哪里不妥？"}
MAX_OPTIONS = 4
SAMPLE_ATTEMPTS = 40  # random picks tried per question before settling for fewer options
# Words that say nothing about what is wrong: sharing them does not make two reasons alike.
PLAIN_WORDS = frozenset({"顾客", "属于", "没有", "显得", "直接", "容易", "店铺", "回复", "可能", "就是"})


@dataclass(frozen=True)
class Question:
    kind: str  # REPLY | WORDING
    stem: str  # the scenario, or the sentence to judge
    customer: str  # a customer phrasing shown with the scenario ('' for WORDING)
    options: tuple[str, ...]
    answer: int  # index into options
    explanation: str
    entry_id: str | None  # None for global lexicon wording

    @property
    def prompt(self) -> str:
        return PROMPTS[self.kind]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "prompt": self.prompt, "stem": self.stem, "customer": self.customer,
                "options": list(self.options), "answer": self.answer, "explanation": self.explanation,
                "entry": self.entry_id}


@dataclass(frozen=True)
class Quiz:
    seed: int
    questions: tuple[Question, ...]

    def as_dict(self) -> dict:
        return {"seed": self.seed, "questions": [q.as_dict() for q in self.questions]}


@dataclass(frozen=True)
class _Wording:
    """A forbidden sentence with its reason, from an entry or from the global lexicon."""

    text: str
    reason: str
    instead: str
    entry_id: str | None


class _Pools:
    """What distractors are drawn from, folded once per library."""

    def __init__(self, library: Library) -> None:
        self.entries = [e for e in library.entries if e.approved]
        self.examples = {name: p.example for name, p in library.placeholders.items() if p.example}
        self.wordings = [_Wording(str(f.text), str(f.reason), str(f.instead), str(e.id))
                         for e in library.entries for f in e.forbidden if f.reason]
        self.wordings += [_Wording(str(t.text), str(t.reason), str(t.instead), None)
                          for t in library.lexicon if t.reason]

    def shown(self, text: str) -> str:
        """Option text as the agent would send it: placeholders filled with their examples."""
        return fill(str(text), self.examples)

    @cached_property
    def reasons_by_text(self) -> dict[str, set[str]]:
        """Folded wording → every folded reason given for it (all of them are right answers)."""
        found: dict[str, set[str]] = {}
        for item in self.wordings:
            found.setdefault(fold(item.text), set()).add(fold(item.reason))
        return found

    @cached_property
    def reasons(self) -> list[str]:
        """Every distinct reason, in library order."""
        return list(dict.fromkeys(item.reason for item in self.wordings))


def _gist(reason: str) -> set[str]:
    """The words of a reason that say what is wrong (two reasons sharing one could both fit)."""
    return {w for w in words(fold(reason)) if len(w) >= 2 and w not in PLAIN_WORDS}


def _unrelated(entry: Entry, other: Entry) -> bool:
    """Whether `other` answers a different question: another category, no tag or policy shared."""
    return (other.category != entry.category and not set(other.tags) & set(entry.tags)
            and not set(other.policy) & set(entry.policy))


def build_quiz(library: Library, seed: int, count: int) -> Quiz:
    rng = random.Random(seed)
    pools = _Pools(library)
    replies: list[tuple[str, object]] = [(REPLY, e) for e in pools.entries]
    wordings: list[tuple[str, object]] = [(WORDING, w) for w in pools.wordings]
    rng.shuffle(replies)
    rng.shuffle(wordings)
    questions: list[Question] = []
    for kind, source in _alternate(replies, wordings):
        if len(questions) >= count:
            break
        made = _reply_question(rng, pools, source) if kind == REPLY else _wording_question(rng, pools, source)
        if made is not None:
            questions.append(made)
    rng.shuffle(questions)
    return Quiz(seed, tuple(questions))


def _alternate(first: list, second: list) -> Iterator:
    """Both kinds of question in turn, so a quiz mixes them evenly while both last."""
    for index in range(max(len(first), len(second))):
        yield from first[index:index + 1]
        yield from second[index:index + 1]


def _options(rng: random.Random, correct: str, distractors: list[str]) -> tuple[tuple[str, ...], int]:
    options = [correct, *distractors]
    rng.shuffle(options)
    return tuple(options), options.index(correct)


class _Distinct:
    """Collects options whose folded forms differ from each other and from the excluded ones."""

    def __init__(self, correct: str, excluded: set[str]) -> None:
        self.seen = {fold(correct)} | excluded
        self.items: list[str] = []

    def offer(self, text: str) -> None:
        key = fold(text)
        if key and key not in self.seen and len(self.items) < MAX_OPTIONS - 1:
            self.seen.add(key)
            self.items.append(text)

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_OPTIONS - 1


def _reply_question(rng: random.Random, pools: _Pools, entry: Entry) -> Question | None:
    replies = [pools.shown(r.text) for r in entry.approved]
    correct = rng.choice(replies)
    distinct = _Distinct(correct, {fold(r) for r in replies})
    own_forbidden = [str(f.text) for f in entry.forbidden]
    rng.shuffle(own_forbidden)
    for text in own_forbidden[:2]:  # keep room for replies of other entries
        distinct.offer(text)
    for other in _other_entries(rng, pools, entry):
        if distinct.full:
            break
        distinct.offer(pools.shown(rng.choice(other.approved).text))
    if not distinct.items:
        return None
    options, answer = _options(rng, correct, distinct.items)
    customer = str(rng.choice(entry.questions)) if entry.questions else ""
    return Question(REPLY, str(entry.scenario), customer, options, answer,
                    f"出自话术「{entry.title}」", str(entry.id))


def _other_entries(rng: random.Random, pools: _Pools, entry: Entry) -> Iterator[Entry]:
    """Random entries unrelated to `entry`: their replies cannot pass for an answer to it."""
    for _ in range(SAMPLE_ATTEMPTS):
        other = pools.entries[rng.randrange(len(pools.entries))]
        if _unrelated(entry, other):
            yield other


def _wording_question(rng: random.Random, pools: _Pools, wording: _Wording) -> Question | None:
    correct = str(wording.reason)
    right = pools.reasons_by_text.get(fold(wording.text), set())
    distinct = _Distinct(correct, right)
    gist = set().union(*(_gist(reason) for reason in right))
    for _ in range(SAMPLE_ATTEMPTS):
        if distinct.full:
            break
        reason = pools.reasons[rng.randrange(len(pools.reasons))]
        if not _gist(reason) & gist:
            distinct.offer(reason)
    if not distinct.items:
        return None
    options, answer = _options(rng, correct, distinct.items)
    explanation = f"改说：{wording.instead}" if wording.instead else ""
    return Question(WORDING, str(wording.text), "", options, answer, explanation, wording.entry_id)
