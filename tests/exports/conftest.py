"""Fixtures for the quick-phrase export and import tests: a small library with odd text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from export_support import EXTRA, FIXTURE, LONG_REPLY

from generator.cli import main


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """A copy of the fixture library, safe to modify."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "src"))


@pytest.fixture
def odd_src(src: Path) -> Path:
    """The fixture plus replies some targets cannot hold: line breaks, tabs, a leading #, emoji,
    braces and a 545-character reply."""
    shutil.copy(EXTRA / "more.yaml", src / "odd" / "more.yaml")
    entry = {"id": "odd-long", "title": "很长的回复", "scenario": "长说明", "approved": [LONG_REPLY],
             "channels": ["chat"]}
    (src / "odd" / "long.yaml").write_text(yaml.safe_dump({"entries": [entry]}, allow_unicode=True), "utf-8")
    return src


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `handbook …` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
