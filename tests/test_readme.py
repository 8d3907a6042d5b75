"""The README stays true: its two commands exist and CI runs the test one; every rule is listed."""

from __future__ import annotations

import re
from pathlib import Path

from generator.lint.registry import rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def test_readme_names_the_two_fresh_machine_commands() -> None:
    commands = re.findall(r"^\./dev (\w+)", README, re.MULTILINE)
    assert commands[:2] == ["build", "test"]
    assert "./dev test" in (ROOT / ".ci/run").read_text("utf-8")


def test_readme_lists_every_rule() -> None:
    listed = set(re.findall(r"^\| ([A-Z]\d{3}) \|", README, re.MULTILINE))
    assert listed == set(rules())
