"""The build's helper processes: they yield to the main process, and go when the last user lets go."""

from __future__ import annotations

import multiprocessing
import os

from generator.helpers import HELPERS, NICENESS


def test_helpers_run_below_the_main_process_and_go_when_released() -> None:
    HELPERS.hold()
    try:
        niceness = HELPERS.submit(os.nice, 0).result(timeout=60)
        assert multiprocessing.active_children()
    finally:
        HELPERS.release()
    assert niceness == min(19, os.nice(0) + NICENESS)
    assert not multiprocessing.active_children()
