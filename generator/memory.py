"""Loading, checking and exporting a large library make about a million small objects and no
reference cycles; left running, Python's cycle collector rescans all of them again and again
(several times the cost of the work itself at 10,000 entries). Those passes run with it paused."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
