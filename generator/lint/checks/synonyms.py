"""Search synonym rules: a word in two of the library's groups, a group of one word."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.lint.checks.references import where
from generator.lint.registry import Finding, finding

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library


def check_synonyms(library: Library, context: Context) -> Iterator[Finding]:
    seen: dict[str, object] = {}
    for group in library.synonyms:
        if len(set(group)) == 1:
            yield finding("R012", group[0].loc, word=group[0])
        for word in dict.fromkeys(group):
            if word in seen:
                yield finding("R011", word.loc, word=word, first=where(seen[word]))
            else:
                seen[word] = word
