"""Reading exported chat records: CSV (UTF-8, UTF-8 with BOM, GBK) and XLSX, through a record
profile, into one `Message` per row, streamed. A file that cannot be read is a BuildError naming
the file, the sheet, the row and the column; nothing is guessed."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from generator.audit.profiles import RecordProfile
from generator.errors import BuildError
from generator.text.encoding import BINARY, sniff

MAX_CELL = 100_000  # characters: no chat message is longer; a bigger cell is not a chat record
SAMPLE = 1 << 20  # bytes read to tell a CSV's encoding
EPOCH = dt.datetime(1970, 1, 1)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug included)
_LOOSE_TIME = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?")
_SERIAL = re.compile(r"\d{4,6}(?:\.\d+)?")


class Message(NamedTuple):
    """One row of a record. `time`: seconds since 1970-01-01 in the records' local time."""
    file: int
    row: int
    time: float
    buyer: str
    agent: str
    role: str
    kind: str
    text: str


@dataclass(frozen=True)
class RecordFile:
    path: Path
    sheet: str  # "" for CSV
    header: list[str]
    profile: RecordProfile

    def where(self, row: int, column: str | None = None) -> str:
        sheet = f"，工作表「{self.sheet}」" if self.sheet else ""
        at = f"，「{column}」列" if column else ""
        return f"{self.path}{sheet}，第 {row} 行{at}"


class _Rows(NamedTuple):
    file: RecordFile
    rows: Iterator[tuple[int, Sequence[object]]]  # (row number, cells) after the header
    total: int  # rows expected, for progress (an estimate for CSV)


