"""Each rule fires on a broken case and stays silent on valid libraries; the registry documents it."""

from __future__ import annotations

import json

import pytest
import yaml
from corpus_support import CASES, CORPUS

from generator.cli import main
from generator.lint.registry import FAMILIES, rules


def findings_of(case: str) -> list[str]:
    return yaml.safe_load((CORPUS / case / "expect.yaml").read_text("utf-8"))["findings"]


def fired_codes() -> set[str]:
    return {finding.split(" ")[1] for case in CASES for finding in findings_of(case)}


# The chat rules run only in the audit (tests/audit): the checker's corpus has no case for them.
SOURCE_RULES = [code for code, rule in rules().items() if rule.applies == "source"]


@pytest.mark.parametrize("code", SOURCE_RULES)
def test_every_rule_fires_on_some_broken_case(code: str) -> None:
    assert code in fired_codes()


@pytest.mark.parametrize("code", SOURCE_RULES)
def test_every_rule_has_a_named_case_of_its_own(code: str) -> None:
    assert any(case.startswith(code.lower()) for case in CASES)


def test_valid_libraries_are_silent() -> None:
    good = [case for case in CASES if case.startswith("ok-")]
    assert len(good) >= 5
    assert all(findings_of(case) == [] for case in good)


@pytest.mark.parametrize("rule", rules().values(), ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:
    assert rule.level in ("error", "warning")
    assert rule.summary and rule.doc and rule.bad and rule.good and rule.bad != rule.good
    assert rule.code[0] in FAMILIES and rule.code[1:].isdigit()


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert all(code in out for code in rules())


def test_rules_command_explains_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "w001"]) == 0
    out = capsys.readouterr().out
    assert "错误示例" in out and "正确示例" in out and "不 知 道" in out


def test_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in data] == list(rules())


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "X999"]) == 2
    assert "没有规则 X999" in capsys.readouterr().err
