"""Fixtures for the publishing tests (release manifest, diff, review, quiz, variants)."""

from __future__ import annotations

from pathlib import Path

import pytest
from publish_support import write_source


@pytest.fixture
def small_src(tmp_path: Path) -> Path:
    return write_source(tmp_path / "scripts_src")
