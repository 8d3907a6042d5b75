"""The spreadsheet exports opened in LibreOffice Calc (headless, formulas evaluated), the program
a team opens them in: every cell shows the text the customer will receive, and nothing runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from export_support import VARS, filled, source_replies
from openpyxl import load_workbook

# Replies that start like a formula, or look like a number or a date to a spreadsheet.
ODD_CELLS = {
    "id": "odd-sheet",
    "title": "1/2",
    "scenario": "看起来像数字、日期或公式的文字",
    "approved": ["-5 元优惠已经到账，请查收",
                 "=HYPERLINK(\"http://example.com\",\"点我领券\")",
                 "'单引号开头的回复",
                 "1/2"],
    "channels": ["chat"],
}
# CSV import settings: comma, double quote, UTF-8, from line 1, standard cells, detect special
# numbers on, evaluate formulas on (token 13) — what a spreadsheet does to a file opened as it is.
CSV_IMPORT = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"


@pytest.fixture
def tables(src: Path, tmp_path: Path, cli) -> Path:
    out = tmp_path / "out"
    entry = ODD_CELLS
    # 千牛 takes letter-first codes only; the generic sheets also get a digits-only one.
    for targets, shortcut in ((("qianniu-csv", "qianniu-xlsx"), None), (("sheet-csv", "sheet-xlsx"), "0520")):
        if shortcut:
            entry = {**ODD_CELLS, "approved": [{"text": ODD_CELLS["approved"][0], "shortcut": shortcut},
                                               *ODD_CELLS["approved"][1:]]}
        (src / "odd" / "sheet.yaml").write_text(yaml.safe_dump({"entries": [entry]}, allow_unicode=True), "utf-8")
        for target in targets:
            code, _out, err = cli("export", "--target", target, "--src", src, "--out", out, *VARS)
            assert code == 0, err
    return out


def open_in_calc(files: list[Path], out: Path, infilter: str | None = None) -> list[Path]:
    """Open each file in LibreOffice Calc and save what it shows as XLSX (a private profile, so
    parallel runs do not share one)."""
    soffice = shutil.which("soffice")
    assert soffice, "soffice is missing: ./dev test installs libreoffice-calc"
    profile = (out / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
               "--outdir", str(out), *map(str, files)]
    if infilter:
        command[3:3] = [f"--infilter={infilter}"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return [out / (f.stem + ".xlsx") for f in files]


def cells(path: Path, column: int) -> list[tuple[object, str]]:
    """(value, openpyxl data type) of one column below the header; type "f" is a formula."""
    sheet = load_workbook(path).worksheets[0]
    return [(row[column].value, row[column].data_type) for row in sheet.iter_rows(min_row=2)]


def source_texts(src: Path) -> list[str]:
    return [filled(text) for _group, _id, text, _code in source_replies(src)]


def test_xlsx_cells_show_the_reply_exactly(tables: Path, src: Path, tmp_path: Path) -> None:
    shown = open_in_calc([tables / "qianniu-quick-phrases.xlsx", tables / "quick-phrases.xlsx"], tmp_path / "calc")
    expected = source_texts(src)
    assert "'单引号开头的回复" in expected and "=HYPERLINK(\"http://example.com\",\"点我领券\")" in expected
    assert cells(shown[0], 1) == [(text, "s") for text in expected]  # no formula, no apostrophe
    assert cells(shown[1], 2) == [(text, "s") for text in expected]
    assert "0520" in [value for value, _type in cells(shown[1], 1)]  # codes stay text
    assert "1/2" in [value for value, _type in cells(shown[1], 3)]  # titles too


def test_generic_csv_shows_a_visible_guard_and_runs_nothing(tables: Path, src: Path, tmp_path: Path) -> None:
    [shown] = open_in_calc([tables / "quick-phrases.csv"], tmp_path / "calc", CSV_IMPORT)
    expected = [("'" + text if text.startswith(("=", "+", "-", "@", "'")) else text, "s") for text in source_texts(src)]
    texts = cells(shown, 2)
    assert texts[:-1] == expected[:-1]
    # What the downloads page warns about: a CSV opened in a spreadsheet loses leading zeros and
    # turns 1/2 into a date, so it points to the XLSX for viewing and copying.
    assert texts[-1][0] != "1/2" and 520 in [value for value, _type in cells(shown, 1)]


def test_qianniu_csv_is_the_text_as_it_is(tables: Path, src: Path) -> None:
    # 千牛 imports the file as data, so an apostrophe would reach the customer: none is added.
    raw = (tables / "qianniu-quick-phrases.csv").read_text("utf-8-sig")
    assert ",-5 元优惠已经到账，请查收," in raw and ",'-5" not in raw
    assert "\"=HYPERLINK(\"\"http://example.com\"\",\"\"点我领券\"\")\"" in raw
