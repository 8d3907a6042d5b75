"""`handbook serve`: preview the site while editing; pages rebuild when a source file is saved."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from generator.errors import BuildError, UsageError

ORDER = 21


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="本地预览手册网站（修改源文件后自动刷新）",
        description="在本机启动预览网站：修改 scripts_src/ 里的 YAML 或 handbook/ 里的页面后，浏览器自动刷新。"
                    "预览时不生成打印表和导出文件，只检查错误（近似重复、标点排版这类提醒不查），没改动的分类页沿用上一次的结果；"
                    "正式发布请用 handbook build。按 Ctrl+C 结束。")
    parser.add_argument("--addr", "-a", default="127.0.0.1:8000", metavar="地址:端口",
                        help="预览网站的地址（默认 127.0.0.1:8000）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's documented switch for its end-of-life notice
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from generator.site.publish import CONFIG_FILE

    if not Path(CONFIG_FILE).is_file():
        raise UsageError(f"找不到网站配置 {CONFIG_FILE}：请在项目根目录运行 handbook serve")
    _show_mkdocs_log()
    print(f"正在启动预览：http://{args.addr}/（修改源文件后自动刷新，按 Ctrl+C 结束）", flush=True)
    try:
        serve(config_file=CONFIG_FILE, dev_addr=args.addr)
    except MkDocsException as err:
        raise BuildError(f"预览网站启动失败：{err}") from None
    return 0


def _show_mkdocs_log() -> None:
    """MkDocs reports rebuilds and source errors through logging, which its own command sets up."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
