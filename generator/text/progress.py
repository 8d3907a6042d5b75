"""Progress of long steps (`handbook build`, `handbook audit`), drawn on the terminal: a Chinese label, a bar (or,
for a step that cannot count its work, a turning mark) and the seconds so far, redrawn in place;
each finished step stays as one line with its time, so a trainer sees what is happening and what
took long. Written only to a terminal: piped into a file or a CI log (or with TERM=dumb, or CI
set) it writes nothing, so no carriage returns or half-drawn bars end up there."""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

WIDTH = 24  # characters of the bar
REDRAW = 0.1  # seconds between redraws at most (and the turning mark's pace, times five)
TURNING = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def on_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb" or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """`with Progress("排版速查表 PDF", total=24, shown=...) as bar: … bar.advance()`."""

    def __init__(self, label: str, total: int | None = None, shown: bool = True, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.shown = shown and on_terminal(self.stream)
        self.label = label
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.finish(failed=kind is not None)

    def start(self) -> Progress:
        if self.shown:
            self._draw(force=True)
            if self.total is None:  # nothing to count: keep the time moving so the step looks alive
                self._ticker = threading.Thread(target=self._tick, daemon=True)
                self._ticker.start()
        return self

    def finish(self, failed: bool = False) -> None:
        """The step's last line stays with its time; a failed step leaves no bar behind (the error
        message follows)."""
        self._stopped.set()
        if self._ticker:
            self._ticker.join()
        if self.shown:
            with self._lock:
                self.stream.write("\r\x1b[K" if failed else f"\r\x1b[K{self._line(finished=True)}\n")
                self.stream.flush()

    def advance(self, count: int = 1) -> None:
        """One more piece of the work done (from any thread)."""
        with self._lock:
            self.done += count
        if self.shown:
            self._draw()

    def _tick(self) -> None:
        while not self._stopped.wait(REDRAW * 5):
            self._draw(force=True)

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            if self._stopped.is_set() or (not force and now - self._drawn < REDRAW):
                return
            self._drawn = now
            self.stream.write(f"\r\x1b[K{self._line()}")
            self.stream.flush()

    def _line(self, finished: bool = False) -> str:
        seconds = f"{time.monotonic() - self.started:.1f} 秒"
        if self.total is None:
            mark = "完成" if finished else TURNING[int((time.monotonic() - self.started) / (REDRAW * 5)) % len(TURNING)]
            return f"{self.label} {mark}  {seconds}"
        filled = min(WIDTH, WIDTH * self.done // self.total) if self.total else WIDTH  # a total may be an estimate
        return f"{self.label} {'█' * filled}{'░' * (WIDTH - filled)} {self.done}/{self.total}  {seconds}"
