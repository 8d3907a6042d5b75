"""Reading records as the platforms' tools write them, and one clear line for a file that cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from records_support import PLAIN, STARTER, at, excel_serial, run_audit, write_pdd, write_plain_csv

from generator.cli import main

# One consultation answered in 30 s, one in 90 s: jd's first-response average is 60 s.
TIMES = [at(3, "10:00:00"), at(3, "10:00:30"), at(3, "15:00:00"), at(3, "15:01:30")]


def _rows(times: list[object]) -> list[tuple]:
    return [(times[0], "buyer_a", "客服A", "buyer", "在吗"),
            (times[1], "buyer_a", "客服A", "agent", "在的亲，请问有什么可以帮您？"),
            (times[2], "buyer_b", "客服B", "buyer", "什么时候发货"),
            (times[3], "buyer_b", "客服B", "agent", "亲，付款后 48 小时内发出～")]


def _first_response(summary: dict) -> float:
    return summary["kpi"]["team"]["all"]["first_response_avg_seconds"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_a_plain_csv_reads_in_utf8_bom_or_gbk(tmp_path: Path, encoding: str) -> None:
    code, summary = run_audit([write_plain_csv(tmp_path / "chat.csv", _rows(TIMES), encoding)], tmp_path / "out")
    assert code == 0 and summary["profile"] == "plain"
    assert _first_response(summary) == 60
    assert summary["kpi"]["agents"].keys() == {"客服A", "客服B"}


def test_excel_serials_datetimes_and_iso_times_are_the_same_moments(tmp_path: Path) -> None:
    moments = [dt.datetime.fromisoformat(t) for t in TIMES]
    times = [excel_serial(moments[0]), moments[1], "2026-11-03T07:00:00Z", "2026/11/3 15:01:30"]
    code, summary = run_audit([write_pdd(tmp_path / "pdd.xlsx", _rows(times))], tmp_path / "out")
    assert code == 0 and summary["profile"] == "pdd"
    assert _first_response(summary) == 60


def test_a_teams_own_profile_reads_its_own_columns(tmp_path: Path) -> None:
    profile = tmp_path / "qianniu.yaml"
    profile.write_text("id: qianniu\nlabel: 千牛聊天记录\ncolumns: {time: 发送时间, buyer: 买家, agent: 客服昵称, "
                       "role: 角色, text: 消息}\nroles: {客服: agent, 买家: buyer}\nsession_timeout: 300\n", "utf-8")
    lines = ["发送时间,买家,客服昵称,角色,消息"] + [f"{t},{b},{a},{'买家' if s == 'buyer' else '客服'},{x}"
                                               for t, b, a, s, x in _rows(TIMES)]
    records = tmp_path / "qianniu.csv"
    records.write_text("\n".join(lines) + "\n", "utf-8")
    code, summary = run_audit([records], tmp_path / "out", "--profile", str(profile))
    assert code == 0 and summary["profile"] == "qianniu" and _first_response(summary) == 60


def _one_line_error(capsys: pytest.CaptureFixture[str], records: Path, tmp_path: Path) -> str:
    code = main(["audit", str(records), "--src", str(STARTER), "--out", str(tmp_path / "out"), "--no-gaps"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()  # nothing half-written
    return err


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_missing_column_names_what_is_missing_and_what_was_found(tmp_path: Path, capsys) -> None:
    records = tmp_path / "chat.csv"
    records.write_text("时间,顾客,发送方\n2026-11-03 10:00:00,b,顾客\n", "utf-8")
    err = _one_line_error(capsys, records, tmp_path)
    assert "缺少列 客服、内容" in err and "找到的列：时间、顾客、发送方" in err


def test_an_unreadable_time_names_the_file_sheet_row_and_column(tmp_path: Path, capsys) -> None:
    rows = _rows(TIMES)
    rows[2] = ("下午三点", *rows[2][1:])
    err = _one_line_error(capsys, write_pdd(tmp_path / "pdd.xlsx", rows), tmp_path)
    assert "pdd.xlsx，工作表「消息明细」，第 4 行，「发送时间」列" in err and "下午三点" in err


def test_an_unknown_sender_names_the_row_and_the_value(tmp_path: Path, capsys) -> None:
    records = tmp_path / "chat.csv"
    lines = [",".join(PLAIN), "2026-11-03 10:00:00,b,客服A,顾客,在吗", "2026-11-03 10:00:05,b,客服A,店小二,在的"]
    records.write_text("\n".join(lines) + "\n", "utf-8")
    err = _one_line_error(capsys, records, tmp_path)
    assert "第 3 行，「发送方」列" in err and "「店小二」" in err


@pytest.mark.parametrize("kind", ["empty sheet", "header only", "utf-16", "binary", "huge cell"])
def test_a_file_that_is_no_chat_record_gives_one_clear_line(tmp_path: Path, capsys, kind: str) -> None:
    header = ",".join(PLAIN)
    if kind == "empty sheet":
        records = _xlsx(tmp_path / "empty.xlsx", [])
    elif kind == "header only":
        records = _xlsx(tmp_path / "header.xlsx", [list(PLAIN)])
    else:
        records = tmp_path / "chat.csv"
        body = {"utf-16": f"{header}\n2026-11-03 10:00:00,b,客服A,顾客,在吗\n".encode("utf-16"),
                "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
                "huge cell": f'{header}\n2026-11-03 10:00:00,b,客服A,顾客,"{"啊" * (50 << 20)}"\n'.encode()}[kind]
        records.write_bytes(body)
    err = _one_line_error(capsys, records, tmp_path)
    assert {"empty sheet": "是空的", "header only": "只有表头", "utf-16": "不是 UTF-8 或 GBK",
            "binary": "不是 UTF-8 或 GBK", "huge cell": "单元格超过"}[kind] in err


def test_a_formula_cell_is_read_as_its_text_with_one_warning(tmp_path: Path, capsys) -> None:
    records = _xlsx(tmp_path / "chat.xlsx", [list(PLAIN), [at(3, "10:00:00"), "b", "客服A", "顾客", "在吗"],
                                             [at(3, "10:00:09"), "b", "客服A", "客服", '=HYPERLINK("http://x.example","点我")']])
    code = main(["audit", str(records), "--src", str(STARTER), "--out", str(tmp_path / "out"), "--no-gaps"])
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert code == 0 and len(lines) == 1, err
    assert "公式" in lines[0] and "第 3 行，「内容」列" in lines[0]
