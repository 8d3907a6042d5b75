"""Helpdesk JSON: Zendesk macros and Chatwoot canned responses, ready for their APIs."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library


def dump_json(data: object, profile: Profile) -> bytes:
    """Pretty JSON, except that the records of the (long) lists are one line each: readable in
    diffs, and written by json's C encoder (indenting falls back to the slow Python one). A list
    may be an iterator: its records are made, written and let go one at a time (the library's
    100,000 entries as dicts, all at once, took 600 MB)."""
    return profile.encode_pieces(chain(_layout(data, ""), "\n"))


def _layout(data: object, indent: str) -> Iterator[str]:
    inner = indent + "  "
    if isinstance(data, Iterator | list):
        opened = False
        for item in data:
            yield (",\n" if opened else "[\n") + inner + _compact(item)
            opened = True
        yield f"\n{indent}]" if opened else "[]"
    elif isinstance(data, dict) and not indent:
        yield "{\n"
        for number, (key, value) in enumerate(data.items()):
            yield (",\n" if number else "") + f"{inner}{_compact(key)}: "
            yield from _layout(value, inner)
        yield "\n}"
    else:
        yield _compact(data)


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for all: json.dumps with options makes one per call


def _compact(value: object) -> str:
    return _ENCODER.encode(value)


def write_zendesk(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    macros = ({
        "title": _macro_title(p),
        "active": True,
        "description": str(p.entry.scenario),
        "actions": [{"field": "comment_value", "value": p.text}],
    } for p in phrases)
    return dump_json({"macros": macros}, profile)


def _macro_title(phrase: Phrase) -> str:
    # "::" nests macros in Zendesk's menu: category :: title; a "::" of our own would add a level.
    group, title = (str(v).replace("::", "：") for v in (phrase.group, phrase.entry.title))
    number = f" {phrase.index + 1}" if len(phrase.entry.approved) > 1 else ""
    return f"{group}::{title}{number} [{phrase.code}]"


def write_chatwoot(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    responses = ({"short_code": p.trigger, "content": p.text} for p in phrases)
    return dump_json(responses, profile)
