"""Chinese typography rules; the patterns live in the rule files (T001, T002, …)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.lint.registry import Finding, finding, rules

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library


def check_typography(library: Library, context: Context) -> Iterator[Finding]:
    if not library.settings.typography:
        return
    pattern_rules = [r for r in rules().values() if r.pattern is not None and r.applies == "source"]
    for entry in library.entries:
        for reply in entry.approved:
            text = reply.text
            for rule in pattern_rules:
                for match in rule.pattern.finditer(text):
                    yield finding(rule.code, text.loc, scalar=text, offset=match.start(rule.group),
                                  match=match.group())
