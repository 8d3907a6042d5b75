"""The PDFs read back: A4, page counts, every reply whole in one column of one page, fonts embedded,
pages not blank, hostile text printed as text. The fixture library is printed once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sheetlib import A4, HOSTILE, canon, context, fonts, ink_ratios, printed, read_pdf

from generator.sheets.render import RenderedSheet, render_sheets
from generator.site.context import BuildContext


@pytest.fixture(scope="module")
def printed_sheets(sheet_src: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RenderedSheet, Path]]:
    out = tmp_path_factory.mktemp("pdf")
    result = {}
    for rendered in render_sheets(*_inputs(context(sheet_src))):
        path = out / rendered.filename
        path.write_bytes(rendered.pdf)
        result[rendered.sheet.id] = (rendered, path)
    return result


def _inputs(ctx: BuildContext) -> tuple:
    return ctx.library, ctx.stamp, ctx.variables


def test_every_page_is_a4_and_page_counts_match(printed_sheets: dict) -> None:
    for rendered, path in printed_sheets.values():
        reader = PdfReader(path)
        assert len(reader.pages) == rendered.pages
        for page in reader.pages:
            assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
            assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)
    assert printed_sheets["category-presale"][0].pages >= 2  # long enough to test page breaks
    assert printed_sheets["chat"][0].pages >= 3


def test_most_used_sheets_fit_one_page_and_say_what_was_left_off(printed_sheets: dict) -> None:
    chat_top, path = printed_sheets["chat-top"]
    assert chat_top.pages == 1
    assert 0 < chat_top.sheet.omitted < 33  # 33 top entries cannot all fit on one page
    assert len(chat_top.sheet.items) + chat_top.sheet.omitted == 33
    text = canon(read_pdf(path)[0].text)
    assert canon(f"另有 {chat_top.sheet.omitted} 条话术放不下这一页") in text
    assert printed_sheets["phone-top"][0].pages == 1 and printed_sheets["phone-top"][0].sheet.omitted == 0


def test_every_reply_is_printed_whole_in_one_column_of_one_page(printed_sheets: dict) -> None:
    for rendered, path in printed_sheets.values():
        places = [text for page in read_pdf(path) for text in (page.left, page.right)]
        for item in rendered.sheet.items:
            for line in item.lines:
                expected = canon(printed(line.text))
                assert any(expected in place for place in places), (rendered.sheet.id, line.text)
            assert any(canon(item.title) in place for place in places)


def test_header_footer_and_dont_box_are_printed(printed_sheets: dict) -> None:
    _, path = printed_sheets["category-greeting"]
    pages = [canon(page.text) for page in read_pdf(path)]
    for number, text in enumerate(pages, 1):
        assert canon("测试话术手册") in text and canon("通用礼仪 速查表") in text
        assert canon("生成日期 2026-11-22 · 版本 9.9.9") in text
        assert canon(f"第 {number} / {len(pages)} 页") in text
    whole = "".join(pages)
    for wording in ("不要说 → 改说", "不知道 → 我马上帮您核实一下", "有事吗 → 请问有什么可以帮您？"):
        assert canon(wording) in whole, wording


def test_text_layer_gives_back_the_characters_not_radicals(printed_sheets: dict) -> None:
    """Searching a PDF for 手册 must work: Noto Sans CJK draws 手 with the glyph of the radical ⼿
    (U+2F3F), and a PDF writer that maps glyphs back to the lowest code point would write that."""
    for _, path in printed_sheets.values():
        text = "".join(page.text for page in read_pdf(path))
        assert not re.search("[\u2e80-\u2fdf]", text), path.name
        assert "话术手册" in text and "页" in text


def test_hostile_text_is_printed_as_text(printed_sheets: dict) -> None:
    _, path = printed_sheets["category-greeting"]
    text = "".join(canon(page.text) for page in read_pdf(path))
    assert canon(HOSTILE) in text
    assert canon("<b>不加粗</b>") in text and canon("<i>斜体</i>") in text


def test_fonts_are_embedded_with_unicode_maps(printed_sheets: dict) -> None:
    for _, path in printed_sheets.values():
        found = fonts(path)
        assert found and all(f["emb"] == "yes" and f["uni"] == "yes" for f in found), (path.name, found)


def test_cjk_text_is_set_in_embedded_noto_cjk(printed_sheets: dict) -> None:
    """Real CID fonts (not Type 3 glyph procedures): Noto Sans CJK SC for the text, bold for titles,
    Noto Sans Mono CJK SC for the shortcut codes."""
    for rendered, path in printed_sheets.values():
        found = fonts(path)
        names = {font["name"].split("+", 1)[-1] for font in found}
        codes = any(line.shortcut for item in rendered.sheet.items for line in item.lines)
        wanted = {"NotoSansCJKsc-Regular-Identity-H", "NotoSansCJKsc-Bold-Identity-H"}
        assert wanted | ({"NotoSansMonoCJKsc-Bold-Identity-H"} if codes else set()) <= names, (path.name, names)
        assert all(font["type"].startswith("CID") for font in found), (path.name, found)


def test_pages_are_not_blank(printed_sheets: dict, tmp_path: Path) -> None:
    for _, path in printed_sheets.values():
        ratios = ink_ratios(path, tmp_path)
        assert ratios and all(ratio > 0.002 for ratio in ratios), (path.name, ratios)


def test_filled_placeholders_replace_the_blanks(sheet_src: Path) -> None:
    values = {"店铺名称": "小蓝鲸旗舰店", "客服工号": "1024"}
    (rendered,) = render_sheets(*_inputs(context(sheet_src, values)), ids={"category-phone"})
    text = "".join(canon(page.extract_text()) for page in _reader(rendered).pages)
    assert canon("您好，小蓝鲸旗舰店客服中心，工号1024，很高兴为您服务。") in text
    assert canon("已填入：店铺名称 = 小蓝鲸旗舰店；客服工号 = 1024") in text
    assert "下划线" not in text


def _reader(rendered: RenderedSheet) -> PdfReader:
    import io

    return PdfReader(io.BytesIO(rendered.pdf))
