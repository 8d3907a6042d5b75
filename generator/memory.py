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
from itertools import count

FULL_COLLECTION_EVERY = 10
_builds = count()


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
    """What the block builds is kept out of later collections. A process that builds again and again
    (`handbook serve`) must keep the current library, not one per rebuild: the cyclic garbage of
    the rebuild before (MkDocs' pages and navigation) is collected before anything is frozen, and
    a library let go is freed by reference counting (it has no cycles). Objects frozen while alive
    that later die in a cycle are collected every FULL_COLLECTION_EVERY builds: a collection that
    unfreezes passes over every object again (0.6 s of a 6 s rebuild at 10,000 entries)."""
    if next(_builds) % FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
    gc.collect()
    with cycle_collector_paused():
        yield
        gc.freeze()
