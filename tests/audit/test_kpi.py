"""`handbook audit`'s response-time KPIs on a 拼多多 export whose every figure was worked out by hand
(fixtures/kpi_expected.yaml): the team and each agent, per day and for the whole period, whatever
platform the report headlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from kpi_fixture import write_kpi_fixture

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = yaml.safe_load((Path(__file__).parent / "fixtures" / "kpi_expected.yaml").read_text(encoding="utf-8"))
COUNTS = {"turns", "unanswered_turns", "consultations_jd", "buyer_messages", "buyers_asked", "consultations",
          "unanswered_consultations"}
PLATFORMS = ("taobao", "jd", "douyin", "pdd")
MISSING = "missing"


def _scopes(kpi: dict) -> dict[str, dict]:
    """Every (who, period) block of the summary's "kpi", keyed like "客服A 2026-11-03"."""
    groups = {"team": kpi["team"], **kpi["agents"]}
    scopes = {}
    for who, group in groups.items():
        scopes[f"{who} all"] = group["all"]
        scopes.update({f"{who} {day}": figures for day, figures in group["days"].items()})
    return scopes


EXPECTED_SCOPES = _scopes(EXPECTED["kpi"])


@pytest.fixture(scope="module", params=PLATFORMS)
def summary(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp(f"audit-{request.param}")
    records = write_kpi_fixture(work / "聊天记录.xlsx")
    out = work / "report"
    try:
        code = main(["audit", str(records), "--src", str(ROOT / "scripts_src"), "--out", str(out),
                     "--platform", request.param, "--no-gaps"])  # timing only: no browser needed
    except SystemExit as refused:  # argparse refusing the command line; let out, it trips pytest's fixture cache
        pytest.fail(f"handbook audit refused its arguments (exit {refused.code})")
    assert code == 0
    result = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert result["platform"] == request.param
    return result


def _same(key: str, expected: object, actual: object) -> bool:
    if key in COUNTS or expected is None or actual is None:
        return expected == actual
    return isinstance(actual, int | float) and round(actual, 4) == round(expected, 4)


def test_the_summary_has_the_team_and_each_agent_on_each_day(summary: dict) -> None:
    assert set(summary["kpi"]["agents"]) == set(EXPECTED["kpi"]["agents"])
    assert set(_scopes(summary["kpi"])) == set(EXPECTED_SCOPES)


@pytest.mark.parametrize("scope", EXPECTED_SCOPES)
def test_every_kpi_is_the_hand_computed_value(summary: dict, scope: str) -> None:
    actual = _scopes(summary["kpi"]).get(scope, {})
    wrong = {key: (want, actual.get(key, MISSING)) for key, want in EXPECTED_SCOPES[scope].items()
             if not _same(key, want, actual.get(key, MISSING))}
    assert not wrong, f"{scope}: (expected, got) {wrong}"
