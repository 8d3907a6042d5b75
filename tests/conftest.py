"""Fixtures shared by every test area."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.sheets.chromium import CHROMIUM_ARGS  # the flags the PDF sheets launch Chromium with

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "scripts_src"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def starter_src() -> Path:
    return STARTER


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
