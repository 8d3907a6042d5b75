"""Smoke run over the starter library: every sheet prints, on A4, with every reply whole."""

from __future__ import annotations

import re
from pathlib import Path

from sheetlib import BUILD_DATE, canon, ink_ratios, printed, read_pdf

from generator.lint.engine import check_source
from generator.sheets.render import render_sheets
from generator.site.context import BuildContext


def test_starter_library_sheets(starter_src: Path, tmp_path: Path) -> None:
    result = check_source(starter_src, BUILD_DATE)
    ctx = BuildContext(library=result.library, src=starter_src, build_date=BUILD_DATE, version="0")
    sheets = render_sheets(ctx.library, ctx.stamp, ctx.variables)
    ids = [s.sheet.id for s in sheets]
    assert {"chat", "phone", "chat-top", "phone-top"} <= set(ids)
    assert sum(i.startswith("category-") for i in ids) == len({e.category for e in result.library.entries})
    for rendered in sheets:
        path = tmp_path / rendered.filename
        path.write_bytes(rendered.pdf)
        pages = read_pdf(path)
        assert len(pages) == rendered.pages
        if rendered.sheet.one_page:
            assert rendered.pages == 1
        places = [text for page in pages for text in (page.left, page.right)]
        for item in rendered.sheet.items:
            for line in item.lines:
                assert any(canon(printed(line.text)) in place for place in places), (rendered.filename, line.text)
        assert not re.search("[\u2e80-\u2fdf]", "".join(p.text for p in pages)), rendered.filename
        if rendered.sheet.donts:  # the 不要说 → 改说 box: placeholders printed as blanks, and whole on
            texts = [canon(page.text) for page in pages]  # one page unless it is longer than a page
            box = next(i for i, text in enumerate(texts) if "不要说→改说" in text)
            last = (rendered.sheet.donts.general or rendered.sheet.donts.own)[-1]
            whole = canon(printed(last.instead or last.texts[-1]))[:12] in texts[box]
            header = canon(result.library.title + rendered.sheet.title)  # the running header comes first
            starts_the_page = texts[box].split("不要说→改说")[0] == header
            assert whole or starts_the_page, f"{rendered.filename}: the box was split although it began mid-page"
            assert not re.search(r"\{[^{}\s]+\}", "".join(texts[box:])), rendered.filename
        assert all(ratio > 0.002 for ratio in ink_ratios(path, tmp_path)), rendered.filename
