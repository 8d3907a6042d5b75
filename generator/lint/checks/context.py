"""What every check is given besides the library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.source.schema import ROOT_FILES

if TYPE_CHECKING:
    from generator.lint.registry import Finding
    from generator.model import Library
    from generator.source.loader import LoadedSource


@dataclass(frozen=True)
class Context:
    today: dt.date
    unreadable: frozenset[str] = frozenset()  # settings files missing or broken (already reported)

    def readable(self, name: str) -> bool:
        """Checks that depend on a settings file stay quiet while it is broken: one finding, not fifty."""
        return name not in self.unreadable


def unreadable_settings(loaded: LoadedSource) -> frozenset[str]:
    return frozenset(name for name in ROOT_FILES if loaded.record(name) is None)


Check = Callable[["Library", Context], Iterable["Finding"]]
