"""Targets are data: listing them, a team's own profile, clear errors for a broken one; and the
same source always gives the same bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from export_support import VARS

from generator.exports.codes import assign_codes
from generator.exports.profiles import CodeRules
from generator.exports.run import targets

REQUIRED = {"qianniu-csv", "qianniu-xlsx", "sheet-csv", "sheet-xlsx", "espanso", "autohotkey", "macos-plist", "rime",
            "sogou", "zendesk", "chatwoot", "json"}
TEAM_PROFILE = """\
id: jd-dongdong
tool: 京东咚咚
label: 京东 快捷回复
file: jd.csv
format: csv
encoding: gb18030
line_ending: "\\r\\n"
header: [回复分组, 快捷短语, 快捷键]
columns: [group, text, code]
code: {pattern: "[a-z]+", max_length: 6, suffix: letters}
limits: {text: 200}
formula_guard: true
"""


def test_builtin_targets_and_list(cli) -> None:
    assert set(targets(None)) >= REQUIRED
    code, out, _err = cli("export", "--list")
    assert code == 0
    assert "qianniu-csv" in out and "千牛 · qianniu-quick-phrases.csv" in out and "rime" in out


def test_team_profile_from_file_and_from_folder_next_to_source(src: Path, tmp_path: Path, cli) -> None:
    profile = tmp_path / "jd.yaml"
    profile.write_text(TEAM_PROFILE, "utf-8")
    out = tmp_path / "out"
    code, _out, err = cli("export", "--profile", profile, "--src", src, "--out", out, *VARS)
    assert code == 0, err
    assert [p.name for p in out.iterdir()] == ["jd.csv"]
    rows = list(csv.reader(io.StringIO((out / "jd.csv").read_bytes().decode("gb18030"), newline="")))
    assert rows[0] == ["回复分组", "快捷短语", "快捷键"]
    assert [r[2] for r in rows[1:5]] == ["hy", "hygl", "qsd", "qsda"]
    folder = src.parent / "export_profiles"
    folder.mkdir()
    (folder / "jd.yaml").write_text(TEAM_PROFILE, "utf-8")
    code, listing, _err = cli("export", "--list", "--src", src)
    assert "jd-dongdong" in listing


def test_broken_profile_gets_a_chinese_message(src: Path, tmp_path: Path, cli) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(TEAM_PROFILE.replace("columns:", "colums:"), "utf-8")
    code, _out, err = cli("export", "-t", "jd-dongdong", "--profile", profile, "--src", src, "--out", tmp_path)
    assert code == 2
    assert "导出配置里没有「colums」这个键（是不是 columns？）" in err
    profile.write_text(TEAM_PROFILE.replace("format: csv", "format: docx"), "utf-8")
    code, _out, err = cli("export", "-t", "jd-dongdong", "--profile", profile, "--src", src, "--out", tmp_path)
    assert code == 2 and "format「docx」未知" in err


def test_generated_codes_never_take_explicit_ones_and_respect_rules() -> None:
    titles = ["退款没到账", "退款没到账", "好评", "退款没到账"]
    explicit = [None, "tkmdz2", None, None]
    assert assign_codes(titles, explicit, CodeRules()) == ["tkmdz", "tkmdz2", "hp", "tkmdz3"]
    short = CodeRules(pattern="[a-z]+", max_length=4, suffix="letters")
    assert assign_codes(titles, [None] * 4, short) == ["tkmd", "tkma", "hp", "tkmb"]
    digits_first = CodeRules(pattern="[a-z][a-z0-9]*")
    assert assign_codes(["2024新款"], [None], digits_first) == ["c2xk"]  # a code may not start with a digit here


def test_same_input_gives_byte_identical_files(src: Path, tmp_path: Path, cli) -> None:
    runs = []
    for name in ("one", "two"):
        code, _out, err = cli("export", "-t", "all", "--src", src, "--out", tmp_path / name, *VARS)
        assert code == 0, err
        runs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
    assert runs[0] == runs[1]
    with zipfile.ZipFile(tmp_path / "one" / "qianniu-quick-phrases.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "2000-01-01T00:00:00Z" in core and core.count("2000-01-01T00:00:00Z") == 2