def open_records(path: Path, profiles: Sequence[RecordProfile], chosen: RecordProfile | None) -> _Rows:
    """The header and the data rows of one file, with the profile that reads it."""
    if not path.is_file():
        raise BuildError(f"找不到聊天记录文件：{path}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _open_xlsx(path, profiles, chosen)
    if path.suffix.lower() in (".csv", ".txt"):
        return _open_csv(path, profiles, chosen)
    raise BuildError(f"{path}：只能读取 CSV 或 XLSX 聊天记录（Excel 97-2003 的 .xls 请先另存为 .xlsx）")


def messages(index: int, opened: _Rows, warn: Callable[[str], None]) -> Iterator[Message]:
    """Every data row of an opened file as a Message (blank rows skipped)."""
    record, profile = opened.file, opened.file.profile
    cell = _CellReader(record, warn)
    at = {key: record.header.index(name) for key, name in profile.columns.items()}
    time_at, buyer_at, role_at, text_at = at["time"], at["buyer"], at["role"], at["text"]
    agent_at, type_at = at.get("agent"), at.get("type")
    unknown_types: dict[str, int] = {}  # value → first row, said once per value
    zone = profile.zone
    for row, cells in opened.rows:
        if not any(cells):
            continue
        role_value = cell.text(cells, row, role_at)
        role = profile.roles.get(role_value)
        if role is None:
            known = "、".join(profile.roles)
            raise BuildError(f"{record.where(row, profile.columns['role'])}：发送方「{role_value}」不认识（认识的有："
                             f"{known}）；请在记录配置的 roles 里加上它")
        kind_value = cell.text(cells, row, type_at) if type_at is not None else ""
        kind = profile.types.get(kind_value, "other" if kind_value else "text")
        if kind == "other":
            unknown_types.setdefault(kind_value, row)
        buyer = cell.text(cells, row, buyer_at)
        if not buyer:
            raise BuildError(f"{record.where(row, profile.columns['buyer'])}：没有顾客账号，分不出是哪一段对话")
        agent = cell.text(cells, row, agent_at) if agent_at is not None else ""
        moment = parse_time(cells[time_at] if time_at < len(cells) else None, zone, record, row)
        yield Message(index, row, moment, buyer, agent, role, kind, cell.text(cells, row, text_at, strip=False))
    for value, row in unknown_types.items():
        warn(f"{record.where(row, profile.columns['type'])}：消息类型「{value}」不认识（这一行起），"
             "这类消息只计时、不检查措辞；可在记录配置的 types 里写明")


class _CellReader:
    """Cell values as text: a number as written, a formula as its text (said once per cell)."""

    def __init__(self, record: RecordFile, warn: Callable[[str], None]) -> None:
        self.record, self.warn = record, warn

    def text(self, cells: Sequence[object], row: int, column: int, strip: bool = True) -> str:
        value = cells[column] if column < len(cells) else None
        if value is None:
            return ""
        if not isinstance(value, str):
            value = self._other(value, row, column)
        if len(value) > MAX_CELL:
            raise BuildError(f"{self.record.where(row, self.record.header[column])}：单元格有 {len(value):,} 个字符，"
                             f"超过 {MAX_CELL:,}，不像是聊天记录")
        return value.strip() if strip else value

    def _other(self, value: object, row: int, column: int) -> str:
        if isinstance(value, _Formula):
            self.warn(f"{self.record.where(row, self.record.header[column])}：单元格是公式 {value.text[:40]}，"
                      "按文字读取、不计算")
            return value.text
        return _number_text(value)


def _number_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_time(cell: object, zone, record: RecordFile, row: int) -> float:
    """Seconds since 1970 in local time, from a datetime cell, an Excel serial or a text time."""
    moment = _moment(cell, zone)
    if moment is None:
        header = record.profile.columns["time"]
        shown = "空的" if cell in (None, "") else f"「{str(cell)[:40]}」"
        raise BuildError(f"{record.where(row, header)}：时间{shown}认不出（可以是 2026-11-03 14:05:09、"
                         "2026/11/3 14:05、ISO 8601 或 Excel 日期）")
    return (moment - EPOCH).total_seconds()


def _moment(cell: object, zone) -> dt.datetime | None:
    if isinstance(cell, _Formula):
        return None
    if isinstance(cell, dt.datetime):
        return _local(cell, zone)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(float(cell))
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    try:
        return _local(dt.datetime.fromisoformat(text.replace("Z", "+00:00")), zone)
    except ValueError:
        pass
    if _SERIAL.fullmatch(text):
        return _serial(float(text))
    match = _LOOSE_TIME.fullmatch(text)
    if not match:
        return None
    try:
        return dt.datetime(*(int(part or 0) for part in match.groups()))
    except ValueError:
        return None


def _local(moment: dt.datetime, zone) -> dt.datetime:
    return moment.astimezone(zone).replace(tzinfo=None) if moment.tzinfo else moment


def _serial(value: float) -> dt.datetime | None:
    if not 1 <= value < 2958466:  # 1900-01-01 to 9999-12-31
        return None
    # to the millisecond: a serial's fraction of a day is seldom exact in binary
    return EXCEL_EPOCH + dt.timedelta(milliseconds=round(value * 86_400_000))


# ---------- choosing the profile ----------

def _profile_for(path: Path, sheet: str, header: list[str], profiles: Sequence[RecordProfile],
                 chosen: RecordProfile | None) -> RecordProfile:
    where = f"{path}" + (f"，工作表「{sheet}」" if sheet else "")
    if chosen:
        if missing := [h for h in chosen.headers if h not in header]:
            raise BuildError(f"{where}：缺少列 {'、'.join(missing)}（记录配置 {chosen.id} 要用）；"
                             f"找到的列：{'、'.join(h for h in header if h) or '（没有）'}")
        return chosen
    fitting = [p for p in profiles if p.matches(header)]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        raise BuildError(f"{where}：表头同时符合 {'、'.join(p.id for p in fitting)}，请用 --profile 指定一个")
    nearest = min(profiles, key=lambda p: len([h for h in p.headers if h not in header]))
    missing = [h for h in nearest.headers if h not in header]
    raise BuildError(f"{where}：认不出这是哪种聊天记录。按「{nearest.label}」缺少列 {'、'.join(missing)}；"
                     f"找到的列：{'、'.join(h for h in header if h) or '（没有）'}。"
                     "其他格式请写一个记录配置，用 --profile 指定")


# ---------- XLSX ----------

class _Formula(NamedTuple):
    text: str


def _open_xlsx(path: Path, profiles: Sequence[RecordProfile], chosen: RecordProfile | None) -> _Rows:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, OSError, KeyError, ValueError) as err:
        raise BuildError(f"{path}：不是能读取的 XLSX 文件（{type(err).__name__}）") from None
    except Exception as err:  # zipfile.BadZipFile and friends: a damaged file, said in one line
        raise BuildError(f"{path}：文件损坏，读不出表格（{type(err).__name__}）") from None
    wanted = [p.sheet for p in ([chosen] if chosen else profiles) if p.sheet]
    names = [n for n in wanted if n in book.sheetnames] or book.sheetnames
    problems = []
    for name in names:
        sheet = book[name]
        rows = _xlsx_rows(sheet)
        first = next(rows, None)
        if first is None:
            problems.append(f"工作表「{name}」是空的")
            continue
        header = [str(c).strip() if c is not None else "" for c in first[1]]
        try:
            profile = _profile_for(path, name, header, profiles, chosen)
        except BuildError as err:
            problems.append(str(err))
            continue
        total = max((sheet.max_row or 0) - first[0], 0)
        return _Rows(RecordFile(path, name, header, profile), _checked_rows(rows, path, name), total)
    raise BuildError(problems[0] if len(problems) == 1 else f"{path}：没有找到聊天记录：{'；'.join(problems)}")


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) of the rows that hold anything; a formula cell comes as _Formula."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = [_Formula(c.value) if c.data_type == "f" else c.value for c in cells]
        if any(v not in (None, "") for v in values):
            yield number, values


