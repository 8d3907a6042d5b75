"""Reading a phrase spreadsheet someone already has: 千牛 CSV/XLSX or any table with a header.

Encodings seen in practice are detected: UTF-8, UTF-8 with BOM, UTF-16 with BOM and GBK
(read as GB18030, its superset). The header row is found among the first rows by its column
names (快捷短语编码 / 快捷编码 / 编码 …); a file without one is read in 千牛's column order.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError
from generator.exports.run import targets
from generator.text.encoding import BINARY, sniff

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "code": ("快捷短语编码", "快捷编码", "编码", "快捷码", "缩写", "短语编码", "code", "shortcut", "trigger",
             "short_code", "abbreviation"),
    "text": ("快捷短语", "短语内容", "短语", "内容", "话术", "回复", "回复内容", "text", "phrase", "content",
             "replace"),
    "group": ("快捷短语分组", "分组", "分类", "组", "类别", "group", "category", "folder"),
    "title": ("标题", "名称", "title", "name", "label"),
    "id": ("话术编号", "编号", "id"),
    "channel": ("渠道", "channel", "channels"),
}
QIANNIU_ORDER = ("code", "text", "group")
HEADER_SCAN_ROWS = 10
CODE_LIKE = re.compile(r"[A-Za-z0-9]{1,16}")
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r'])")  # what `formula_guard` puts before a value
MAX_UNPACKED = 256 * 2**20  # bytes: an XLSX that unpacks to more is not a phrase list (a zip bomb, say)


@dataclass(frozen=True)
class SheetRow:
    number: int  # 1-based row in the file (what a person sees in Excel)
    values: dict[str, str]  # field → cell text


def read_rows(path: Path) -> list[SheetRow]:
    if not path.is_file():
        raise UsageError(f"找不到要导入的文件：{path}")
    is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    cells = _xlsx_cells(path) if is_xlsx else _csv_cells(path)
    header_at, columns = _find_header(cells, path)
    clean = _unguard if not is_xlsx and header_at >= 0 and _is_guarded(cells[header_at]) else _clean
    rows = []
    for number, row in enumerate(cells[header_at + 1:], start=header_at + 2):
        values = {field: clean(row[i]) if i < len(row) else "" for i, field in columns.items()}
        if any(values.values()):
            rows.append(SheetRow(number, values))
    return rows


def decode_bytes(raw: bytes) -> str:
    codec = sniff(raw)
    if codec == BINARY:
        raise UsageError("无法识别文件编码（不是 UTF-8、UTF-16 或 GBK）：请用 Excel 另存为「CSV UTF-8」后再导入")
    return raw.decode(codec)


def _csv_cells(path: Path) -> list[list[str]]:
    text = decode_bytes(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            problem = f"有一个单元格超过 {csv.field_size_limit()} 个字，不像一条快捷短语"
        elif "NUL" in str(err):
            problem = "含有 NUL 控制字符（文件可能已损坏）"
        else:
            problem = f"CSV 格式有误（{err}）"
        raise UsageError(f"{path} 第 {reader.line_num} 行：{problem}；没有导入") from None


def _xlsx_cells(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    _refuse_zip_bomb(path)
    try:
        book = load_workbook(path, read_only=True)  # formulas as written: a phrase is never one
    except Exception as err:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise UsageError(f"{path}: 不是有效的 Excel 文件（{type(err).__name__}）：请用 Excel 另存为 .xlsx") from None
    try:
        return [[_cell_text(cell, path) for cell in row] for row in book.worksheets[0].iter_rows()]
    except UsageError:
        raise
    except Exception as err:  # the sheet itself is damaged: truncated XML (ParseError) and the like
        raise UsageError(f"{path}: Excel 文件已损坏，读不完工作表（{type(err).__name__}）："
                         "请用 Excel 打开后另存为 .xlsx") from None
    finally:
        book.close()


def _refuse_zip_bomb(path: Path) -> None:
    """Unpack every member once, counting, and stop past MAX_UNPACKED (a member's declared size
    can lie); a file that is not a zip is left to openpyxl to describe."""
    unpacked = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    while chunk := stream.read(2**20):
                        unpacked += len(chunk)
                        if unpacked > MAX_UNPACKED:
                            raise UsageError(f"{path}: 解压后超过 {MAX_UNPACKED // 2**20} MB，不像一份快捷短语表"
                                             "（可能是压缩炸弹）：没有导入")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return


def _cell_text(cell: object, path: Path) -> str:
    if getattr(cell, "data_type", "") == "f":
        raise UsageError(f"{path}: 第 {cell.row} 行 {cell.column_letter} 列是公式（{cell.value}），不是文字："
                         "请在 Excel 里复制整列 → 选择性粘贴 → 值，保存后再导入；没有导入")
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n")


def _unguard(cell: str) -> str:
    return FORMULA_GUARD.sub("", _clean(cell))


def _is_guarded(header: list[str]) -> bool:
    """Whether the file is one of our CSV exports that put an apostrophe before formulas (only
    those: an apostrophe in anyone else's file is part of the text)."""
    guarded = [p.header for p in targets(None).values() if p.formula_guard and p.format == "csv"]
    return tuple(cell.strip() for cell in header) in guarded


def _find_header(cells: list[list[str]], path: Path) -> tuple[int, dict[int, str]]:
    for at, row in enumerate(cells[:HEADER_SCAN_ROWS]):
        columns = _header_columns(row)
        if "text" in columns.values() and len(columns) >= 2:
            return at, columns
    if cells and len(cells[0]) >= 2 and CODE_LIKE.fullmatch(cells[0][0]) and cells[0][1].strip():
        return -1, dict(enumerate(QIANNIU_ORDER[: len(cells[0])]))  # a 千牛 file saved without header
    raise UsageError(f"{path}: 找不到表头，也不是「编码,短语,分组」三列："
                     "请在第一行写上 快捷编码、快捷短语、快捷短语分组")


def _header_columns(row: list[str]) -> dict[int, str]:
    lookup = {name.lower(): field for field, names in HEADER_NAMES.items() for name in names}
    columns: dict[int, str] = {}
    for i, cell in enumerate(row):
        field = lookup.get(_clean(cell).strip().lower())
        if field and field not in columns.values():
            columns[i] = field
    return columns
