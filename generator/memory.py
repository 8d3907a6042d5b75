"""The cycle collector and a large library. Loading and checking 10,000 entries makes about a million
small objects and few reference cycles; left running, the collector rescans all of them again and
again while they are made (the check then takes 2.5x as long), and again during whatever the run
does next with the library alive (a bare YAML parse after the check: 3.5x as long). So the library
is built with the collector paused and then frozen (`gc.freeze`): later collections pass over it.
"""

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


@contextmanager
def long_lived() -> Iterator[None]:
    """What the block builds is kept out of later collections. What an earlier block froze is
    released and its cycles collected first, so a process that builds again and again
    (`handbook serve`) keeps the current library, not one per rebuild."""
    gc.unfreeze()
    gc.collect()
    with cycle_collector_paused():
        yield
        gc.freeze()