def _checked_rows(rows: Iterator, path: Path, sheet: str) -> Iterator:
    yielded = False
    for item in rows:
        yielded = True
        yield item
    if not yielded:
        raise BuildError(f"{path}，工作表「{sheet}」：只有表头，没有消息")


# ---------- CSV ----------

def _open_csv(path: Path, profiles: Sequence[RecordProfile], chosen: RecordProfile | None) -> _Rows:
    encoding = _csv_encoding(path)
    handle = open(path, encoding=encoding, newline="")  # noqa: SIM115 — closed by _csv_rows when read
    size = path.stat().st_size
    reader = csv.reader(handle)
    try:
        header = [h.strip() for h in next(reader, [])]
    except (csv.Error, UnicodeDecodeError) as err:
        handle.close()
        raise BuildError(f"{path}，第 1 行：读不出表头（{_csv_reason(err, encoding)}）") from None
    if not any(header):
        handle.close()
        raise BuildError(f"{path}：文件是空的，没有表头也没有消息")
    profile = _profile_for(path, "", header, profiles, chosen)
    estimate = max(size // 80, 1)
    return _Rows(RecordFile(path, "", header, profile), _csv_rows(reader, handle, path, encoding), estimate)


def _csv_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE)
        if len(sample) == SAMPLE:  # cut at a line end: no UTF-8 or GBK character holds a \n byte
            sample = sample[: sample.rfind(b"\n") + 1] or sample
    encoding = sniff(sample)
    if encoding == BINARY or encoding.startswith("utf-16"):
        raise BuildError(f"{path}：不是 UTF-8 或 GBK 编码的 CSV 文本（可能是表格或二进制文件另存错了）："
                         "请在 Excel / WPS 里另存为「CSV UTF-8」")
    return encoding


def _csv_rows(reader, handle, path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    with handle:
        row = 1
        yielded = False
        try:
            for cells in reader:
                row = reader.line_num
                yielded = True
                yield row, cells
        except (csv.Error, UnicodeDecodeError) as err:
            raise BuildError(f"{path}，第 {row + 1} 行附近：{_csv_reason(err, encoding)}") from None
        if not yielded:
            raise BuildError(f"{path}：只有表头，没有消息")


def _csv_reason(err: Exception, encoding: str) -> str:
    if isinstance(err, UnicodeDecodeError):
        return f"文件前面是 {_encoding_name(encoding)}，这里却不是：请整个文件用同一种编码另存"
    if "field larger than field limit" in str(err):
        return f"单元格超过 {csv.field_size_limit():,} 个字符，不像是聊天记录"
    return f"CSV 格式有误（{err}）"


def _encoding_name(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GBK"}.get(encoding, encoding)


def all_messages(paths: Iterable[Path], profiles: Sequence[RecordProfile], chosen: RecordProfile | None,
                 warn: Callable[[str], None]) -> tuple[list[RecordFile], Iterator[Message], int]:
    """Open every file first (a bad header is said before any work), then stream their messages."""
    opened = [open_records(path, profiles, chosen) for path in paths]
    stream = (m for index, rows in enumerate(opened) for m in messages(index, rows, warn))
    return [o.file for o in opened], stream, sum(o.total for o in opened)

