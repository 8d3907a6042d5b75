"""The engine: load and validate a source folder, run every check over the model, then apply
the in-place suppressions and the settings' `disable` list.

Structural rules (Y, S) are found by the loader; every other rule is a check function
`(library, context) -> findings` listed in CHECKS, its texts in `rules/<code>.yaml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from generator.errors import BuildError
from generator.lint import report
from generator.lint.checks import maintenance, references, similarity, synonyms, typography, wording
from generator.lint.checks.context import Check, Context, unreadable_settings
from generator.lint.registry import FINDING_ORDER, Finding
from generator.lint.suppress import apply_suppressions
from generator.memory import long_lived
from generator.model import Library, build_library
from generator.reuse import Made, fresh
from generator.source.loader import load_source
from generator.source.reading import SourceFile

CHECKS: tuple[Check, ...] = (
    references.check_ids,
    references.check_categories,
    references.check_reserved_categories,
    references.check_reserved_entry_ids,
    references.check_policies,
    references.check_placeholder_names,
    references.check_reply_placeholders,
    references.check_shortcuts,
    synonyms.check_synonyms,
    wording.check_wording,
    wording.check_length,
    typography.check_typography,
    similarity.check_near_duplicates,
    maintenance.check_review_dates,
    maintenance.check_unfinished,
    maintenance.check_updated_dates,
)
# Checks whose findings are only ever warnings. The preview shows errors, never warnings, so it
# leaves these out: at 10,000 entries they were 0.7 s of each save's 3.5 s.
ADVICE: frozenset[Check] = frozenset({similarity.check_near_duplicates, typography.check_typography})


@dataclass
class CheckResult:
    library: Library
    findings: list[Finding]
    sources: dict[str, SourceFile]

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def check_source(root: Path, today: dt.date | None = None, made: Made = fresh, advice: bool = True) -> CheckResult:
    """Load, validate and check a source folder: the one entry point of `handbook check`. The
    library lives as long as the run (a build renders from it): see `generator.memory`. `made`:
    see `load_source`; `advice=False`: without the ADVICE checks (their warnings are not wanted)."""
    checks = [check for check in CHECKS if advice or check not in ADVICE]
    with long_lived():
        loaded = load_source(root, made)
        library = build_library(loaded)
        context = Context(today or dt.date.today(), unreadable_settings(loaded))
        findings = [*loaded.findings, *chain.from_iterable(check(library, context) for check in checks)]
    disabled = set(library.settings.disable)
    findings = apply_suppressions([f for f in findings if f.code not in disabled], loaded.sources)
    return CheckResult(library, sorted(set(findings), key=FINDING_ORDER), loaded.sources)


def checked_library(src: Path, today: dt.date, refusal: str, made: Made = fresh, advice: bool = True) -> CheckResult:
    """The check of a source that has no errors (its warnings are for the command to show);
    otherwise a BuildError listing the findings (`refusal` says what was not done, e.g. 已停止导出)."""
    result = check_source(src, today, made, advice)
    if not result.ok:
        findings = report.render(result.findings, "line", sources=result.sources, colour=False,
                                 entries=len(result.library.entries))
        raise BuildError(f"话术源文件有 {result.errors} 个错误，{refusal}：\n{findings}")
    return result
