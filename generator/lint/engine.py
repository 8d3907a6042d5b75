"""The checker: runs every rule over the model, then applies in-place suppressions.

Each check module contributes functions `(library, context) -> findings`; the rule texts
live in `generator/rules/*.yaml`. Structural rules (Y, S) already ran in the loader. Every
check is called before any findings are read, so a check may start slow work on the other
core when called (the reply checks and near-duplicate search, `background.py`) and finish
it while the rest are read.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.lint import report
from generator.lint.checks import background, maintenance, references
from generator.lint.checks.context import Check, Context, unreadable_settings
from generator.lint.registry import Finding
from generator.lint.suppress import apply_suppressions
from generator.memory import cycle_collector_paused
from generator.model import Library, build_library
from generator.source.loader import load_source
from generator.source.reading import SourceFile

CHECKS: tuple[Check, ...] = (
    references.check_ids,
    references.check_categories,
    references.check_reserved_categories,
    references.check_policies,
    references.check_placeholder_names,
    references.check_shortcuts,
    maintenance.check_review_dates,
    background.check_replies,  # REPLY_CHECKS and W004, run as the files loaded
)


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


def check_source(root: Path, today: dt.date | None = None) -> CheckResult:
    """Load, validate and check a source folder: the one entry point of `handbook check`.
    The loaded library is frozen before the cycle collector runs again, so neither its first
    pass nor later ones (rendering, exports) walk the library's million objects; what an
    earlier run froze (`mkdocs serve`) is released first."""
    gc.unfreeze()
    with cycle_collector_paused():
        result = _check(root, today)
        gc.freeze()
    return result


def _check(root: Path, today: dt.date | None) -> CheckResult:
    replies = background.ReplyWork.for_source(root, today or dt.date.today())
    try:
        loaded = load_source(root, on_file=replies.add_file)
        library = build_library(loaded, replies.entries)
        context = Context(replies.today, replies, unreadable_settings(loaded))
        findings = list(loaded.findings)
        for found in [check(library, context) for check in CHECKS]:
            findings.extend(found)
    finally:
        replies.stop()
    disabled = set(library.settings.disable)
    findings = [f for f in findings if f.code not in disabled]
    findings = apply_suppressions(findings, loaded.sources)
    return CheckResult(library, sorted(set(findings)), loaded.sources)


def checked_library(src: Path, today: dt.date, refusal: str) -> Library:
    """The library of a source that passes the check; otherwise a BuildError listing the findings
    (`refusal` says what was not done, e.g. 已停止导出)."""
    result = check_source(src, today)
    if not result.ok:
        findings = report.render(result.findings, "line", sources=result.sources, colour=False,
                                 entries=len(result.library.entries))
        raise BuildError(f"话术源文件有 {result.errors} 个错误，{refusal}：\n{findings}")
    return result.library
