"""Spreadsheet formats (CSV, XLSX): a header row, then one row per phrase.

Cells are data, and the text is what the customer receives, so it is written as it is. In XLSX
every cell is an inline string; one that starts like a formula (= + - @, a tab or a carriage
return) also gets the `quotePrefix` style, so it stays text even when someone edits it. A CSV
cannot say "text": a profile with `formula_guard` (the generic sheet, which people open in
Excel or WPS) puts an apostrophe before such a value, and before a value that already starts
with one, so the importer can take exactly that apostrophe off again. XLSX files are made
byte-identical run to run: fixed document dates and zip entry times.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from lxml.etree import SerialisationError
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from generator.errors import BuildError
from generator.files import failure_reason

if TYPE_CHECKING:
    from generator.exports.phrases import Phrase
    from generator.exports.profiles import Profile
    from generator.model import Library

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARDED_START = (*FORMULA_START, "'")
FIXED_DATE = "2000-01-01T00:00:00Z"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(GUARDED_START) else value


def table_rows(phrases: Sequence[Phrase], profile: Profile) -> list[list[str]]:
    rows = [[p.field(c) for c in profile.columns] for p in phrases]
    return [list(profile.header), *rows] if profile.header else rows


def write_csv(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    rows = table_rows(phrases, profile)
    if profile.formula_guard:
        rows = [[neutralise(v) for v in row] for row in rows]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=profile.line_ending).writerows(rows)
    return profile.encode(buffer.getvalue())


def check_xlsx(phrase: Phrase, profile: Profile) -> list[str]:
    if any(ILLEGAL_CHARACTERS_RE.search(phrase.field(c)) for c in profile.columns):
        return ["含有 Excel 无法保存的控制字符：请删掉它"]
    return []


def safe_cells(sheet: object, row: Sequence[str]) -> list:
    """A row for a write-only sheet: a value that starts like a formula stays text."""
    return [_text_cell(sheet, v) if v.startswith(FORMULA_START) else v for v in row]


def write_xlsx(phrases: Sequence[Phrase], profile: Profile, _library: Library) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(profile.options.get("sheet", "Sheet1")))
    buffer = io.BytesIO()
    try:  # write-only openpyxl spools the sheet to a temporary file
        for row in table_rows(phrases, profile):
            sheet.append(safe_cells(sheet, row))
        book.save(buffer)
    except (OSError, SerialisationError) as err:
        _abandon(sheet)
        reason = failure_reason(err) if isinstance(err, OSError) else "磁盘空间不足或文件大小受限"
        raise BuildError(f"无法生成 {profile.file}：写临时文件时{reason}；没有写入任何文件") from None
    return stable_zip(buffer.getvalue())


def _abandon(sheet: object) -> None:
    # The sheet's writer is a generator holding the temporary file; closed later by the garbage
    # collector, its failure would print a traceback ("Exception ignored in …"). Close it now.
    with suppress(Exception):
        sheet._writer.xf.close()  # type: ignore[attr-defined]


def _text_cell(sheet: object, value: str) -> WriteOnlyCell:
    # openpyxl would store a string starting with "=" as a formula; quotePrefix keeps the cell
    # text when it is edited. (Plain values for the rest: creating cells is the slow part.)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def stable_zip(raw: bytes) -> bytes:
    """The same archive with fixed entry times and document dates (openpyxl stamps `now`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + FIXED_DATE.encode(), data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
