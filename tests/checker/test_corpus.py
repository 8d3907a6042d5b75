"""Every broken library of the corpus gives its expected findings, at the expected places,
through the real command line, and never a traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from corpus_support import CASES, CORPUS, TODAY, overlay

from generator.cli import main
from generator.lint.engine import check_source


def expected(case: str) -> dict:
    return yaml.safe_load((CORPUS / case / "expect.yaml").read_text("utf-8"))


def reported(output: str) -> list[str]:
    """`path:line:col: RULE message` lines → `path:line:col RULE`."""
    return [" ".join(line.split(" ")[:2]).replace(": ", " ") for line in output.splitlines() if line]


@pytest.mark.parametrize("case", CASES)
def test_case_reports_expected_findings(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = overlay(case, tmp_path / "lib")
    code = main(["check", str(src), "--format", "line", "--today", TODAY])
    out = capsys.readouterr().out
    want = expected(case)
    assert reported(out) == want["findings"], out
    assert code == want["exit"]


def test_corpus_is_large_and_mostly_broken() -> None:
    broken = [case for case in CASES if expected(case)["findings"]]
    assert len(broken) >= 30


@pytest.mark.parametrize("case", ["y001-gbk-entry-file", "y001-utf16-settings", "y004-alias-bomb",
                                  "y002-unclosed-flow-list", "y001-binary-file"])
def test_real_process_prints_one_clear_line(case: str, tmp_path: Path) -> None:
    src = overlay(case, tmp_path / "lib")
    run = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(src), "--format", "line"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert len(run.stdout.splitlines()) == 1
    assert run.stdout.split(": ")[0].count(":") == 2  # file:line:col


def test_the_preview_leaves_out_warnings_only(tmp_path: Path) -> None:
    """`handbook serve` checks without the ADVICE checks: over the whole corpus, what it does not
    find is warnings, never an error, so the preview still refuses every broken source."""
    today = dt.date.fromisoformat(TODAY)
    left_out: set[str] = set()
    for case in CASES:
        src = overlay(case, tmp_path / case)
        full, preview = set(check_source(src, today).findings), set(check_source(src, today, advice=False).findings)
        assert preview <= full, case
        assert all(f.level == "warning" for f in full - preview), case
        left_out |= {f.code for f in full - preview}
    assert {"W004", "T001", "T002", "T003"} <= left_out  # the checks left out do find things
