"""The helper processes of a build: at most two spawned processes, shared by all the work a build
does beside the site (the sheets' PDFs and the quick-phrase files).

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
                                                 mp_context=multiprocessing.get_context("spawn"),
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
