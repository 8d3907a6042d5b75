"""summary.json: the audit's figures for other tools (no message text but the masked questions)."""

from __future__ import annotations

import json

from generator.audit.kpi import KPIS, PLATFORM_NAMES, definition_of
from generator.audit.run import AuditResult


def summary(result: AuditResult, platform: str) -> dict:
    adoption = result.adoption
    return {
        "platform": platform,
        "profile": result.profile.id,
        "files": [str(f.path) for f in result.files],
        "period": {"from": result.days[0], "to": result.days[-1]} if result.days else None,
        "messages": dict(sorted(result.messages.items())),
        "kpi": result.kpi,
        "definitions": {k.key: {"label": k.label, "platform": PLATFORM_NAMES[k.platform],
                                "definition": definition_of(k, result.profile)} for k in KPIS},
        "findings": [{"code": code, "level": level, "count": count}
                     for (code, level), count in sorted(result.finding_counts.items())],
        "adoption": {agent: {"messages": total, "approved": adoption.adopted[agent],
                             "share": adoption.adopted[agent] / total if total else None}
                     for agent, total in sorted(adoption.agent_messages.items())},
        "unused_replies": [{"entry": t.entry, "reply": t.index + 1} for t in result.matcher.templates
                           if not adoption.uses[(t.entry, t.index)]],
        "gaps": None if result.gaps is None else {
            "searched": result.gaps.searched, "distinct": result.gaps.distinct,
            "questions": [{"question": g.question, "count": g.count, "examples": g.examples, "closest": list(g.closest)}
                          for g in result.gaps.gaps]},
    }


def summary_json(result: AuditResult, platform: str) -> bytes:
    return (json.dumps(summary(result, platform), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
