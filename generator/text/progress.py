"""A progress bar on the terminal for steps that take more than a few seconds; silent when the
output is not a terminal (a CI log or a file gets no carriage returns)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
EVERY = 0.2  # seconds between redraws


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.shown and time.monotonic() - self._drawn >= EVERY:
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        filled = round(share * WIDTH)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%}")
        self.stream.flush()
        self._drawn = time.monotonic()

    def finish(self) -> None:
        if self.shown:
            self.done = self.total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
