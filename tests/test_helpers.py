"""The build's helper processes: they yield to the main process, and go when the last user lets go."""

from __future__ import annotations

import multiprocessing
import os

from generator.helpers import NICENESS, Helpers


def _pid_and_niceness() -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def test_helpers_run_below_the_main_process_and_go_when_released() -> None:
    helpers = Helpers()  # not the build's own, which another test in this process may hold
    helpers.hold()
    try:
        pid, niceness = helpers.submit(_pid_and_niceness).result(timeout=60)
        assert pid != os.getpid() and pid in {p.pid for p in multiprocessing.active_children()}
    finally:
        helpers.release()
    assert niceness == min(19, os.nice(0) + NICENESS)
    assert pid not in {p.pid for p in multiprocessing.active_children()}
