"""Work handed to the machine's other core by forking.

The child inherits everything computed so far (nothing is pickled on the way in) and sends
back only its result. Where `fork` is unavailable (Windows) or fails, or the child does not
deliver, the work runs in the calling process when its result is asked for: the answer is
the same either way, only the time differs.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` started in a child process; `result()` waits for it (or does it here)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid = 0
        self._pipe = -1
        if hasattr(os, "fork") and (os.cpu_count() or 1) > 1:
            self._start()

    def _start(self) -> None:
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:
            os.close(read_end)
            _deliver(self._work, write_end)  # never returns
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> T:
        if not self._pid:
            return self._work()
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status != 0 or not data:
            return self._work()
        return pickle.loads(data)

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the caller failed on the way)."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._pipe)
            self._pid = 0

    def __del__(self) -> None:
        self.cancel()


def _deliver(work: Callable[[], object], write_end: int) -> None:
    """In the child: run, send the pickled result, and leave without running the parent's
    clean-up (atexit handlers, buffered output, temporary folders belong to the parent)."""
    status = 1
    try:
        payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
        status = 0
    finally:  # whatever happened, leave here: on failure the parent does the work itself
        os._exit(status)
