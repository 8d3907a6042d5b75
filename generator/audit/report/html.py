"""report.html: one self-contained page (inline style, inline SVG, no script, no outside request)
for the lead: summary, agents, days, findings in context with the matched characters marked,
adoption and the questions the handbook lacks. Every text is escaped: chat text is data."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from generator.audit.kpi import KPIS, PLATFORM_NAMES, Kpi, definition_of, headline
from generator.audit.report.chart import legend, rate_chart
from generator.audit.report.tables import LEVELS
from generator.audit.run import AuditResult, ChatFinding
from generator.lint.registry import rules
from generator.model import Library


def kpi_value(kpi: Kpi, figures: dict) -> str:
    value = figures.get(kpi.key)
    if value is None:
        return "—"
    if kpi.unit == "rate":
        return f"{value:.1%}"
    if kpi.unit == "seconds":
        return f"{value:.0f} 秒" if value < 120 else f"{value / 60:.1f} 分钟"
    return f"{value:,}"


def _marked(finding: ChatFinding) -> Markup:
    text = finding.text
    return Markup("{}<mark>{}</mark>{}").format(text[:finding.start], text[finding.start:finding.end],
                                                 text[finding.end:])


def _charts(result: AuditResult, platform: str) -> list[tuple[str, Markup]]:
    agents = result.kpi["agents"]
    rates = [k for k in headline(platform) if k.unit == "rate"]
    return [(k.label, Markup(rate_chart(k.label, result.days,
                                        {a: {d: f[k.key] for d, f in v["days"].items()} for a, v in agents.items()})))
            for k in rates]


def report_html(result: AuditResult, library: Library, platform: str) -> bytes:
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    template = env.from_string((resources.files("generator.audit.report") / "report.html.j2").read_text("utf-8"))
    style = (resources.files("generator.audit.report") / "report.css").read_text("utf-8")
    table = rules()
    titles = {e.id: e.title for e in library.entries}
    adoption = result.adoption
    used = [(titles.get(t.entry, t.entry), t, adoption.uses[(t.entry, t.index)]) for t in result.matcher.templates]
    html = template.render(
        r=result, library=library, platform=PLATFORM_NAMES[platform], platform_names=PLATFORM_NAMES,
        headline=headline(platform), kpis=KPIS, value=kpi_value, style=Markup(style),
        definition=lambda k: definition_of(k, result.profile),
        charts=_charts(result, platform), legend=Markup(legend(list(result.kpi["agents"]))),
        rules=table, levels=LEVELS, marked=_marked,
        groups=sorted(result.examples.items(), key=lambda kv: (-_count(result, kv[0]), kv[0])),
        count=lambda code: _count(result, code), used=sorted(used, key=lambda u: (-u[2], u[0])),
        unused=[u for u in used if not u[2]])
    return html.encode("utf-8")


def _count(result: AuditResult, code: str) -> int:
    return sum(n for (c, _level), n in result.finding_counts.items() if c == code)
