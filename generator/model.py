"""The typed library every renderer works from (built once from the validated records).

Strings taken from the source are `Text` (a `str` that remembers its position), so the
checker can point at them; renderers simply treat them as `str`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.lint.registry import Finding
from generator.source.loader import LoadedFile, LoadedSource, load_source
from generator.source.positions import Loc, Record
from generator.source.schema import CHECK_SETTINGS, LEXICON_TERM
from generator.text.normalize import Normalized, normalize
from generator.text.placeholders import slot_names


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    example: str = ""
    scope: str = "customer"  # shop | agent: the same in every chat, kept; customer: asked each time

    @property
    def per_customer(self) -> bool:
        return self.scope == "customer"


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    summary: str
    source: str = ""
    url: str = ""
    updated: dt.date | None = None


@dataclass(frozen=True)
class LexiconTerm:
    text: str
    reason: str
    instead: str = ""
    level: str = "error"
    allowed: tuple[str, ...] = ()  # the `except` phrases
    whole: bool = False  # match only a reply that is exactly this term


@dataclass(frozen=True)
class Reply:
    text: str
    shortcut: str | None = None

    @property
    def placeholders(self) -> list[str]:
        return slot_names(self.text)

    @cached_property
    def normalized(self) -> Normalized:
        """The text folded for wording matching (computed once, shared by all checks)."""
        return normalize(self.text)


@dataclass(frozen=True)
class Forbidden:
    text: str
    reason: str = ""
    instead: str = ""
    level: str = ""  # in the chat audit (a warning unless it says error); in a reply always an error


@dataclass
class Entry:
    id: str
    title: str
    scenario: str
    category: str
    approved: list[Reply]
    questions: list[str] = field(default_factory=list)
    forbidden: list[Forbidden] = field(default_factory=list)
    policy: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=lambda: ["chat", "phone"])
    notes: str = ""
    owner: str = ""
    updated: dt.date | None = None
    review_by: dt.date | None = None
    top: bool = False
    loc: Loc | None = field(default=None, repr=False, compare=False)
    value_locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class CheckSettings:
    max_reply_length: int = 150
    typography: bool = True
    near_duplicate: int = 90
    disable: tuple[str, ...] = ()


@dataclass
class Library:
    title: str
    categories: list[Category]
    placeholders: dict[str, Placeholder]
    policies: list[Policy]
    lexicon: list[LexiconTerm]
    entries: list[Entry]
    settings: CheckSettings
    root: Path
    synonyms: tuple[tuple[str, ...], ...] = ()  # the library's own search synonym groups
    default_synonyms: bool = True  # the shipped customer-service list applies too

    @cached_property
    def policy_map(self) -> dict[str, Policy]:
        return {p.id: p for p in reversed(self.policies)}  # the first of duplicates wins

    @cached_property
    def per_customer(self) -> frozenset[str]:
        """Placeholders whose value differs from customer to customer: never stored or published."""
        return frozenset(n for n, p in self.placeholders.items() if p.per_customer)

    @cached_property
    def characters(self) -> frozenset[str]:
        """Every distinct character of the texts agents search (titles, scenarios, questions, tags,
        replies), gathered once: the search index and its script folding both read them."""
        texts = (t for e in self.entries for t in (e.title, e.scenario, *e.questions, *e.tags,
                                                   *(r.text for r in e.approved)))
        return frozenset().union(*texts)

    @cached_property
    def filled_in_use(self) -> frozenset[str]:
        """Placeholders an export leaves for the person using it (agent and customer values)."""
        return frozenset(n for n, p in self.placeholders.items() if p.scope != "shop")

    def examples_used(self, variables: Mapping[str, str]) -> list[str]:
        """The shop placeholders an export fills with their example, for want of a `--var` value."""
        return [n for n, p in self.placeholders.items() if p.scope == "shop" and p.example and n not in variables]

    def values_to_publish(self, variables: Mapping[str, str]) -> dict[str, str]:
        """What an export fills in for everyone: `--var` values, and a shop value's example when
        there is none; an agent's own or a customer's value is left to be filled in."""
        return {n: self.placeholders[n].example for n in self.examples_used(variables)} | dict(variables)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def entries_in(self, category_id: str) -> list[Entry]:
        return list(self.entries_by_category.get(category_id, ()))

    @cached_property
    def entries_by_category(self) -> dict[str, list[Entry]]:
        """category id → its entries, in library order."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.category, []).append(entry)
        return grouped


