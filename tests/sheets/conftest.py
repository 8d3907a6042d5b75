"""Fixtures of the sheet tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheetlib import write_library


@pytest.fixture(scope="session")
def sheet_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_library(tmp_path_factory.mktemp("sheets") / "scripts_src")
