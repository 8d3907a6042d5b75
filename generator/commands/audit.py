"""`handbook audit`: check exported chat records against the handbook's own rules (质检)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.audit import PLATFORMS
from generator.commands.options import add_src, source_dir
from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.audit.run import AuditResult

ORDER = 60
DEFAULT_OUT = "audit"
SITE_MARK = Path("search") / "handbook-index.js"  # a folder holding this is a built handbook site


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit", help="质检：用手册的规则检查导出的聊天记录",
        description="读取导出的聊天记录（拼多多消息明细 XLSX，或任何 CSV / XLSX 配一个记录配置），"
                    "用手册的禁用语、每条话术的“不要说”和隐私规则检查客服消息，按平台口径计算响应时间指标，"
                    "统计标准话术使用情况，并列出手册里还没有的顾客问题。报告只给组长看：顾客账号和隐私信息已隐去。")
    parser.add_argument("records", nargs="+", type=Path, metavar="聊天记录", help="聊天记录文件（CSV 或 XLSX，可多个）")
    add_src(parser)
    parser.add_argument("--out", "-o", type=Path, default=Path(DEFAULT_OUT), metavar="文件夹",
                        help=f"报告文件夹（默认 {DEFAULT_OUT}）")
    parser.add_argument("--profile", type=Path, metavar="文件",
                        help="记录配置 YAML：哪一列是时间、顾客、客服、发送方、内容（默认按表头自动识别）")
    parser.add_argument("--platform", choices=PLATFORMS, default="taobao",
                        help="报告首先显示哪个平台的考核口径（默认 taobao；每个数字都注明口径）")
    parser.add_argument("--fail-on", choices=("error", "warning"), metavar="级别",
                        help="有这一级（error 或 warning 及以上）的发现时以状态 1 退出，便于流程把关")
    parser.add_argument("--no-gaps", action="store_true", help="不用网站搜索查找手册里还没有的问题（不需要浏览器）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.audit.profiles import load_profile_file, shipped_profiles
    from generator.audit.report.html import report_html
    from generator.audit.report.summary import summary_json
    from generator.audit.report.tables import FindingTables
    from generator.audit.run import audit
    from generator.files import replaced_folder
    from generator.lint.engine import checked_library

    src = source_dir(args.src)
    out = args.out.resolve()
    _refuse_site_folder(out)
    profiles = list(shipped_profiles().values())
    chosen = load_profile_file(args.profile) if args.profile else None
    library = checked_library(src, dt.date.today(), "已停止质检").library
    search = None if args.no_gaps else _site_search(library)
    with replaced_folder(out, "质检报告", _made_by_audit, src) as staging:
        tables = FindingTables(staging)
        try:
            result = audit(args.records, library, profiles, chosen, search, tables.add)
        finally:
            tables.close()
        (staging / "report.html").write_bytes(report_html(result, library, args.platform))
        (staging / "summary.json").write_bytes(summary_json(result, args.platform))
    for warning in result.warnings:
        print(f"提醒：{warning}", file=sys.stderr)
    print(_terminal_summary(result, args.platform, out))
    return _exit_code(result, args.fail_on)


def _site_search(library):
    from generator.site.browser_search import search_site

    def search(queries):
        return [(a.matched, a.titles) for a in search_site(library, queries)]
    return search


def _refuse_site_folder(out: Path) -> None:
    for folder in (out, *out.parents):
        if (folder / SITE_MARK).is_file():
            raise UsageError(f"{out} 在手册网站 {folder} 里面：质检报告含有对话内容，只给组长看，不能放进网站。"
                             "请换一个文件夹（默认 audit/）")


def _made_by_audit(folder: Path) -> bool:
    return (folder / "summary.json").is_file() and (folder / "report.html").is_file()


def _terminal_summary(result: AuditResult, platform: str, out: Path) -> str:
    from generator.audit.kpi import PLATFORM_NAMES, headline
    from generator.audit.report.html import kpi_value

    team = result.kpi["team"]["all"]
    lines = [f"质检完成：{sum(result.messages.values()):,} 条消息，{len(result.kpi['agents'])} 位客服"
             + (f"，{result.days[0]} 至 {result.days[-1]}" if result.days else "")]
    figures = "，".join(f"{k.label} {kpi_value(k, team)}" for k in headline(platform))
    lines.append(f"{PLATFORM_NAMES[platform]}口径：{figures}")
    if result.finding_counts:
        by_code = "，".join(f"{code} {n}" for (code, _level), n in sorted(result.finding_counts.items()))
        lines.append(f"违规发现 {result.total_findings:,} 处：{by_code}")
    else:
        lines.append("没有发现违规用语")
    if result.gaps is not None:
        lines.append(f"手册里还没有的问题：{len(result.gaps.gaps)} 类")
    lines.append(f"报告：{out / 'report.html'}（另有 findings.csv、findings.xlsx、summary.json）")
    return "\n".join(lines)


def _exit_code(result: AuditResult, fail_on: str | None) -> int:
    if fail_on is None:
        return 0
    levels = ("error",) if fail_on == "error" else ("error", "warning")
    return int(any(level in levels for (_code, level) in result.finding_counts))
