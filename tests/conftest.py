"""Fixtures shared by every test area: the starter source, vendor files, and Chromium with a page
that records console errors, dialogs and every request."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.browser import CHROMIUM_ARGS  # the flags the audit launches Chromium with

# The sheets' PDF cache (and anything else kept in the user's cache folder) goes to a folder of the
# test run, inherited by the commands the tests start: never the tester's own ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="handbook-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "scripts_src"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def starter_src() -> Path:
    return STARTER


@pytest.fixture(scope="session")
def vendor_file() -> object:
    """vendor_file("espanso/match.schema.json"): a vendor's reference file from the `shared/vendor/`
    folder beside the project (or beside one of its parent folders). Missing it fails under CI."""

    def find(relative: str) -> Path:
        found = [folder / "shared" / "vendor" / relative for folder in ROOT.parents]
        path = next((p for p in found if p.is_file()), None)
        if path is None:
            message = f"shared/vendor/{relative} is in no parent folder of {ROOT}"
            if os.environ.get("CI", "").lower() in ("1", "true"):
                pytest.fail(message + " (CI must validate against the vendor's file)")
            pytest.skip(message)
        return path

    return find


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A browser page plus what happened on it."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        local = ("http://127.0.0.1:", "file://", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Watched(page)
    page.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("request", lambda r: record.requests.append(r.url))

    def on_dialog(dialog: object) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield record
    context.close()
