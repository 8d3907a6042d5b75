"""The helper processes of a build: at most two fresh Python processes, shared by all the work a
build does beside the site (the sheets' PDFs and the quick-phrase files).

Shared, not one pool per kind of work, because each helper holds memory of its own: a cold build's
peak is the two helpers at their largest beside the search index, and a third would take it over
1 GB at 10,000 entries. Each user `hold()`s the pool while it has work and `release()`s it after;
the processes go when the last user lets go. A helper is replaced by a fresh one after a few
tasks, since Typst keeps what it memoised of every document for as long as its process lives.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

WORKERS = 2  # one per core of a small machine
# Tasks a helper runs before a fresh one takes over. The two Typst helpers at their largest, beside
# the search index, make a cold build's peak: at 10,000 entries 6 gave 926-978 MB, 4 gave
# 837-880 MB and 3 gives 781-823 MB, each in the same time.
TASKS_PER_WORKER = 3
# Helpers run at a lower priority: the main process (the site) is what a build waits for, and two
# busy helpers beside it on two cores took turns with it. At 10,000 entries, medians of three
# alternate runs: the build after a one-entry edit 7.89 -> 7.65 s and 7.89 -> 7.68 s (two sets), a
# cold build 12.12 -> 11.70 s (the helpers still get every cycle the main process leaves).
NICENESS = 10
# Fresh processes (nothing of the library is copied), started by a small fork server rather than
# from the build itself: for a moment, each process started from the build showed the build's
# whole memory (470 MB at 10,000 entries), and a helper is replaced a dozen times per build. Cold
# builds at 10,000 entries, tree peak (each process's RSS summed): 853, 1,108, 901 MB -> 816-874 MB
# in four runs, in the same time. Where there is no fork server (Windows), spawned.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class Helpers:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._users = 0
        self._lock = threading.Lock()

    def hold(self) -> None:
        with self._lock:
            self._users += 1

    def submit(self, task: Callable[..., Any], *args: object) -> Future:
        """Run `task(*args)` in a helper (started on first use); only while held."""
        with self._lock:
            if self._users <= 0:
                raise RuntimeError("helpers used without hold()")
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=WORKERS, max_tasks_per_child=TASKS_PER_WORKER,
                                                 mp_context=multiprocessing.get_context(START_METHOD),
                                                 initializer=_yield_to_the_site)
            return self._pool.submit(task, *args)

    def release(self) -> None:
        """One user is done: when it was the last, the helpers go (what is still queued is dropped)."""
        with self._lock:
            self._users -= 1
            pool = self._pool if self._users == 0 else None
            if pool is not None:
                self._pool = None
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _yield_to_the_site() -> None:
    """In each helper, as it starts (Windows has no niceness: there the helpers run as they are)."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)


HELPERS = Helpers()  # the process's one pool
