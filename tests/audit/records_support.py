"""Chat record files as the platforms' tools write them, for the audit tests: the 拼多多 layout in
XLSX (sheets 会话 and 消息明细, written with openpyxl), and plain CSV in UTF-8 or GBK."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "scripts_src"
PDD_DETAIL = ("消费者头像", "消费者账号", "客服账号", "发送方", "消息类型", "消息内容", "图片链接", "发送时间")
PDD_SESSIONS = ("消费者账号", "消费者ID(uid)", "客服账号", "消息条数", "首条时间", "末条时间")
PLAIN = ("时间", "顾客", "客服", "发送方", "内容")
SENDERS = {"buyer": "消费者", "agent": "客服", "bot": "机器人"}

# (time, buyer, agent, sender, text) — sender is buyer | agent | bot
Row = tuple[object, str, str, str, str]


def write_pdd(path: Path, rows: Sequence[Row], kinds: Sequence[str] | None = None) -> Path:
    book = Workbook()
    sessions = book.active
    sessions.title = "会话"
    sessions.append(PDD_SESSIONS)
    for buyer in sorted({r[1] for r in rows}):
        mine = [r for r in rows if r[1] == buyer]
        sessions.append([buyer, f"uid-{buyer}", mine[0][2], len(mine), str(mine[0][0]), str(mine[-1][0])])
    detail = book.create_sheet("消息明细")
    detail.append(PDD_DETAIL)
    for i, (time, buyer, agent, sender, text) in enumerate(rows):
        kind = kinds[i] if kinds else "文本"
        detail.append(["", buyer, agent, SENDERS[sender], kind, text, "", time])
    book.save(path)
    return path


def write_plain_csv(path: Path, rows: Sequence[Row], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PLAIN)
    for time, buyer, agent, sender, text in rows:
        writer.writerow([time, buyer, agent, {"buyer": "顾客", "agent": "客服", "bot": "机器人"}[sender], text])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def at(day: int, clock: str) -> str:
    """"2026-11-0{day} {clock}" as the exports write it."""
    return f"2026-11-{day:02d} {clock}"


def excel_serial(moment: dt.datetime) -> float:
    return (moment - dt.datetime(1899, 12, 30)).total_seconds() / 86400


def run_audit(records: Sequence[Path], out: Path, *extra: str, gaps: bool = False) -> tuple[int, dict | None]:
    """`handbook audit` on the starter library; the exit code and summary.json (None if not written).
    With `gaps` the site's search runs in Chromium: in a process of its own, as a user runs it (one
    Playwright session per thread, and the tests' browser may hold this one)."""
    args = ["audit", *map(str, records), "--src", str(STARTER), "--out", str(out), *extra]
    if gaps:
        code = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, check=False).returncode
    else:
        code = main([*args, "--no-gaps"])
    summary = out / "summary.json"
    return code, json.loads(summary.read_text("utf-8")) if summary.is_file() else None


def findings_csv(out: Path) -> list[dict[str, str]]:
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
