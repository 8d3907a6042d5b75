"""What a preview rebuild takes over from the one before. `handbook serve` checks the source and
rebuilds the whole site on every save, and with a big library most parts did not change: a part
whose inputs equal last time's is not made again (a file's parse, a document's search keys, a
category page of 500 entries, which takes about half a second)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Made = Callable[[str, object, Callable[[], Any]], Any]  # (name, inputs, make) → the part


def fresh(name: str, inputs: object, make: Callable[[], T]) -> T:
    """A part made anew: what a build that keeps nothing across rebuilds uses for `Made`."""
    return make()


class Reuse:
    """Kept by the preview across its rebuilds; each build starts a new round with `next_round`."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, object]] = {}
        self._now: dict[str, tuple[object, object]] = {}

    def next_round(self) -> Reuse:
        """Parts the new build does not ask for are dropped with the build before it, and the
        inputs kept are the new build's: nothing of an older library outlives its rebuild."""
        self._last, self._now = self._now, {}
        return self

    def made(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        """`make()`, or what it gave in the last round for equal `inputs`."""
        last = self._last.pop(name, None)  # the older inputs go now, not with the next round
        value = last[1] if last is not None and last[0] == inputs else make()
        self._now[name] = (inputs, value)
        return value  # type: ignore[return-value]
