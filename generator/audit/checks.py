"""The wording checks on agents' chat messages, with the checker's own matchers: the global
lexicon (W001, same matcher and `except` handling as `handbook check`), every entry's forbidden
wording (W002, a warning unless the item says `level: error`), and the chat-only privacy rules
(C…, patterns in the rule files) run over the folded text, so spacing and emoji do not hide them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.lint.checks.wording import LexiconMatcher, instead_note
from generator.lint.registry import Rule, rules
from generator.model import Entry, Forbidden, Library
from generator.text.matching import Phrase, PhraseMatcher
from generator.text.normalize import Normalized

CACHE = 20_000  # distinct messages remembered


@dataclass(frozen=True)
class Hit:
    code: str
    level: str
    start: int  # in the original message
    end: int
    term: str
    message: str
    instead: str
    entry: str = ""  # the entry whose forbidden wording it is


class ChatChecker:
    def __init__(self, library: Library) -> None:
        self._lexicon = LexiconMatcher(library.lexicon)
        self._forbidden: PhraseMatcher[tuple[Forbidden, Entry]] = PhraseMatcher(
            Phrase(f.text, (f, e)) for e in library.entries for f in e.forbidden)
        self._rules = rules()
        self._chat_rules: list[Rule] = [r for r in self._rules.values() if r.applies == "chat" and r.pattern]
        # agents send the same approved replies again and again: each distinct text is checked once
        self.hits = lru_cache(maxsize=CACHE)(self._checked)

    def _checked(self, text: str) -> tuple[Hit, ...]:
        """Every finding in one agent message; an entry's forbidden wording that the lexicon or a
        privacy rule already reports at the same place is not said twice."""
        found = list(self._hits(text))
        general = [h for h in found if h.code != "W002"]
        return tuple(h for h in found if h.code != "W002" or not any(_overlap(h, g) for g in general))

    def _hits(self, text: str) -> Iterator[Hit]:
        normalized = Normalized(text)
        for start, end, term in self._lexicon.spans(normalized):
            yield Hit("W001", term.level, start, end, term.text,
                      self._message("W001", term=term.text, reason=term.reason, instead=instead_note(term.instead)),
                      term.instead)
        for start, end, (forbidden, entry) in self._forbidden.spans(normalized):
            yield Hit("W002", forbidden.level or "warning", start, end, forbidden.text,
                      self._message("W002", term=forbidden.text, instead=instead_note(forbidden.instead),
                                    reason=f"：{forbidden.reason}" if forbidden.reason else ""),
                      forbidden.instead, entry.id)
        folded = normalized.text
        for rule in self._chat_rules:
            for match in rule.pattern.finditer(folded):
                origin = normalized.origin
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                yield Hit(rule.code, rule.level, start, end, text[start:end],
                          rule.message.format(match=text[start:end]), "")

    def _message(self, code: str, **fields: str) -> str:
        return self._rules[code].message.format(**fields)



def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end
