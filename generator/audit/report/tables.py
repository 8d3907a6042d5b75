"""findings.csv and findings.xlsx, written row by row as findings arrive (a million messages may
hold tens of thousands). Cells are data: a value that starts like a formula is neutralised in the
CSV and kept as text in the XLSX; characters Excel cannot hold are shown as �."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from generator.audit.run import ChatFinding
from generator.exports.writers.tables import neutralise, safe_cells, stable_zip

HEADER = ("规则", "级别", "说明", "命中", "建议说", "话术编号", "文件", "工作表", "行", "消息内第几个字", "客服",
          "时间", "顾客", "客服消息", "顾客上一句")
LEVELS = {"error": "错误", "warning": "提醒"}


def _row(finding: ChatFinding) -> list[str]:
    return [finding.code, LEVELS.get(finding.level, finding.level), finding.message, finding.term, finding.instead,
            finding.entry, finding.file, finding.sheet, str(finding.row), str(finding.column), finding.agent,
            finding.time, finding.buyer, finding.text, finding.context]


class FindingTables:
    """Both tables at once; `close` finishes the files in `folder`."""

    def __init__(self, folder: Path) -> None:
        self._csv_file = open(folder / "findings.csv", "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._csv_file, lineterminator="\r\n")
        self._csv.writerow(HEADER)
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("发现")
        self._sheet.append(list(HEADER))
        self._xlsx_path = folder / "findings.xlsx"

    def add(self, finding: ChatFinding) -> None:
        row = _row(finding)
        self._csv.writerow([neutralise(v) for v in row])
        self._sheet.append(safe_cells(self._sheet, [ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) for v in row]))

    def close(self) -> None:
        self._csv_file.close()
        buffer = io.BytesIO()
        self._book.save(buffer)
        self._xlsx_path.write_bytes(stable_zip(buffer.getvalue()))
