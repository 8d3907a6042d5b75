"""The downloads page: every section's downloadable files, grouped by tool, with how to use them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.site.layout import DOWNLOADS_DIR
from generator.site.markup import render
from generator.site.page import DownloadGroup, Page
from generator.site.sections.base import Section

if TYPE_CHECKING:
    from generator.site.context import BuildContext

DOWNLOADS_PAGE = f"{DOWNLOADS_DIR}/index.md"
PREVIEW_NOTE = ("预览时不生成打印表和导出文件（快捷短语文件、PDF），好让保存后马上看到改动。"
                "运行 handbook build 后，这里会有全部下载文件和导入说明。")


class DownloadsSection(Section):
    """Made after the other sections, from the groups they offer."""

    nav_order = 1000  # last in the nav

    def __init__(self, ctx: BuildContext, groups: list[DownloadGroup]) -> None:
        super().__init__(ctx)
        self.groups = groups

    def pages(self) -> list[Page]:
        ordered = sorted(self.groups, key=lambda g: (g.order, g.title))
        items = [{"group": g, "files": [{"label": d.label, "href": d.filename, "size": _size(d.size)}
                                        for d in g.downloads]} for g in ordered]
        preview = PREVIEW_NOTE if self.ctx.serving else ""
        return [Page(DOWNLOADS_PAGE, "下载", html=render("downloads.html", groups=items, preview=preview))]


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
