"""`handbook import`: phrase files a team already has become checked YAML entries, and
export → import → export gives the same file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.model import load_library
from generator.source.schema import SCHEMA_FILES, schema_text

SCHEMA_LINE = "# yaml-language-server: $schema=../.schema/entries.schema.json"


STARTER = Path(__file__).resolve().parents[2] / "scripts_src"


def _write_in(src: Path) -> None:
    """What the trainer does after an import: write the scenario and what each new placeholder means."""
    for path in src.rglob("*.yaml"):
        text = path.read_text("utf-8").replace("待填写：什么时候用这条话术", "顾客询问时使用")
        path.write_text(text.replace("待填写：导入时新增的占位符，请写明要填什么", "要填写的内容"), "utf-8")


@pytest.mark.parametrize("target, filename", [
    ("qianniu-csv", "qianniu-quick-phrases.csv"),
    ("qianniu-xlsx", "qianniu-quick-phrases.xlsx"),
    ("sheet-csv", "quick-phrases.csv"),
    ("sheet-xlsx", "quick-phrases.xlsx"),
])
def test_export_import_export_is_identical(src: Path, tmp_path: Path, cli, target: str, filename: str) -> None:
    first, second, imported = tmp_path / "first", tmp_path / "second", tmp_path / "imported"
    code, _out, err = cli("export", "-t", target, "--src", src, "--out", first, "--blanks")
    assert code == 0, err
    code, out, err = cli("import", first / filename, "--out", imported)
    assert code == 0, out + err  # imported; what a person still has to write is all the check reports
    assert "M003" in out and "检查未通过" in out
    code, _out, err = cli("export", "-t", target, "--src", imported, "--out", second, "--blanks")
    assert code == 1 and "M003" in err  # nothing goes out with 待填写 in it
    _write_in(imported)
    code, _out, err = cli("export", "-t", target, "--src", imported, "--out", second, "--blanks")
    assert code == 0, err
    assert (second / filename).read_bytes() == (first / filename).read_bytes()
    for path in imported.glob("*/*.yaml"):
        assert path.read_text("utf-8").startswith(SCHEMA_LINE + "\nentries:\n")


def test_gbk_qianniu_file_with_placeholders_and_todo(tmp_path: Path, cli) -> None:
    sheet = tmp_path / "千牛短语.csv"
    sheet.write_bytes((
        "店铺快捷短语导出\r\n"
        "快捷编码,快捷短语,快捷短语分组\r\n"
        "HY,亲，欢迎光临【店铺名称】，我是[客服工号]号客服～,欢迎\r\n"
        "退款,您的退款 XX 元已原路退回，预计 XX 天到账，XXL 码已登记。,售后\r\n"
        "dh,\"多行第一句\n第二句\",售后\r\n"
    ).encode("gbk"))
    out = tmp_path / "src"
    code, stdout, err = cli("import", sheet, "--out", out)
    assert code == 0, stdout + err
    library, _ = load_library(out)
    assert [c.title for c in library.categories] == ["欢迎", "售后"]
    texts = [r.text for e in library.entries for r in e.approved]
    assert texts == ["亲，欢迎光临{店铺名称}，我是{客服工号}号客服～",
                     "您的退款 {待填写1} 元已原路退回，预计 {待填写2} 天到账，XXL 码已登记。",
                     "多行第一句\n第二句"]
    assert {"店铺名称", "客服工号", "待填写1", "待填写2"} <= set(library.placeholders)
    assert [r.shortcut for e in library.entries for r in e.approved] == ["hy", None, "dh"]
    assert "编码「退款」不是 1–8 位字母或数字，已去掉" in stdout
    assert "XX 已改为 {待填写1}、{待填写2}" in stdout
    assert "scenario 待填写" in stdout and "questions 为空" in stdout
    assert [line.split(" ")[1] for line in stdout.splitlines() if ": M" in line or ": S" in line] == ["M003"] * 7


def test_formula_guard_is_removed_and_multiline_kept(tmp_path: Path, cli) -> None:
    # Our generic sheet (its exact header) puts an apostrophe before formulas and before an
    # apostrophe: exactly that one comes off again. Anyone else's apostrophe is text.
    ours = tmp_path / "ours" / "quick-phrases.csv"
    ours.parent.mkdir()
    ours.write_text("分组,快捷编码,短语内容,标题,话术编号,渠道\r\n售后,ab,'=1+1,公式,a,chat\r\n"
                    "售后,cd,\"''好'的\n  第二句缩进\",引号,b,chat\r\n", "utf-8-sig")
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("编码,内容,分组\r\nab,'=1+1,售后\r\n", "utf-8-sig")
    texts = []
    for sheet in (ours, theirs):
        out = tmp_path / f"src-{sheet.stem}"
        code, stdout, err = cli("import", sheet, "--out", out, "--category", "aftersale")
        assert code == 0, stdout + err
        library, _ = load_library(out)
        texts.append([r.text for e in library.entries for r in e.approved])
    assert texts == [["=1+1", "'好'的\n  第二句缩进"], ["'=1+1"]]
    assert library.entries[0].tags == ["售后"]  # with --category the groups become tags
    assert {e.category for e in library.entries} == {"aftersale"}


def test_import_into_existing_source_merges_settings(src: Path, tmp_path: Path, cli) -> None:
    settings = src / "handbook.yaml"
    settings.write_text("# 团队的手册设置\n" + settings.read_text("utf-8"), "utf-8")
    sheet = tmp_path / "more.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nhy,您好，有什么可以帮您？,通用礼仪\n"
                     "zj,欢迎您再来，祝您生活愉快！,通用礼仪\n"
                     "th,退货地址是【退货地址】，请写上订单号。,退换货\n", "utf-8")
    code, stdout, err = cli("import", sheet, "--out", src)
    assert code == 0, stdout + err
    text = settings.read_text("utf-8")
    assert text.startswith("# 团队的手册设置\n")  # comments and layout kept
    data = yaml.safe_load(text)
    assert [c["title"] for c in data["categories"]] == ["通用礼仪", "特殊字符", "退换货"]
    assert "退货地址" in data["placeholders"] and "店铺名称" in data["placeholders"]
    assert "跳过了 1 条话术库里已有的短语（编码或文字相同）：第 2 行" in stdout  # hy is there already
    library, _ = load_library(src)
    assert len({e.id for e in library.entries}) == len(library.entries)
    assert (src / "greeting" / "more.yaml").is_file()


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00\xd8", "CSV"),
    ("名字,年龄\n张三,20\n".encode(), "找不到"),
])
def test_unreadable_files_get_a_clear_message(tmp_path: Path, cli, content: bytes, message: str) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(content)
    code, _out, err = cli("import", sheet, "--out", tmp_path / "src")
    assert code == 2 and "Traceback" not in err
    assert message in err
    assert not (tmp_path / "src").exists()


def test_missing_file(tmp_path: Path, cli) -> None:
    code, _out, err = cli("import", tmp_path / "nope.csv", "--out", tmp_path / "src")
    assert code == 2 and "找不到要导入的文件" in err


def test_settings_that_cannot_be_merged_write_nothing(src: Path, tmp_path: Path, cli) -> None:
    settings = src / "handbook.yaml"
    settings.write_text(settings.read_text("utf-8").replace(
        "categories:\n  - {id: greeting, title: 通用礼仪}\n  - {id: odd, title: 特殊字符}\n",
        "categories: [{id: greeting, title: 通用礼仪}, {id: odd, title: 特殊字符}]\n"), "utf-8")
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    sheet = tmp_path / "new.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nth,退货请写上订单号。,退换货\n", "utf-8")
    code, _out, err = cli("import", sheet, "--out", src)
    assert code == 2
    assert "categories 写在一行里，无法自动追加：请手工加入" in err and "{id: tuihuanhuo, title: 退换货}" in err
    assert sorted(p.relative_to(src) for p in src.rglob("*")) == before


def test_brackets_that_are_headings_or_emoticons_stay() -> None:
    from generator.importer.convert import convert_placeholders

    text, blanks, kept = convert_placeholders("【温馨提示】亲，订单【订单号】已发出[微笑]，由[快递公司]配送", set())
    assert text == "【温馨提示】亲，订单{订单号}已发出[微笑]，由{快递公司}配送"
    assert kept == ["【温馨提示】", "[微笑]"] and blanks == []
    assert convert_placeholders("[赠品]已备好", {"赠品"})[0] == "{赠品}已备好"  # declared in the target source


def test_number_codes_and_tags_with_commas_read_back_as_written(tmp_path: Path, cli) -> None:
    """千牛 keeps codes like 0520; YAML would read them as numbers, and a comma would split a tag."""
    sheet = tmp_path / "短语.csv"
    rows = ["快捷编码,快捷短语,快捷短语分组", "0520,亲，感谢您的支持～,\"活动,节日\"", "1,好的亲～稍等,活动"]
    sheet.write_text("\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "src"
    code, stdout, err = cli("import", sheet, "--out", out, "--category", "promo")
    assert code == 0, stdout + err
    assert "S003" not in stdout  # the codes were quoted
    library, _ = load_library(out)
    assert [r.shortcut for e in library.entries for r in e.approved] == ["0520", "1"]
    assert [e.tags for e in library.entries] == [["活动,节日"], ["活动"]]


def test_control_characters_in_a_sheet_are_shown_not_sent_to_the_terminal(tmp_path: Path, cli) -> None:
    sheet = tmp_path / "短语.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\n\x1b[2J,亲，您好～,售后\x1b]0;pwned\x07\n", "utf-8")
    code, stdout, err = cli("import", sheet, "--out", tmp_path / "src")
    assert code == 1 and "S007" in stdout  # imported; the category's name has to lose its control characters
    assert "\x1b" not in stdout + err and "\x07" not in stdout + err
    assert "\\x1b]0;pwned\\x07" in stdout  # the new category, as the sheet names it


def test_a_new_library_gets_the_starter_lexicon_and_editor_schemas(tmp_path: Path, cli) -> None:
    sheet = tmp_path / "old.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nfx,给个好评返现五元哦,售后\nwx,有问题加我微信聊,售后\n"
                     "bz,这个我不知道呢,售后\n", "utf-8")
    out = tmp_path / "new-src"
    code, stdout, _err = cli("import", sheet, "--out", out)
    assert code == 1  # imported, and the starter's lexicon finds what must not be sent
    assert (out / "lexicon.yaml").read_text("utf-8") == (STARTER / "lexicon.yaml").read_text("utf-8")
    for word in ("好评返现", "加我微信", "不知道"):
        assert f"W001 回复里有禁用语「{word}」" in stdout
    assert sorted(p.name for p in (out / ".schema").iterdir()) == sorted(SCHEMA_FILES)


def test_init_copies_the_starter_and_never_a_used_folder(tmp_path: Path, cli) -> None:
    code, stdout, err = cli("init", tmp_path / "mine")
    assert code == 0, err
    assert "已新建源文件夹" in stdout
    code, stdout, _err = cli("check", tmp_path / "mine")
    assert code == 0 and "检查通过：" in stdout
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("团队的笔记", "utf-8")
    code, _out, err = cli("init", tmp_path / "used")
    assert code == 2 and "已存在，里面也有文件，但不像是以前生成的源文件夹：为安全起见不会覆盖" in err
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    code, _out, err = cli("init", STARTER)
    assert code == 2 and "是源文件夹或包含源文件夹" in err


def test_check_and_build_install_missing_or_stale_editor_schemas(tmp_path: Path, cli) -> None:
    src = Path(shutil.copytree(STARTER, tmp_path / "src"))
    shutil.rmtree(src / ".schema")
    code, _out, err = cli("check", src)
    assert code == 0 and "已更新" in err and "（4 个文件）" in err
    expected = {name: schema_text(shape) for name, shape in SCHEMA_FILES.items()}
    assert {p.name: p.read_text("utf-8") for p in (src / ".schema").iterdir()} == expected
    (src / ".schema" / "entries.schema.json").write_text("{}", "utf-8")  # from an older version
    code, _out, err = cli("build", "--src", src, "--out", tmp_path / "site")
    assert code == 0 and "（1 个文件）" in err
    assert (src / ".schema" / "entries.schema.json").read_text("utf-8") == expected["entries.schema.json"]
    code, _out, err = cli("check", src)
    assert code == 0 and "已更新" not in err  # nothing written when they are current


def test_groups_find_their_categories_and_a_second_import_adds_nothing(tmp_path: Path, cli) -> None:
    src = Path(shutil.copytree(STARTER, tmp_path / "src"))
    sheet = tmp_path / "old.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nwlcx,亲，物流信息我这边帮您盯着，有变化第一时间告诉您。,物流\n"
                     "shjd,退货寄回后我们会尽快验收，请您放心。,售后\nthh,退换货需要保持吊牌完好哦。,退换货\n"
                     "hdxx,本周店铺上新九五折。,活动\n", "utf-8")
    before = {p.relative_to(src) for p in src.rglob("*.yaml")}
    code, stdout, err = cli("import", sheet, "--out", src, "--map", "活动=presale")
    assert code == 0, stdout + err
    library, _ = load_library(src)
    imported = sorted(e.category for e in library.entries if e.approved[0].shortcut in ("wlcx", "shjd", "thh", "hdxx"))
    assert imported == ["aftersale", "aftersale", "presale", "shipping"]
    assert "分组「物流」放进了已有分类 shipping" in stdout and "--map 物流=分类编号" in stdout
    assert "新增分类" not in stdout
    after_first = {p.relative_to(src): p.read_bytes() for p in src.rglob("*.yaml")}
    assert len(after_first) == len(before) + 3  # shipping, aftersale and presale get an old.yaml each

    code, stdout, err = cli("import", sheet, "--out", src)
    assert code == 0, stdout + err
    assert "4 条短语都已在" in stdout and "没有写入任何文件" in stdout
    assert {p.relative_to(src): p.read_bytes() for p in src.rglob("*.yaml")} == after_first


def test_the_importer_reads_brackets_as_the_checker_does() -> None:
    from generator.importer.convert import convert_placeholders

    # R006 for 【确认】 (tests/checker/corpus/r006-bracket-means-a-blank); the same text imported:
    converted = convert_placeholders("核对无误的话，请回复【确认】（是的）", set())[0]
    assert converted == "核对无误的话，请回复{确认}（是的）"
    heading = "【温馨提示】亲，活动期间发货会稍慢一些[微笑]"
    assert convert_placeholders(heading, set()) == (heading, [], ["【温馨提示】", "[微笑]"])


def test_an_import_that_cannot_write_everything_writes_nothing(tmp_path: Path, cli) -> None:
    sheet = tmp_path / "old.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nhy,您好，有什么可以帮您？,通用礼仪\n"
                     "th,退货请写上订单号。,售后\n", "utf-8")
    out = tmp_path / "new-src"
    out.mkdir()
    (out / "shouhou").write_text("一个挡路的文件", "utf-8")  # where the 售后 category folder goes
    code, _out, err = cli("import", sheet, "--out", out)
    assert code == 1 and "shouhou" in err and "路径上有一个同名的文件挡住了文件夹；没有写入任何文件" in err
    assert sorted(p.name for p in out.iterdir()) == ["shouhou"]


def _truncated_sheet(path: Path) -> None:
    _small_book(path, lambda name, data: data[: len(data) // 2] if name.endswith("sheet1.xml") else data)


def _zip_bomb(path: Path) -> None:  # 300 MB of spaces inside the sheet, 300 KB on disk
    _small_book(path, lambda name, data: data.replace(b"<sheetData>", b"<sheetData>" + b" " * 300_000_000)
                if name.endswith("sheet1.xml") else data)


def _formula_cell(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["快捷编码", "快捷短语"])
    book.active.append(["hy", '=HYPERLINK("http://evil.example","点我")'])  # a live formula, not text
    book.save(path)


def _small_book(path: Path, change) -> None:
    import io
    import zipfile

    from openpyxl import Workbook

    book, buffer = Workbook(), io.BytesIO()
    book.active.append(["快捷编码", "快捷短语"])
    book.active.append(["hy", "您好"])
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))


@pytest.mark.parametrize("name, make, message", [
    ("truncated.xlsx", _truncated_sheet, "Excel 文件已损坏，读不完工作表（ParseError）"),
    ("formula.xlsx", _formula_cell, '第 2 行 B 列是公式（=HYPERLINK("http://evil.example","点我")），不是文字'),
    ("bomb.xlsx", _zip_bomb, "解压后超过 256 MB，不像一份快捷短语表（可能是压缩炸弹）：没有导入"),
    ("big-cell.csv", lambda p: p.write_text("快捷编码,快捷短语\nhy," + "长" * 200_000 + "\n", "utf-8"),
     "第 2 行：有一个单元格超过 131072 个字"),
    ("header-only.csv", lambda p: p.write_text("快捷编码,快捷短语,快捷短语分组\n", "utf-8"), "里没有读到任何短语"),
    ("empty.csv", lambda p: p.write_bytes(b""), "找不到表头"),
    ("nul.csv", lambda p: p.write_bytes("快捷编码,快捷短语\nhy,您好\x00世界\n".encode()), "无法识别文件编码"),
])
def test_hostile_sheets_get_one_clear_line_and_write_nothing(tmp_path: Path, cli, name: str, make,
                                                             message: str) -> None:
    sheet = tmp_path / name
    make(sheet)
    out = tmp_path / "src"
    code, stdout, err = cli("import", sheet, "--out", out)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() and stdout == ""


def test_codes_and_groups_with_path_characters_stay_inside_the_folder(tmp_path: Path, cli) -> None:
    sheet = tmp_path / "paths.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\n../x,路径编码,../../etc\nhy,一,售后\n", "utf-8")
    (tmp_path / "a-file").write_text("不是文件夹", "utf-8")
    code, _out, err = cli("import", sheet, "--out", tmp_path / "a-file")
    assert code == 2 and "--out" in err and "是一个文件，不是源文件夹" in err
    out = tmp_path / "src"
    code, stdout, _err = cli("import", sheet, "--out", out)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml"))
    assert written == ["etc/paths.yaml", "handbook.yaml", "lexicon.yaml", "policies.yaml", "shouhou/paths.yaml"]
    assert "编码「../x」不是 1–8 位字母或数字，已去掉" in stdout
    assert not (tmp_path / "etc").exists()


def test_twenty_thousand_rows_with_one_title_take_linear_time() -> None:
    from generator.importer.convert import Names

    names = Names({"aftersale-tuihuo"})
    claimed = [names.claim("aftersale-tuihuo") for _ in range(20_000)]
    assert claimed[:2] == ["aftersale-tuihuo-2", "aftersale-tuihuo-3"] and len(set(claimed)) == 20_000
    assert names.next_suffix["aftersale-tuihuo"] == 20_002  # one step per name, not a scan from -2