def build_library(loaded: LoadedSource) -> Library:
    """Assemble the model from whatever validated; broken parts were already reported."""
    settings = loaded.record("handbook.yaml") or {}
    policies = (loaded.record("policies.yaml") or {}).get("policies", [])
    lexicon = (loaded.record("lexicon.yaml") or {}).get("forbidden", [])
    entries = [entry for item in loaded.entry_files for entry in entries_of(item)]
    return Library(
        title=str(settings.get("title", "话术手册")),
        categories=[_category(r) for r in settings.get("categories", []) if "id" in r],
        placeholders={name: _placeholder(name, r)
                      for name, r in settings.get("placeholders", {}).items()},
        policies=[_policy(p) for p in policies if "id" in p],
        lexicon=[_term(r) for r in lexicon if "text" in r],
        entries=entries,
        settings=_settings(settings.get("check", {})),
        root=loaded.root,
        synonyms=tuple(tuple(r.get("words", ())) for r in settings.get("synonyms", [])),
        default_synonyms=bool(settings.get("default_synonyms", True)),
    )


def load_library(root: Path) -> tuple[Library, list[Finding]]:
    loaded = load_source(root)
    return build_library(loaded), loaded.findings


def _defaults(shape_fields: tuple, record: Record) -> dict:
    return {f.name: record.get(f.name, f.default) for f in shape_fields}


def _settings(record: Record) -> CheckSettings:
    values = _defaults(CHECK_SETTINGS.fields, record)
    values["disable"] = tuple(values["disable"])
    return CheckSettings(**values)


def _category(record: Record) -> Category:
    return Category(record["id"], record.get("title", record["id"]), record.get("description", ""))


def _placeholder(name: str, record: Record) -> Placeholder:
    return Placeholder(name, record.get("description", ""), record.get("example", ""),
                       record.get("scope", "customer"))


def _policy(record: Record) -> Policy:
    return Policy(
        id=record["id"], title=record.get("title", record["id"]), summary=record.get("summary", ""),
        source=record.get("source", ""), url=record.get("url", ""), updated=record.get("updated"),
    )


def _term(record: Record) -> LexiconTerm:
    values = _defaults(LEXICON_TERM.fields, record)
    return LexiconTerm(
        text=values["text"], reason=values["reason"] or "", instead=values["instead"] or "",
        level=values["level"], allowed=tuple(values["except"]), whole=values["match"] == "whole",
    )


def entries_of(item: LoadedFile) -> list[Entry]:
    return [_entry(record, item.category) for record in entry_records(item)]


def entry_records(item: LoadedFile) -> list[Record]:
    """The records of an entry file that become entries: any with an id and replies, so that one
    check reports what is wrong in an entry that also lacks a title or a scenario (reported as S004;
    with that error nothing is published)."""
    return [record for record in (item.data or {}).get("entries", []) if "id" in record and "approved" in record]


def reply_records(record: Record) -> list[Record]:
    """An entry record's approved replies that have a text, in order."""
    return [reply for reply in record["approved"] if "text" in reply]


def _entry(record: Record, category: str) -> Entry:
    return Entry(
        id=record["id"], title=record.get("title", ""), scenario=record.get("scenario", ""), category=category,
        approved=[Reply(r["text"], r.get("shortcut")) for r in reply_records(record)],
        questions=list(record.get("questions", [])),
        forbidden=[Forbidden(f["text"], f.get("reason", ""), f.get("instead", ""), f.get("level", ""))
                   for f in record.get("forbidden", []) if "text" in f],
        policy=list(record.get("policy", [])),
        tags=list(record.get("tags", [])),
        channels=list(record.get("channels", ["chat", "phone"])),
        notes=record.get("notes", ""),
        owner=record.get("owner", ""),
        updated=record.get("updated"),
        review_by=record.get("review_by"),
        top=record.get("top", False),
        loc=record.loc,
        value_locs=record.value_locs,
    )
