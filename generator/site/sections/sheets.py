"""The "打印速查表" pages: a list of the sheets, one print page per sheet, and the PDFs as downloads.

The print pages and the PDFs come from the same sheet plan and wording (the browser lays out the
one, Typst the other); the stylesheet is linked from the print pages only, so its @page and print
rules change nothing elsewhere in the site.
"""

from __future__ import annotations

from functools import cached_property
from html import escape
from typing import TYPE_CHECKING

from generator.sheets.html import stylesheet
from generator.sheets.render import PendingSheets, RenderedSheet, SheetRenderer
from generator.sheets.typeset import cjk_fonts
from generator.site.layout import DOWNLOADS_DIR, file_href
from generator.site.page import MARKER, Asset, Download, DownloadGroup, Page
from generator.site.sections.base import Section

if TYPE_CHECKING:
    from generator.site.context import BuildContext
    from generator.site.stored import FileStore

INDEX = "sheets/index.md"
STYLESHEET = "assets/sheets/sheet.css"
PRINT_HOWTO = (
    "用 Chrome 或 Edge 打开打印页，按 Ctrl+P（Mac：⌘+P）：纸张 A4，缩放“默认 / 100%”，"
    "勾选“背景图形”，取消“页眉和页脚”。打印出来的内容和 PDF 相同。"
)
DOWNLOAD_HOWTO = (
    "A4 速查表，内容和网站“打印速查表”页面相同。打印时纸张选 A4，缩放选“实际大小”或 100%，"
    "不要选“适合页面”。占位符印成下划线空白；需要印上店铺名称等固定信息时，用命令 "
    "`handbook sheets --out 文件夹 --var 店铺名称=…` 生成。"
)

PRINT_FRONT_MATTER = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n\n"
PREVIEW_NOTE = ("预览时不生成打印表（打印页和 PDF），好让保存后马上看到改动。"
                "运行 handbook build 或 mkdocs build 后，这里会列出全部速查表。")


class SheetsSection(Section):
    nav_order = 60

    def __init__(self, ctx: BuildContext, store: FileStore | None = None) -> None:
        super().__init__(ctx, store)
        self.renderer = SheetRenderer(ctx.library, ctx.stamp, ctx.variables, ctx.to_variant)
        # Missing fonts stop the build here, before any helper process is started.
        self.fonts = None if ctx.serving else cjk_fonts()
        self.pending: PendingSheets | None = None

    def start(self) -> None:
        """Typst sets the PDFs in helper processes while the build makes the site. The preview
        renders none: laying out and parsing every print page took a quarter of each rebuild of a
        big library."""
        if not self.ctx.serving and self.pending is None:
            self.pending = self.renderer.start_pdfs(fonts=self.fonts)

    @cached_property
    def rendered(self) -> list[RenderedSheet]:
        """Pages and downloads come from one rendering."""
        self.start()  # a section made on its own is started when first asked
        if self.pending is None:  # serving
            return []
        return self.pending.result(progress=self.ctx.progress)

    def pages(self) -> list[Page]:
        sheets = self.rendered
        return [Page(INDEX, "打印速查表", index_markdown(self.ctx, sheets)),
                *(Page(print_page(s.sheet.id), s.sheet.title, PRINT_FRONT_MATTER + MARKER, print_html(s), in_nav=False)
                  for s in sheets)]

    def downloads(self) -> list[DownloadGroup]:
        files = tuple(Download(s.filename, f"{s.sheet.title}（PDF，{s.pages} 页）", s.pdf)
                      for s in self.rendered if s.pdf)
        if not files:
            return []
        return [DownloadGroup("打印速查表（PDF）", DOWNLOAD_HOWTO, files, order=30)]

    def assets(self) -> list[Asset]:
        return [Asset(STYLESHEET, stylesheet().encode("utf-8"))]


def print_page(sheet_id: str) -> str:
    return f"sheets/{sheet_id}.md"


def index_markdown(ctx: BuildContext, sheets: list[RenderedSheet]) -> str:
    rows = "".join(_index_row(s) for s in sheets)
    blanks = ("占位符已按生成时给定的值填入，其余印成下划线空白" if ctx.variables
              else "占位符印成下划线空白，由客服手写填上")
    serving = ('<div class="admonition note"><p class="admonition-title">预览模式</p>'
               f"<p>{escape(PREVIEW_NOTE)}</p></div>" if ctx.serving else "")
    return (
        "# 打印速查表\n\n"
        '<p class="hb-lead">放在工位上的 A4 速查表：按分类、按渠道（在线 / 电话），以及每个渠道一页纸的常用话术。'
        f"每条话术印有标题、快捷编码和回复原文；{blanks}；每张表末尾有“不要说 → 改说”提示框。</p>\n"
        f"{serving}\n"
        f"<p>{escape(PRINT_HOWTO)}</p>\n\n"
        '<table><thead><tr><th>速查表</th><th>内容</th><th>页数</th><th>打印</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>\n"
    )


def _index_row(sheet: RenderedSheet) -> str:
    page = f'<a href="{escape(file_href(print_page(sheet.sheet.id).removesuffix(".md") + ".html", INDEX))}">打印页</a>'
    pdf = (f' · <a href="{escape(file_href(f"{DOWNLOADS_DIR}/{sheet.filename}", INDEX))}" download>PDF</a>'
           if sheet.pdf else "")
    pages_cell = str(sheet.pages) if sheet.pdf else "—"
    return (f"<tr><td>{escape(sheet.sheet.title)}</td><td>{escape(sheet.sheet.subtitle)}</td>"
            f'<td>{pages_cell}</td><td style="white-space: nowrap">{page}{pdf}</td></tr>')


def print_html(sheet: RenderedSheet) -> str:
    """The print page's toolbar and sheet, as HTML that Markdown never parses (the 24 sheets of
    10,000 entries are 5.5 million characters: parsing them took a tenth of a build)."""
    path = print_page(sheet.sheet.id)
    pdf = (f' <a class="md-button" href="{escape(file_href(f"{DOWNLOADS_DIR}/{sheet.filename}", path))}" download>'
           "下载 PDF</a>" if sheet.pdf else "")
    return (
        f'<div class="hbs-sheet-toolbar"><link rel="stylesheet" href="{escape(file_href(STYLESHEET, path))}">'
        '<a href="index.html">← 全部速查表</a> '
        '<button class="md-button md-button--primary" type="button" onclick="window.print()">打印本表</button>'
        f"{pdf}</div>\n\n{sheet.fragment}"
    )


