"""Search synonyms and function words: the default customer-service list (`synonyms.yaml`), a
library's own groups (`synonyms:` in handbook.yaml) merged into it, and the words that carry
little meaning in a customer's question (的 了 吗 请问 …)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from generator.model import Library

@cache
def _shipped() -> dict:
    return yaml.safe_load((resources.files("generator.text") / "synonyms.yaml").read_text("utf-8"))


def default_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in _shipped()["groups"])


def function_words() -> tuple[str, ...]:
    """Words a customer adds to any question: the search weighs them at a tenth of their rarity."""
    return tuple(_shipped()["function_words"].split())


def merged(groups: Iterable[Sequence[str]]) -> list[tuple[str, ...]]:
    """Groups that share a word become one group (a library's [退钱, 退米] joins the default
    [退钱, 退款 …]); words keep their first order."""
    merged_groups: list[list[str]] = []
    home: dict[str, int] = {}
    for group in groups:
        targets = sorted({home[w] for w in group if w in home})
        if targets:
            into = targets[0]
            for other in reversed(targets[1:]):
                for word in merged_groups[other]:
                    home[word] = into
                merged_groups[into] += merged_groups[other]
                merged_groups[other] = []
        else:
            into = len(merged_groups)
            merged_groups.append([])
        for word in group:
            if word not in home:
                home[word] = into
                merged_groups[into].append(word)
    return [tuple(g) for g in merged_groups if len(g) > 1]


def search_synonyms(library: Library) -> list[tuple[str, ...]]:
    """The groups the library's search uses: the default list (unless switched off) and its own."""
    own = [group for group in library.synonyms if len(group) > 1]
    return merged([*(default_groups() if library.default_synonyms else ()), *own])
