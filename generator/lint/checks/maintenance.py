"""Upkeep rules: entries nobody has looked at for too long, values nobody has written yet, and
edits whose `updated` date was not moved."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from generator.errors import UsageError
from generator.lint.registry import Finding, finding
from generator.releases.manifest import latest_release, manifest_entry, read_manifest
from generator.source.positions import Text
from generator.source.writing import TODO_MARKERS

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library


def check_review_dates(library: Library, context: Context) -> Iterator[Finding]:
    for entry in library.entries:
        if entry.review_by and entry.review_by < context.today:
            owner = f"（{entry.owner}）" if entry.owner else ""
            yield finding("M001", entry.value_locs["review_by"], date=entry.review_by.isoformat(),
                          days=(context.today - entry.review_by).days, owner=owner)


def check_unfinished(library: Library, context: Context) -> Iterator[Finding]:
    """M003: a 待填写 left by `handbook new` or `handbook import` (it would be published as it is)."""
    for key, text in _texts(library):
        if isinstance(text, Text) and text.lstrip().startswith(TODO_MARKERS):
            shown = text if len(text) <= 30 else text[:30] + "…"
            yield finding("M003", text.loc, key=key, text=shown)


def _texts(library: Library) -> Iterable[tuple[str, str]]:
    """Every text a person writes, with its key."""
    for category in library.categories:
        yield from (("title", category.title), ("description", category.description))
    for placeholder in library.placeholders.values():
        yield from (("description", placeholder.description), ("example", placeholder.example))
    for policy in library.policies:
        yield from (("title", policy.title), ("summary", policy.summary), ("source", policy.source))
    for term in library.lexicon:
        yield from (("text", term.text), ("reason", term.reason), ("instead", term.instead))
    for entry in library.entries:
        yield from (("title", entry.title), ("scenario", entry.scenario), ("notes", entry.notes),
                    ("owner", entry.owner))
        yield from (("questions", q) for q in entry.questions)
        yield from (("tags", tag) for tag in entry.tags)
        yield from (("approved", reply.text) for reply in entry.approved)
        for item in entry.forbidden:
            yield from (("text", item.text), ("reason", item.reason), ("instead", item.instead))


def check_updated_dates(library: Library, context: Context) -> Iterator[Finding]:
    """M004: an entry whose content differs from the latest release while `updated` is not later."""
    latest = latest_release(library.root)
    if latest is None:
        return
    released, path = latest
    try:
        release = read_manifest(path)
    except UsageError:
        return  # a damaged release file is `handbook diff`'s to report
    for entry in library.entries:
        before = release.entries.get(str(entry.id))
        if before is None or (entry.updated and entry.updated > released):
            continue
        if manifest_entry(entry).hash != before.hash:
            loc = entry.value_locs.get("updated", entry.loc)
            updated = f"还是 {entry.updated.isoformat()}" if entry.updated else "没有填写"
            yield finding("M004", loc, release=path.name, updated=updated)
