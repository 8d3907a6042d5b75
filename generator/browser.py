"""Debian's Chromium, headless, driven by Playwright, for what needs a real browser outside the
tests: the audit runs the site's own search engine in it."""

from __future__ import annotations

import os
from pathlib import Path

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
        raise BuildError(f"找不到 Chromium 浏览器：{path}。用网站搜索查找手册里还没有的问题需要它：请安装 chromium"
                         "（Debian/Ubuntu：sudo apt install chromium），用环境变量 HANDBOOK_CHROMIUM 指定浏览器路径，"
                         "或加 --no-gaps 跳过这一步。")
    return path
