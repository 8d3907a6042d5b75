"""The memory of a process and all its descendants (a build and its Typst workers, the preview
server, a browser), read from /proc: each process's RSS summed and, when asked, their PSS summed
(which counts a page shared by two processes, a forked one and its parent, once instead of twice;
reading it walks every process's page tables, so it costs the machine more)."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                stack.extend(int(child) for child in task.read_text().split())
    return found


def tree_memory(pid: int, pss: bool = False) -> tuple[int, int]:
    """(RSS, PSS) of the tree in bytes; PSS is 0 unless asked for."""
    rss = proportional = 0
    for process in descendants(pid):
        with contextlib.suppress(OSError, IndexError, ValueError, StopIteration):
            rss += int(Path(f"/proc/{process}/statm").read_text().split()[1]) * PAGE
            if pss:
                with open(f"/proc/{process}/smaps_rollup") as rollup:
                    proportional += next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:"))
    return rss, proportional


def tree_rss(pid: int) -> int:
    return tree_memory(pid)[0]


class PeakSampler:
    """The peak memory of a process tree while it runs, sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.1, pss: bool = False) -> None:
        self.pid, self.every, self.pss = pid, every, pss
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            rss, pss = tree_memory(self.pid, self.pss)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def stop(self) -> tuple[int, int]:
        """(peak RSS, peak PSS) in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak_rss, self.peak_pss
