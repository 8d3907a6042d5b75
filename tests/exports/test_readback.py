"""Every target's file read back by a real parser and compared with the source: same count,
same text, same codes."""

from __future__ import annotations

import csv
import io
import json
import plistlib
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from export_support import VARS, filled, source_replies
from openpyxl import load_workbook
from real_programs import rime_read_back

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_SCHEMA = ROOT / "generator" / "exports" / "library.schema.json"

# Generated codes users will type: pinyin initials of the title, a digit suffix on collision,
# never an explicit shortcut (hp is explicit, so 好评 gets hp2). Rime and 搜狗 take letters only.
CODES = ["hy", "hygl", "qsd", "qsd2", "qsdpk", "hp2", "hp", "gs", "gskt", "gskt2", "gskt3", "fh"]
LETTER_CODES = ["hy", "hygl", "qsd", "qsda", "qsdpk", "hpa", "hp", "gs", "gskt", "gskta", "gsktb", "fh"]


@pytest.fixture
def exported(src: Path, tmp_path: Path, cli) -> Path:
    out = tmp_path / "out"
    code, _out, stderr = cli("export", "--target", "all", "--src", src, "--out", out, *VARS)
    assert code == 0, stderr
    return out


def expected(src: Path) -> list[tuple[str, str]]:
    return [(group, filled(text)) for group, _id, text, _code in source_replies(src)]


def test_every_required_target_is_written(exported: Path) -> None:
    names = {p.name for p in exported.iterdir()}
    assert {"qianniu-quick-phrases.csv", "qianniu-quick-phrases.xlsx", "quick-phrases.csv", "quick-phrases.xlsx",
            "huashu.yml", "huashu.ahk", "text-substitutions.plist", "custom_phrase.txt", "PhraseEdit.txt",
            "zendesk-macros.json", "chatwoot-canned-responses.json", "huashu-library.json"} <= names
    assert not [n for n in names if n.endswith(".tmp")]


def test_qianniu_csv(exported: Path, src: Path) -> None:
    raw = (exported / "qianniu-quick-phrases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["快捷短语编码", "快捷短语", "快捷短语分组"]
    assert [r[0] for r in rows[1:]] == CODES
    assert [(r[2], r[1]) for r in rows[1:]] == expected(src)  # 千牛 reads text: no formula guard


def test_qianniu_csv_gbk(exported: Path, src: Path) -> None:
    rows = list(csv.reader(io.StringIO((exported / "qianniu-quick-phrases-gbk.csv").read_bytes().decode("gbk"))))
    assert [(r[2], r[1]) for r in rows[1:]] == expected(src)


@pytest.mark.parametrize("name, header, code_at, text_at, group_at", [
    ("qianniu-quick-phrases.xlsx", ("快捷编码", "快捷短语", "快捷短语分组"), 0, 1, 2),
    ("quick-phrases.xlsx", ("分组", "快捷编码", "短语内容", "标题", "话术编号", "渠道"), 1, 2, 0),
])
def test_xlsx_cells_are_text(exported: Path, src: Path, name: str, header: tuple[str, ...], code_at: int,
                             text_at: int, group_at: int) -> None:
    sheet = load_workbook(exported / name).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == header
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row)
    assert all(cell.quotePrefix for row in sheet.iter_rows(min_row=2) for cell in row if cell.value[0] in "=+-@")
    assert [r[code_at] for r in rows[1:]] == CODES
    assert [(r[group_at], r[text_at]) for r in rows[1:]] == expected(src)


