"""Helpdesk JSON: Zendesk macros and Chatwoot canned responses, ready for their APIs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library


def dump_json(data: object, profile: Profile) -> bytes:
    """Pretty JSON, except that the records of the (long) list are one line each: readable in
    diffs, and written by json's C encoder (indenting falls back to the slow Python one)."""
    return profile.encode(_layout(data) + "\n")


def _layout(data: object, indent: str = "") -> str:
    inner = indent + "  "
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(inner + _compact(item) for item in data) + f"\n{indent}]"
    if isinstance(data, dict) and not indent:
        parts = [f"{inner}{_compact(key)}: {_layout(value, inner)}" for key, value in data.items()]
        return "{\n" + ",\n".join(parts) + "\n}"
    return _compact(data)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_zendesk(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    macros = [{
        "title": _macro_title(p),
        "active": True,
        "description": str(p.entry.scenario),
        "actions": [{"field": "comment_value", "value": p.text}],
    } for p in phrases]
    return dump_json({"macros": macros}, profile)


def _macro_title(phrase: Phrase) -> str:
    # "::" nests macros in Zendesk's menu: category :: title; a "::" of our own would add a level.
    group, title = (str(v).replace("::", "：") for v in (phrase.group, phrase.entry.title))
    number = f" {phrase.index + 1}" if len(phrase.entry.approved) > 1 else ""
    return f"{group}::{title}{number} [{phrase.code}]"


def write_chatwoot(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    responses = [{"short_code": p.trigger, "content": p.text} for p in phrases]
    return dump_json(responses, profile)
