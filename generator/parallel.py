"""Work handed to the machine's other core by forking.

A `Worker` runs a generator function in a child process: the parent sends it messages as it
produces them and receives, in order, what the generator yields. The child inherits the
program as it is when the worker starts; only messages and results are pickled. Where `fork`
is unavailable (Windows) or the child fails, the same generator runs in the parent over the
same messages when a result is asked for: the answer is the same, only the time differs.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from itertools import islice
from typing import IO, Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class Worker(Generic[In, Out]):
    """`work(messages)` in a child process. The work must read all its messages before it
    yields anything (the pipes are not read in both directions at once)."""

    def __init__(self, work: Callable[[Iterable[In]], Iterator[Out]], parallel: bool = True) -> None:
        self._work = work
        self._sent: list[In] = []  # for the in-place run, if it comes to that
        self._received = 0
        self._local: Iterator[Out] | None = None
        self._pid = 0
        self._inbox: IO[bytes] | None = None
        self._outbox: IO[bytes] | None = None
        # no fork beside other threads (a server's, say): the child would inherit their locks held
        if parallel and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1:
            self._start()

    def _start(self) -> None:
        try:
            to_child, from_parent = os.pipe()
            from_child, to_parent = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:
            os.close(from_parent)
            os.close(from_child)
            _serve(self._work, to_child, to_parent)  # never returns
        os.close(to_child)
        os.close(to_parent)
        self._pid = pid
        self._inbox = os.fdopen(from_parent, "wb")
        self._outbox = os.fdopen(from_child, "rb")

    def send(self, message: In) -> None:
        self._sent.append(message)
        if self._inbox is not None:
            try:
                pickle.dump(message, self._inbox, pickle.HIGHEST_PROTOCOL)
                self._inbox.flush()  # the child starts on it now
            except OSError:  # the child is gone
                self.stop()

    def end_of_input(self) -> None:
        if self._inbox is not None:
            try:
                self._inbox.close()
            except OSError:
                self.stop()
            self._inbox = None

    def receive(self) -> Out:
        """The next thing the work yields."""
        self.end_of_input()
        if self._outbox is not None:
            try:
                result = pickle.load(self._outbox)
            except Exception:  # the child failed or sent something unreadable: redo the work here
                self.stop()
            else:
                self._received += 1
                return result
        if self._local is None:  # from here on the work runs in this process
            self._local = islice(self._work(iter(self._sent)), self._received, None)
        self._received += 1
        return next(self._local)

    def stop(self) -> None:
        """End the child (finished, failed or no longer wanted) and reap it."""
        for pipe in (self._inbox, self._outbox):
            if pipe is not None:
                with suppress(OSError):
                    pipe.close()
        self._inbox = self._outbox = None
        if self._pid:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0

    def __del__(self) -> None:
        self.stop()


def _serve(work: Callable[[Iterable[object]], Iterator[object]], inbox: int, outbox: int) -> None:
    """In the child: run the work, send what it yields, and leave without running the parent's
    clean-up (atexit handlers, buffered output and temporary folders belong to the parent)."""
    status = 1
    try:
        with os.fdopen(inbox, "rb") as source, os.fdopen(outbox, "wb") as sink:
            for result in work(_messages(source)):
                pickle.dump(result, sink, pickle.HIGHEST_PROTOCOL)
                sink.flush()
        status = 0
    finally:  # on failure the parent does the work itself
        os._exit(status)


def _messages(source: IO[bytes]) -> Iterator[object]:
    while True:
        try:
            yield pickle.load(source)
        except EOFError:
            return
