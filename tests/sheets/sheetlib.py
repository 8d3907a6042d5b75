"""A small library for the sheet tests, and readers for what the PDFs contain (pypdf, poppler)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader

from generator.model import load_library
from generator.site.context import BuildContext
from generator.text.placeholders import SLOT

BUILD_DATE = dt.date(2026, 11, 22)
HOSTILE = "<script>alert('x')</script>"
A4 = (595.3, 841.9)  # points
BODY = (14 / 297, (297 - 13) / 297)  # the part of an A4 page between the running header and footer

SETTINGS = {
    "title": "测试话术手册",
    "categories": [
        {"id": "greeting", "title": "通用礼仪", "description": "开场与告别"},
        {"id": "presale", "title": "售前咨询"},
        {"id": "phone", "title": "电话服务"},
    ],
    "placeholders": {"店铺名称": {"description": "店铺名", "example": "小蓝鲸旗舰店", "scope": "shop"},
                     "客服工号": {"description": "工号", "example": "1024", "scope": "agent"},
                     "商品名称": {"description": "商品", "example": "羽绒服"}},
}
LEXICON = {"forbidden": [
    {"text": "不知道", "reason": "推卸", "instead": "我马上帮您核实一下"},
    {"text": "加微信", "reason": "站外联系", "instead": "有问题随时在这里找我"},
    {"text": "嗯", "reason": "敷衍", "instead": "好的，我明白了", "match": "whole"},
]}


def _entry(entry_id: str, title: str, replies: list, **extra: object) -> dict:
    return {"id": entry_id, "title": title, "scenario": f"{title}的场景", "approved": replies, **extra}


def _greeting() -> list[dict]:
    return [
        _entry("greeting-hello", "标准开场问候",
               [{"text": "亲，您好！欢迎光临{店铺名称}，我是客服{客服工号}，请问有什么可以帮您？", "shortcut": "hy"},
                "您好，这里是{店铺名称}，很高兴为您服务。"],
               channels=["chat"], tags=["开场"], top=True,
               forbidden=[{"text": "有事吗", "reason": "冷淡", "instead": "请问有什么可以帮您？"}]),
        _entry("greeting-wait", "请顾客稍等", [{"text": "请您稍等，我马上为您查询账户和手机号～", "shortcut": "sd"}],
               tags=["等待"], top=True),
        _entry("greeting-bye", "感谢与告别", [{"text": "感谢您的光临，祝您生活愉快！", "shortcut": "gb"}],
               tags=["结束"], top=True),
        _entry("greeting-hostile", HOSTILE, [{"text": f"显示为文字：{HOSTILE} & <b>不加粗</b>", "shortcut": "xss"}],
               channels=["chat"], forbidden=[{"text": "<i>斜体</i>", "instead": "<u>照常</u>"}]),
    ]


def _presale(count: int) -> list[dict]:
    """Enough long replies for several pages: page and column breaks must not cut any of them."""
    body = "这款{商品名称}采用优质面料，做工细致，日常通勤和周末出行都很合适，洗涤时建议冷水手洗、平铺晾干，避免暴晒。"
    return [_entry(f"presale-item-{n:02d}", f"商品问题第{n}条",
                   [{"text": f"第{n}条：{body * (1 + n % 3)}", "shortcut": f"sp{n:02d}"},
                    f"补充{n}：如有其他问题请随时联系{{店铺名称}}客服。"],
                   channels=["chat"], top=True)
            for n in range(1, count + 1)]


def _phone() -> list[dict]:
    return [
        _entry("phone-answer", "电话接听开场", ["您好，{店铺名称}客服中心，工号{客服工号}，很高兴为您服务。"],
               channels=["phone"], tags=["接听"]),
        _entry("phone-silent", "无声电话", ["您好，请问能听到我说话吗？如果听得到请您大声一点。"], channels=["phone"]),
        _entry("phone-hangup", "结束通话", ["感谢您的来电，再见！请您先挂机。"], channels=["phone"], tags=["结束"]),
    ]


def write_library(root: Path, presale_count: int = 30) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "handbook.yaml").write_text(yaml.safe_dump(SETTINGS, **dump), "utf-8")
    (root / "lexicon.yaml").write_text(yaml.safe_dump(LEXICON, **dump), "utf-8")
    (root / "policies.yaml").write_text(yaml.safe_dump({"policies": []}, **dump), "utf-8")
    for category, entries in (("greeting", _greeting()), ("presale", _presale(presale_count)), ("phone", _phone())):
        (root / category).mkdir(exist_ok=True)
        (root / category / "entries.yaml").write_text(yaml.safe_dump({"entries": entries}, **dump), "utf-8")
    return root


def context(src: Path, variables: dict[str, str] | None = None, serving: bool = False) -> BuildContext:
    library, findings = load_library(src)
    assert not [f for f in findings if f.level == "error"], findings
    return BuildContext(library=library, src=src, build_date=BUILD_DATE, version="9.9.9",
                        variables=variables or {}, serving=serving)


# --- reading the PDFs back -------------------------------------------------------------------

def canon(text: str) -> str:
    """Text compared without whitespace (line breaks fall anywhere in a column)."""
    return re.sub(r"\s+", "", text)


def printed(text: str, values: dict[str, str] | None = None) -> str:
    """A reply as the sheet prints it: filled slots show the value, blanks the slot's name."""
    return SLOT.sub(lambda m: (values or {}).get(m.group(1), m.group(1)), text)


@dataclass(frozen=True)
class PageText:
    text: str  # as pypdf extracts it
    left: str  # the text drawn in the left half, then the right half, whitespace removed
    right: str


@functools.cache
def read_pdf(path: Path) -> tuple[PageText, ...]:
    """Each page's text, read once per file (pypdf is slow on pages of CJK glyphs)."""
    return tuple(_page_text(page) for page in PdfReader(path).pages)


def _page_text(page: object) -> PageText:
    width = float(page.mediabox.width)
    left: list[str] = []
    right: list[str] = []

    def visit(text: str, cm: list, tm: list, *_: object) -> None:
        x = cm[4] + tm[4] * cm[0]
        (left if x < width / 2 else right).append(text)

    text = page.extract_text(visitor_text=visit)
    return PageText(text, canon("".join(left)), canon("".join(right)))


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table, read from both ends of each line (a long font name runs into the next column)."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line.split() for line in lines[2:]]
    return [{"name": row[0], "type": " ".join(row[1:-6]), "emb": row[-5], "uni": row[-3]} for row in rows]


def ink_ratios(pdf: Path, tmp: Path) -> list[float]:
    """Share of dark pixels in each page's body (the running header and footer cut off), rendered
    by pdftoppm as greyscale PGM."""
    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(prefix)], check=True)
    ratios = []
    for image in sorted(tmp.glob(f"{pdf.stem}-*.pgm")):
        data = image.read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", data)
        assert header, image
        width, height = int(header[1]), int(header[2])
        top, bottom = round(height * BODY[0]), round(height * BODY[1])
        pixels = data[header.end() + top * width:header.end() + bottom * width]
        ratios.append(sum(1 for p in pixels if p < 160) / len(pixels))
    return ratios
