"""The whole library as one JSON document, for other systems to read.

Its structure is described by `generator/exports/library.schema.json` (JSON Schema draft-07).
Reply text keeps its placeholders as `{名称}`; each reply carries its explicit `shortcut` (or
null) and the `code` the exports use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from generator.exports.writers.helpdesk import dump_json

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Entry, Library

FORMAT_VERSION = 1


def write_library(phrases: Sequence[Phrase], profile: Profile, library: Library) -> bytes:
    entries = (_entry(entry, list(group)) for entry, group in groupby(phrases, key=lambda p: p.entry))  # one at a time
    document = {
        "format": "huashu-library",
        "version": FORMAT_VERSION,
        "title": library.title,
        "categories": [{"id": c.id, "title": c.title, "description": c.description}
                       for c in library.categories],
        "placeholders": [{"name": p.name, "description": p.description, "example": p.example}
                         for p in library.placeholders.values()],
        "policies": [{"id": p.id, "title": p.title, "summary": p.summary, "source": p.source,
                      "url": p.url, "updated": _date(p.updated)} for p in library.policies],
        "lexicon": [{"text": t.text, "reason": t.reason, "instead": t.instead, "level": t.level,
                     "except": list(t.allowed), "match": "whole" if t.whole else "part"}
                    for t in library.lexicon],
        "entries": entries,
    }
    return dump_json(document, profile)


def _entry(entry: Entry, phrases: list[Phrase]) -> dict:
    return {
        "id": entry.id, "title": entry.title, "scenario": entry.scenario, "category": entry.category,
        "questions": [str(q) for q in entry.questions],
        "approved": [{"text": entry.approved[p.index].text, "shortcut": entry.approved[p.index].shortcut,
                      "code": p.code} for p in phrases],
        "forbidden": [{"text": f.text, "reason": f.reason, "instead": f.instead} for f in entry.forbidden],
        "policy": [str(p) for p in entry.policy], "tags": [str(t) for t in entry.tags],
        "channels": [str(c) for c in entry.channels], "notes": entry.notes, "owner": entry.owner,
        "updated": _date(entry.updated), "review_by": _date(entry.review_by), "top": entry.top,
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
