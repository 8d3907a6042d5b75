"""Fixtures for the checker tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_support import copy_base


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A fresh copy of the valid base library to edit in a test."""
    return copy_base(tmp_path / "lib")
