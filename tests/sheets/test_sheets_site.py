"""The sheets in the site: the 打印速查表 page, print pages that print like the PDFs, PDFs as downloads,
and nothing of the sheet stylesheet on other pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sheetlib import canon, context, write_library

from generator.site.layout import DOWNLOADS_DIR
from generator.site.sections.sheets import INDEX, STYLESHEET, SheetsSection, print_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    src = write_library(base / "src", presale_count=6)
    out = base / "site"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(src), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    return out


def test_preview_mode_skips_the_sheets_and_says_so(sheet_src: Path) -> None:
    """The preview lays out no sheet (a big library's print pages took a quarter of each rebuild)."""
    section = SheetsSection(context(sheet_src, serving=True))
    pages = {page.path: page for page in section.pages()}
    assert list(pages) == [INDEX] and "预览时不生成打印表" in pages[INDEX].markdown
    assert section.downloads() == []


def test_print_pages_are_linked_and_kept_out_of_search(sheet_src: Path) -> None:
    section = SheetsSection(context(sheet_src))
    pages = {page.path: page for page in section.pages()}
    chat = pages[print_page("chat")]
    assert not chat.in_nav and pages[INDEX].in_nav and "预览" not in pages[INDEX].markdown
    assert f'href="../{STYLESHEET}"' in chat.html and 'class="hbs-sheet' in chat.html
    assert chat.is_html  # the sheet's HTML is never parsed as Markdown (millions of characters)
    assert "exclude: true" in chat.markdown  # kept out of the site search (the entries are there already)


def test_index_links_every_print_page_and_pdf(site: Path) -> None:
    index = (site / "sheets" / "index.html").read_text("utf-8")
    for sheet_id in ("category-greeting", "category-presale", "category-phone", "chat", "phone", "chat-top"):
        assert f'href="{sheet_id}.html"' in index
        assert f'href="../{DOWNLOADS_DIR}/sheet-{sheet_id}.pdf"' in index
        assert (site / "sheets" / f"{sheet_id}.html").is_file()
        assert (site / DOWNLOADS_DIR / f"sheet-{sheet_id}.pdf").read_bytes().startswith(b"%PDF")
    assert "打印速查表（PDF）" in (site / DOWNLOADS_DIR / "index.html").read_text("utf-8")


PRINTED = """() => [...document.querySelectorAll(
    '.hbs-sheet__title, .hbs-sheet__slots span, .hbs-section, .hbs-item__title, .hbs-reply__text, .hbs-dont, '
    + '.hbs-donts__more, .hbs-sheet__omitted')].map(e => e.textContent)"""


@pytest.mark.parametrize("sheet_id", ["chat", "chat-top"])
def test_the_print_page_and_the_pdf_show_the_same_sheet(browser: object, site: Path, sheet_id: str) -> None:
    """The browser lays out the print page, Typst the PDF: both show the same head, sections,
    entries, replies, dont box and notes in the same order, and printing hides the site around it."""
    page = browser.new_page()
    try:
        page.goto((site / "sheets" / f"{sheet_id}.html").as_uri())
        assert page.locator(".hbs-sheet-toolbar").is_visible()
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.hbs-sheet-toolbar']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
        assert hidden and set(hidden) == {"none"}
        shown = [canon(text) for text in page.evaluate(PRINTED)]
    finally:
        page.close()
    pdf = canon("".join(p.extract_text() for p in PdfReader(site / DOWNLOADS_DIR / f"sheet-{sheet_id}.pdf").pages))
    assert len(shown) > 20
    position = 0
    for text in shown:
        found = pdf.find(text, position)
        assert found >= 0, f"{text!r} is not in the PDF after position {position}"
        position = found + len(text)


def test_other_pages_do_not_load_the_sheet_stylesheet(browser: object, site: Path) -> None:
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        sheets = page.evaluate("() => [...document.styleSheets].map(s => s.href || '')")
        assert sheets and not any("sheets/sheet.css" in href for href in sheets)
    finally:
        page.close()
