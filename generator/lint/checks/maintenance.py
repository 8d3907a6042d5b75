"""Upkeep rules: entries nobody has looked at for too long."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.lint.registry import Finding, finding

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library


def check_review_dates(library: Library, context: Context) -> Iterator[Finding]:
    for entry in library.entries:
        if entry.review_by and entry.review_by < context.today:
            owner = f"（{entry.owner}）" if entry.owner else ""
            yield finding("M001", entry.value_locs["review_by"], date=entry.review_by.isoformat(),
                          days=(context.today - entry.review_by).days, owner=owner)