def test_generic_sheet_csv_carries_ids_titles_channels(exported: Path, src: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((exported / "quick-phrases.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["话术编号"] for r in rows] == [i for _g, i, _t, _c in source_replies(src)]
    assert rows[0]["标题"] == "欢迎光临" and rows[0]["渠道"] == "chat"


def test_espanso_yaml_and_vendor_schema(exported: Path, src: Path, vendor_file: object) -> None:
    data = yaml.safe_load((exported / "huashu.yml").read_text("utf-8"))
    matches = data["matches"]
    assert [m["trigger"] for m in matches] == [f";{c};" for c in CODES]
    assert [m["replace"] for m in matches] == [t for _g, t in expected(src)]
    assert all(m["force_clipboard"] is True for m in matches)
    schema = vendor_file("espanso/match.schema.json")
    jsonschema.validate(data, json.loads(schema.read_text("utf-8")))


def read_ahk(path: Path) -> list[tuple[str, str]]:
    """Hotstrings per the AutoHotkey v2 docs: `:options:abbreviation::replacement`, where ` escapes
    the next character (`n `r `t `s are line feed, return, tab, space)."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "AutoHotkey v2 scripts with Chinese text need UTF-8 with BOM"
    table = {"n": "\n", "r": "\r", "t": "\t", "s": " "}
    found = []
    for line in raw.decode("utf-8-sig").split("\r\n"):
        if not line.startswith(":OT:"):
            assert not line or line.startswith((";", "#")), line
            continue
        abbreviation, replacement = re.split(r"(?<!`)::", line[4:], maxsplit=1)
        unescape = re.compile(r"`(.)")
        found.append((unescape.sub(lambda m: table.get(m[1], m[1]), abbreviation),
                      unescape.sub(lambda m: table.get(m[1], m[1]), replacement)))
        assert not re.search(r"[ \t];", replacement), "a ; after a space would start a comment"
    return found


def test_autohotkey_hotstrings(exported: Path, src: Path) -> None:
    hotstrings = read_ahk(exported / "huashu.ahk")
    assert hotstrings == list(zip([";" + c for c in CODES], [t for _g, t in expected(src)], strict=True))
    text = (exported / "huashu.ahk").read_text("utf-8-sig")
    assert "#Requires AutoHotkey v2.0" in text
    assert "`;" in text and "``代码``" in text  # ; and ` escaped


def test_macos_plist(exported: Path, src: Path) -> None:
    items = plistlib.loads((exported / "text-substitutions.plist").read_bytes())
    assert [(i["shortcut"], i["phrase"]) for i in items] == list(zip(CODES, [t for _g, t in expected(src)],
                                                                       strict=True))


def read_sogou(raw: bytes) -> list[tuple[str, str]]:
    assert raw.startswith(b"\xff\xfe"), "UTF-16 LE with BOM"
    lines = raw.decode("utf-16").split("\r\n")
    assert lines[-1] == ""
    found: list[tuple[str, list[str]]] = []
    for line in lines[:-1]:
        head = re.match(r"^([a-z]+),(\d+)=(.*)$", line)
        if head:
            found.append((head[1], [head[3]] if head[3] else []))
        elif line.startswith(";"):
            continue
        else:
            found[-1][1].append(line)
    return [(code, "\n".join(parts)) for code, parts in found]


def test_sogou_phrase_file(exported: Path, src: Path) -> None:
    texts = [t for _g, t in expected(src)]
    assert read_sogou((exported / "PhraseEdit.txt").read_bytes()) == list(zip(LETTER_CODES, texts, strict=True))


def test_rime_custom_phrase_loads_in_librime(exported: Path, src: Path, tmp_path: Path) -> None:
    path = exported / "custom_phrase.txt"
    lines = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert [(code, text) for text, code, _weight in lines] == list(zip(LETTER_CODES, [t for _g, t in expected(src)],
                                                                      strict=True))
    assert rime_read_back(path, tmp_path / "rime") == sorted((code, text) for text, code, _w in lines)


def test_zendesk_and_chatwoot(exported: Path, src: Path) -> None:
    macros = json.loads((exported / "zendesk-macros.json").read_text("utf-8"))["macros"]
    assert [m["actions"] for m in macros] == [[{"field": "comment_value", "value": t}] for _g, t in expected(src)]
    assert macros[0]["title"] == "通用礼仪::欢迎光临 1 [hy]"
    canned = json.loads((exported / "chatwoot-canned-responses.json").read_text("utf-8"))
    assert canned == [{"short_code": c, "content": t} for c, (_g, t) in zip(CODES, expected(src), strict=True)]


def test_library_json_matches_its_schema(exported: Path, src: Path) -> None:
    document = json.loads((exported / "huashu-library.json").read_text("utf-8"))
    jsonschema.validate(document, json.loads(LIBRARY_SCHEMA.read_text("utf-8")))
    replies = [r for e in document["entries"] for r in e["approved"]]
    every = source_replies(src, "chat") + source_replies(src, "phone")
    assert len(replies) == len({(i, t) for _g, i, t, _c in every})  # every channel, each reply once
    assert replies[0] == {"text": "亲，您好！欢迎光临{店铺名称}，我是客服{客服工号}，请问有什么可以帮您？",
                          "shortcut": "hy", "code": "hy"}  # placeholders kept as written
