"""Headless Chromium (Debian's, driven by Playwright) turns sheet HTML into PDF.

Chromium rather than WeasyPrint: the site's print pages are printed by the agents' browsers,
and Chromium is the engine most of them use, so the PDF and a sheet printed from the site come
from the same layout engine (CSS columns, `break-inside`, @page margin boxes) and look the same.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from types import TracebackType

from pypdf import PdfReader

from generator.errors import BuildError

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google at every start.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> Path:
    path = Path(os.environ.get("HANDBOOK_CHROMIUM") or DEFAULT_CHROMIUM)
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise BuildError(f"找不到 Chromium 浏览器：{path}。生成 PDF 速查表需要它：请安装 chromium"
                         "（Debian/Ubuntu：sudo apt install chromium），"
                         "或用环境变量 HANDBOOK_CHROMIUM 指定浏览器路径。")
    return path


def require_cjk_font() -> None:
    """Fail before rendering rather than print a PDF of empty boxes."""
    fc_list = shutil.which("fc-list")
    found = ""
    if fc_list:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,
                               check=False).stdout.strip()
    if not found:
        raise BuildError("未找到中文字体（fc-list :lang=zh 没有结果），PDF 里的中文会显示成方框。"
                         "请安装 fonts-noto-cjk（Debian/Ubuntu：sudo apt install fonts-noto-cjk）后重试。")


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


class PdfPrinter:
    """One browser session for all the sheets of a build (starting Chromium takes a second)."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None
        self._page = None

    def __enter__(self) -> PdfPrinter:
        executable = chromium_path()
        require_cjk_font()
        from playwright.sync_api import Error, sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(executable), args=CHROMIUM_ARGS,
                env={**os.environ, "TZ": "UTC"})  # the PDF's dates then always end in +00'00'
        except Error as err:
            self._playwright.stop()
            raise BuildError(f"无法启动 Chromium（{executable}）：{_first_line(err)}") from None
        self._page = self._browser.new_page()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def draft(self, html: str) -> bytes:
        """Chromium's PDF as printed: right layout and page count; `textlayer.fix_pdf` finishes it."""
        from playwright.sync_api import Error

        page = self._page
        try:
            page.set_content(html, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        except Error as err:  # e.g. no room left on the disk for Chromium's print job
            raise BuildError(f"Chromium 没能生成 PDF 速查表（{_first_line(err)}）："
                             "请确认磁盘还有空间、文件大小没有受限，再试一次") from None


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__

