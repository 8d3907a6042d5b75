"""Odd text: written faithfully where the format can hold it; where it cannot, left out of that
file and listed with the entry id and file:line (with --strict: refused, and nothing at all is written).
`handbook build` leaves out and lists the same replies."""

from __future__ import annotations

import csv
import io
import json
import os
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from export_support import LONG_REPLY, VARS
from openpyxl import load_workbook
from test_readback import read_ahk, read_sogou

MULTILINE = "第一步：打开订单\n第二步：点击\t申请售后\n\n# 注意：保留凭证"
HOLDERS = ["sheet-csv", "sheet-xlsx", "espanso", "autohotkey", "zendesk", "chatwoot", "json"]


ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "scripts_src"
PROFILES = Path(__file__).resolve().parents[2] / "generator" / "exports" / "profiles"


def _export(cli, src: Path, out: Path, *targets: str, strict: bool = False) -> tuple[int, str, str]:
    args = [a for t in targets for a in ("--target", t)] + (["--strict"] if strict else [])
    return cli("export", *args, "--src", src, "--out", out, *VARS)


def test_formats_that_can_hold_odd_text_keep_it_exactly(odd_src: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, _out, err = _export(cli, odd_src, out, *HOLDERS)
    assert code == 0, err
    odd = [LONG_REPLY, MULTILINE, "#话题# 欢迎参加活动", "好的亲😀，马上为您处理🎉", "型号写作 { A } 款"]

    def held(texts: list[str]) -> list[str]:
        return [t for t in texts if t in odd]

    sheet = csv.DictReader(io.StringIO((out / "quick-phrases.csv").read_bytes().decode("utf-8-sig"), newline=""))
    assert held([r["短语内容"] for r in sheet]) == odd  # line breaks and tabs inside quoted cells
    book = load_workbook(out / "quick-phrases.xlsx").worksheets[0]
    assert held([r[2] for r in book.iter_rows(min_row=2, values_only=True)]) == odd
    espanso = yaml.safe_load((out / "huashu.yml").read_text("utf-8"))["matches"]
    assert held([m["replace"] for m in espanso]) == odd
    assert held([text for _code, text in read_ahk(out / "huashu.ahk")]) == odd
    assert held([c["content"] for c in json.loads((out / "chatwoot-canned-responses.json").read_text("utf-8"))]) == odd
    ahk = (out / "huashu.ahk").read_text("utf-8-sig")
    assert "`n第二步：点击`t申请售后`n`n# 注意" in ahk  # one line per hotstring, breaks escaped


def test_strict_refusals_name_entry_and_line_and_write_nothing(odd_src: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, _out, err = _export(cli, odd_src, out, "rime", "macos-plist", "qianniu-csv", "qianniu-csv-gbk", "sogou",
                              "sheet-csv", strict=True)
    assert code == 1
    assert not out.exists()  # not even the targets that had no problem
    assert "没有写入任何文件" in err
    assert "odd/more.yaml:6: 话术 odd-multiline：Rime 中州韵 不支持多行短语" in err
    assert "odd-multiline：Rime 中州韵 的短语里不能有制表符（Tab）" in err
    assert "odd/more.yaml:14: 话术 odd-hash：Rime 中州韵 会把「#」开头的短语当作注释或命令" in err
    assert "odd-hash：搜狗拼音 会把「#」开头的短语当作注释或命令" in err
    assert "odd-multiline：macOS 文本替换 不支持多行短语" in err
    assert re.search(r"odd/long\.yaml:\d+: 话术 odd-long：短语有 545 个字，千牛 最多 430 个字", err)
    assert "odd-emoji：「😀」无法用 GBK 编码保存" in err
    assert "快捷编码「dhh」" not in err  # letters only: fine for Rime
    assert "Traceback" not in err


DIGIT_CODE_LEFT_OUT = "greeting/basic.yaml:7: 话术 greeting-welcome：快捷编码「hy1」不能用于 Rime 中州韵（须符合 [a-z]+"


def _digit_code(src: Path) -> None:
    path = src / "greeting" / "basic.yaml"
    path.write_text(path.read_text("utf-8").replace("shortcut: hy", "shortcut: hy1"), "utf-8")


def test_a_reply_a_target_cannot_hold_is_left_out_and_listed(src: Path, tmp_path: Path, cli) -> None:
    """A code with a digit: Rime and 搜狗 cannot take it; every other tool gets the reply, and the
    export still succeeds (exit 0) with the list of what was left out."""
    _digit_code(src)
    out = tmp_path / "out"
    code, stdout, err = _export(cli, src, out, "all")
    assert code == 0, err
    assert "有些回复放不进个别工具的格式" in stdout and DIGIT_CODE_LEFT_OUT in stdout
    assert "【rime】Rime 自定义短语（custom_phrase.txt）：1 条回复放不进这种格式，没有写进文件" in stdout
    assert "【sogou】" in stdout and "【espanso】" not in stdout
    assert re.search(r"custom_phrase\.txt）：\d+ 条 → .*（略过 1 条，见下）", stdout)
    rime = (out / "custom_phrase.txt").read_text("utf-8")
    assert "欢迎光临" not in rime and rime.count("\t") > 3  # the others are there
    assert "hy1" in (out / "huashu.yml").read_text("utf-8")


def test_strict_refuses_a_reply_a_target_cannot_hold(src: Path, tmp_path: Path, cli) -> None:
    _digit_code(src)
    code, _out, err = _export(cli, src, tmp_path / "out", "all", strict=True)
    assert code == 1 and not (tmp_path / "out").exists()
    assert DIGIT_CODE_LEFT_OUT in err and "没有写入任何文件" in err


def test_build_leaves_out_and_lists_the_same_replies(src: Path, tmp_path: Path) -> None:
    _digit_code(src)
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(src), "--out", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert DIGIT_CODE_LEFT_OUT in done.stdout
    assert "【rime】Rime 自定义短语（custom_phrase.txt）：1 条回复放不进" in done.stdout
    assert "欢迎光临" not in (site / "downloads" / "custom_phrase.txt").read_text("utf-8")


def _without_shop_example(src: Path) -> None:
    settings = src / "handbook.yaml"
    settings.write_text(settings.read_text("utf-8").replace("example: 小蓝鲸旗舰店, ", ""), "utf-8")


def test_a_shop_value_nobody_gave_is_listed_not_guessed(src: Path, tmp_path: Path, cli) -> None:
    _without_shop_example(src)
    out = tmp_path / "out"
    code, _out, err = cli("export", "--target", "qianniu-csv", "--target", "rime", "--src", src, "--out", out)
    assert code == 1 and not out.exists()
    assert "【qianniu-csv、rime】这些店铺信息占位符没有值，也没有示例值：" in err
    assert "{店铺名称}（2 条回复，如 greeting-welcome）" in err
    assert "客服工号" not in err  # an agent's own value is left to fill in, never refused
    assert "--var" in err and "--blanks" in err


def test_blanks_keep_shop_values_visible(src: Path, tmp_path: Path, cli) -> None:
    _without_shop_example(src)
    out = tmp_path / "out"
    code, _out, err = cli("export", "-t", "qianniu-csv", "--src", src, "--out", out, "--blanks",
                          "--var", "客服工号=1024")
    assert code == 0, err
    text = (out / "qianniu-quick-phrases.csv").read_text("utf-8-sig")
    assert "欢迎光临【店铺名称】，我是客服1024" in text


def test_espanso_asks_for_what_differs_per_agent_or_customer(src: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, stdout, err = cli("export", "-t", "espanso", "--src", src, "--out", out)
    assert code == 0, err
    first = yaml.safe_load((out / "huashu.yml").read_text("utf-8"))["matches"][0]
    assert first["form"] == "亲，您好！欢迎光临小蓝鲸旗舰店，我是客服[[客服工号]]，请问有什么可以帮您？"
    assert "replace" not in first
    assert "店铺信息用了 handbook.yaml 里的示例值：店铺名称。请用 --var 店铺名称=实际值 填写" in stdout


def test_unknown_variable_and_bad_var_syntax_are_usage_errors(src: Path, tmp_path: Path, cli) -> None:
    code, _out, err = cli("export", "-t", "rime", "--src", src, "--out", tmp_path, "--var", "店铺名=小蓝鲸")
    assert code == 2 and "占位符「店铺名」没有在 handbook.yaml 的 placeholders 里声明，是不是 店铺名称？" in err
    code, _out, err = cli("export", "-t", "rime", "--src", src, "--out", tmp_path, "--var", "店铺名称")
    assert code == 2 and "--var 的写法是 名称=值" in err
    code, _out, err = cli("export", "-t", "qianiu-csv", "--src", src, "--out", tmp_path)
    assert code == 2 and "没有导出目标「qianiu-csv」：是不是 qianniu-csv？" in err


def test_source_with_check_errors_is_not_exported(src: Path, tmp_path: Path, cli) -> None:
    path = src / "greeting" / "basic.yaml"
    path.write_text(path.read_text("utf-8").replace("请再稍等片刻。", "请再稍等片刻，不知道。"), "utf-8")
    (src / "lexicon.yaml").write_text("forbidden:\n  - {text: 不知道, reason: 推卸}\n", "utf-8")
    out = tmp_path / "out"
    code, _out, err = cli("export", "-t", "qianniu-csv", "--src", src, "--out", out, *VARS)
    assert code == 1 and not out.exists()
    assert "greeting/basic.yaml:" in err and "W001" in err  # the checker's findings, file:line first
    assert "已停止导出" in err


def test_channel_and_category_selection(src: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, _out, err = cli("export", "-t", "macos-plist", "--src", src, "--out", out, *VARS, "--channel", "phone")
    assert code == 0, err
    phone = plistlib.loads((out / "text-substitutions.plist").read_bytes())
    assert [i["shortcut"] for i in phone] == ["dh", "hp2"]  # phone-only and chat+phone entries
    code, _out, err = cli("export", "-t", "sogou", "--src", src, "--out", out, *VARS, "--category", "odd")
    assert code == 0, err
    assert [c for c, _t in read_sogou((out / "PhraseEdit.txt").read_bytes())] == ["gs", "gskt", "gskta", "gsktb", "fh"]
    code, _out, err = cli("export", "-t", "sogou", "--src", src, "--out", out, *VARS, "--category", "od")
    assert code == 2 and "没有分类「od」：是不是 odd？" in err


def test_replies_that_would_act_as_tool_syntax_are_left_out(src: Path, tmp_path: Path, cli) -> None:
    """搜狗 reads every line of a multi-line phrase, the first one too; Espanso moves the cursor to $|$."""
    entries = [{"id": "odd-sogou", "title": "搜狗注入", "scenario": "第一行像一条短语", "channels": ["chat"],
                "approved": ["evil,1=注入的短语\n第二行"]},
               {"id": "odd-cursor", "title": "光标标记", "scenario": "文字里有 Espanso 的光标标记",
                "channels": ["chat"], "approved": ["请在这里 $|$ 输入订单号"]}]
    (src / "odd" / "tools.yaml").write_text(yaml.safe_dump({"entries": entries}, allow_unicode=True), "utf-8")
    code, stdout, err = _export(cli, src, tmp_path / "out", "sogou", "espanso")
    assert code == 0, err
    assert "话术 odd-sogou：有一行以「;」或「字母,数字=」开头，搜狗会把它当作注释或另一条短语" in stdout
    assert "话术 odd-cursor：Espanso 会把「$|$」当作变量语法" in stdout
    assert "evil" not in (tmp_path / "out" / "PhraseEdit.txt").read_text("utf-16")
    assert "$|$" not in (tmp_path / "out" / "huashu.yml").read_text("utf-8")


def test_the_starter_library_exports_without_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    shutil.copytree(STARTER, tmp_path / "scripts_src")
    monkeypatch.chdir(tmp_path)
    code, stdout, err = cli("export")
    assert code == 0, err
    assert len(list((tmp_path / "exports").iterdir())) == 13
    qianniu = (tmp_path / "exports" / "qianniu-quick-phrases.csv").read_text("utf-8-sig")
    assert "【快递单号】" in qianniu and "【客服工号】" in qianniu  # filled in at the time of use
    assert "小蓝鲸旗舰店" in qianniu and "店铺信息用了 handbook.yaml 里的示例值：店铺名称、公司名称" in stdout
    espanso = (tmp_path / "exports" / "huashu.yml").read_text("utf-8")
    assert "[[快递单号]]" in espanso and "【快递单号】" not in espanso
    code, _out, err = cli("export", "--var", "订单号=2611220001234567", "--out", tmp_path / "again")
    assert code == 2 and "占位符「订单号」每位顾客都不同（scope: customer）" in err
    assert not (tmp_path / "again").exists()


def test_an_export_on_a_full_disk_keeps_every_previous_file(src: Path, tmp_path: Path) -> None:
    """The kernel refuses writes past a size (RLIMIT_FSIZE), as a full disk would."""
    import resource
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    for name in ("qianniu-quick-phrases.csv", "huashu-library.json", "huashu.yml"):
        (out / name).write_text("上一次导出的文件", "utf-8")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (4_000, 4_000))

    def export(*targets: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator.cli", "export", "--src", str(src), "--out", str(out),
                               *VARS, *targets], capture_output=True, text=True, preexec_fn=small_files)

    # the CSV and the Espanso file fit, the 4.5 KB library JSON does not
    done = export("-t", "qianniu-csv", "-t", "espanso", "-t", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    json_file = out / "huashu-library.json"
    assert done.stderr == f"handbook: 无法写入 {json_file}：文件超过了系统允许的大小；没有写入任何文件\n"
    assert sorted(p.name for p in out.iterdir()) == ["huashu-library.json", "huashu.yml", "qianniu-quick-phrases.csv"]
    assert {p.read_text("utf-8") for p in out.iterdir()} == {"上一次导出的文件"}
    done = export()  # openpyxl spools a sheet to a temporary file, which fails first
    assert done.stderr == ("handbook: 无法生成 qianniu-quick-phrases.xlsx：写临时文件时磁盘空间不足或文件大小受限；"
                           "没有写入任何文件\n")
    assert {p.read_text("utf-8") for p in out.iterdir()} == {"上一次导出的文件"}


def test_a_line_break_in_a_team_profile_label_stays_in_the_comment(src: Path, tmp_path: Path, cli) -> None:
    """Header and comment lines of the exports are one line whatever goes into them."""
    hostile = 'label: "团队\\n:X:btw::Run(\\"calc.exe\\")\\u2028global_vars:"'  # YAML escapes: \n, \u2028
    out = tmp_path / "out"
    for target, name in (("autohotkey", "huashu.ahk"), ("espanso", "huashu.yml"), ("sogou", "PhraseEdit.txt")):
        builtin = PROFILES / f"{target}.yaml"
        text = builtin.read_text("utf-8").replace(f"id: {target}\n", f"id: team-{target}\n")
        profile = tmp_path / f"{target}.yaml"
        profile.write_text(re.sub(r"(?m)^label: .*$", lambda _m: hostile, text), "utf-8")
        code, _out, err = cli("export", "--profile", profile, "--src", src, "--out", out, *VARS)
        assert code == 0, err
        raw = (out / name).read_bytes()
        lines = raw.decode("utf-16" if target == "sogou" else "utf-8-sig").splitlines()
        assert not [line for line in lines if line.startswith((":X:", "global_vars"))]
        assert any("团队 :X:btw::Run" in line for line in lines[:3])
